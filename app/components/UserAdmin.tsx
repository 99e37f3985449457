// SPDX-License-Identifier: EUPL-1.2
// Sections of the admin's user page (/admin/anvandare): the confirmation before a person's
// personal data is removed, the list of users and the invitation of coordinators and admins.
import { Form, Link } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { Field, Select } from "~/components/forms";
import { ROLE_LABELS } from "~/lib/roles";
import type { FieldErrors } from "~/lib/validation";
import type { Role } from "~db/schema";

// Distinct from the search form's "Roll" and "Kommun", so each control on the page has its own name.
export const INVITE_LABELS = { email: "E-postadress", inviteRole: "Bjuds in som", municipalityId: "Samordnarens kommun" };

export function AnonymiseConfirmation({
  person: confirmAnonymise,
  errors,
  busy,
}: {
  person: { id: string; name: string; email: string };
  errors: FieldErrors | undefined;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="anonymise-heading" className="card mb-8 max-w-xl">
      <h2 id="anonymise-heading" className="mb-3">
        Ta bort personuppgifterna för {confirmAnonymise.name}
      </h2>
      <p className="mb-3">
        Kontot avaktiveras och namn, e-postadress ({confirmAnonymise.email}), lösenord, inloggningar, inbjudningar och väntande e-post tas bort.
        Lästa lektioner, kunskapstest, intyg och närvaro finns kvar utan namn, så att kommunens siffror och uppföljningen inte ändras. Intyget går
        inte längre att kontrollera på /verifiera. Det går inte att ångra.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="anonymise" />
        <input type="hidden" name="personId" value={confirmAnonymise.id} />
        <div className="field">
          <label htmlFor="f-confirm" className="flex items-start gap-3">
            <input
              id="f-confirm"
              type="checkbox"
              name="confirm"
              value="ja"
              className="mt-1 size-5 shrink-0"
              aria-invalid={errors?.confirm ? true : undefined}
              aria-describedby={errors?.confirm ? "f-confirm-error" : undefined}
            />
            <span>Jag förstår att personuppgifterna för {confirmAnonymise.name} tas bort för alltid.</span>
          </label>
          {errors?.confirm ? (
            <p id="f-confirm-error" className="field-error">
              {errors.confirm}
            </p>
          ) : null}
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-4">
          <button type="submit" className="btn-danger" disabled={busy}>
            Avaktivera och ta bort personuppgifterna
          </button>
          <Link to="/admin/anvandare">Avbryt</Link>
        </div>
      </Form>
    </section>
  );
}

interface UserRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  school: string | null;
  municipalityName: string | null;
  deactivatedAt: string | null;
  anonymisedAt: string | null;
  canDeactivate: boolean;
  canAnonymise: boolean;
  canResetSecondFactor: boolean;
}

export function UsersTable({ people, busy }: { people: UserRow[]; busy: boolean }) {
  return (
    <DataTable label="Användare" caption="Användare" className="mt-2">
      <thead>
        <tr>
          <th scope="col">Namn</th>
          <th scope="col">E-postadress</th>
          <th scope="col">Roll</th>
          <th scope="col">Kommun</th>
          <th scope="col">Status</th>
          <th scope="col">Konto</th>
        </tr>
      </thead>
      <tbody>
        {people.map((person) => (
          <tr key={person.id}>
            <th scope="row" className="font-normal">
              {person.name}
            </th>
            <td className="break-all">{person.email}</td>
            <td>
              {ROLE_LABELS[person.role]}
              {person.school ? `, ${person.school}` : ""}
            </td>
            <td>{person.municipalityName ?? "–"}</td>
            <td>
              {person.anonymisedAt ? (
                <span className="badge">Anonymiserad</span>
              ) : person.deactivatedAt ? (
                <span className="badge">Avaktiverad</span>
              ) : (
                "Aktiv"
              )}
            </td>
            <td>
              {person.canDeactivate ? (
                <Form method="post">
                  <input type="hidden" name="intent" value={person.deactivatedAt ? "reactivate" : "deactivate"} />
                  <input type="hidden" name="personId" value={person.id} />
                  <button type="submit" className="btn-secondary" disabled={busy}>
                    {person.deactivatedAt ? "Återaktivera" : "Avaktivera"}
                    <span className="sr-only"> {person.name}</span>
                  </button>
                </Form>
              ) : null}
              {person.canResetSecondFactor ? (
                <Form method="post" className="mt-2">
                  <input type="hidden" name="intent" value="resetSecondFactor" />
                  <input type="hidden" name="personId" value={person.id} />
                  <button type="submit" className="btn-link" disabled={busy}>
                    Återställ tvåstegsverifiering<span className="sr-only"> för {person.name}</span>
                  </button>
                </Form>
              ) : null}
              {person.canAnonymise ? (
                <Link to={`/admin/anvandare?anonymisera=${encodeURIComponent(person.id)}`} className="mt-2 inline-block">
                  Ta bort personuppgifter<span className="sr-only"> för {person.name}</span>
                </Link>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export function AdminInviteForm({
  values,
  errors,
  municipalityOptions,
  busy,
}: {
  values: Record<string, string> | undefined;
  errors: FieldErrors | undefined;
  municipalityOptions: Array<{ value: string; label: string }>;
  busy: boolean;
}) {
  return (
    <section aria-labelledby="invite-heading" className="max-w-xl">
      <h2 id="invite-heading" className="mb-3">
        Bjud in en samordnare eller administratör
      </h2>
      <p className="mb-4">
        En samordnare bjuder själv in kommunens ANDTS-coacher och skolpersonal. En administratör hör inte till någon kommun.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        <Field
          name="email"
          label={INVITE_LABELS.email}
          type="email"
          inputMode="email"
          autoComplete="off"
          required
          defaultValue={values?.email ?? ""}
          error={errors?.email}
        />
        <Select
          name="inviteRole"
          label={INVITE_LABELS.inviteRole}
          defaultValue={values?.inviteRole ?? "coordinator"}
          error={errors?.inviteRole}
          options={[
            { value: "coordinator", label: ROLE_LABELS.coordinator },
            { value: "admin", label: ROLE_LABELS.admin },
          ]}
        />
        <Select
          name="municipalityId"
          label={INVITE_LABELS.municipalityId}
          hint="Gäller samordnare. För en administratör lämnas kommunen tom."
          defaultValue={values?.municipalityId ?? ""}
          error={errors?.municipalityId}
          options={[{ value: "", label: "Ingen kommun" }, ...municipalityOptions]}
        />
        <button type="submit" className="btn-primary" disabled={busy}>
          Skicka inbjudan
        </button>
      </Form>
    </section>
  );
}
