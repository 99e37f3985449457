// SPDX-License-Identifier: EUPL-1.2
// The admin's municipality page: the coordinator invitations waiting for an answer, and a new one.
import { Form } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { ErrorSummary, Field } from "~/components/forms";
import { formatDate } from "~/lib/dates";
import type { FieldErrors } from "~/lib/validation";

interface Props {
  invitations: Array<{ id: string; email: string; invitedAt: string; expiresAt: string; inviterName: string | null }>;
  errors: FieldErrors | null;
  values: Record<string, string> | null;
  busy: boolean;
  inactive: boolean;
}

export function CoordinatorInvitations({ invitations, errors, values, busy, inactive }: Props) {
  const action = (intent: "resend" | "withdraw", id: string, label: string) => (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="invitationId" value={id} />
      <button type="submit" className={intent === "resend" ? "btn-secondary" : "btn-link"} disabled={busy}>
        {label}
      </button>
    </Form>
  );
  return (
    <section aria-labelledby="invitations-heading" className="mt-10">
      <h2 id="invitations-heading">Inbjudna samordnare</h2>
      {invitations.length === 0 ? (
        <p>Ingen inbjudan till samordnare väntar på svar.</p>
      ) : (
        <DataTable label="Inbjudningar som väntar på svar" caption="Inbjudningar till samordnare som väntar på svar">
          <thead>
            <tr>
              <th scope="col">E-post</th>
              <th scope="col">Inbjuden</th>
              <th scope="col">Gäller till</th>
              <th scope="col">Gör</th>
            </tr>
          </thead>
          <tbody>
            {invitations.map((i) => (
              <tr key={i.id}>
                <th scope="row" className="font-normal break-all">
                  {i.email}
                </th>
                <td>
                  {formatDate(i.invitedAt)}
                  {i.inviterName ? ` av ${i.inviterName}` : ""}
                </td>
                <td>{formatDate(i.expiresAt)}</td>
                <td className="flex flex-wrap gap-2">
                  {action("resend", i.id, `Skicka igen till ${i.email}`)}
                  {action("withdraw", i.id, `Återkalla inbjudan till ${i.email}`)}
                </td>
              </tr>
            ))}
          </tbody>
        </DataTable>
      )}
      {inactive ? (
        <p>Kommunen är avaktiverad och tar inte emot nya inbjudningar.</p>
      ) : (
        <>
          <ErrorSummary errors={errors} labels={{ email: "E-post" }} />
          <Form method="post" noValidate className="mt-4 max-w-xl">
            <input type="hidden" name="intent" value="invite-coordinator" />
            <Field
              name="email"
              type="email"
              label="Bjud in en samordnare"
              hint="Har adressen redan en inbjudan som väntar skickas den igen med en ny länk."
              autoComplete="off"
              defaultValue={values?.email ?? ""}
              error={errors?.email}
            />
            <button type="submit" className="btn-primary" disabled={busy}>
              Skicka inbjudan
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
