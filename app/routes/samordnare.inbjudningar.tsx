// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice, Select, TextArea, Field } from "~/components/forms";
import { DataTable } from "~/components/DataTable";
import { formatDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { ROLE_LABELS } from "~/lib/roles";
import { fields, parseForm } from "~/lib/validation";
import { can, forbidden, notFound, requireCoordinator } from "~/modules/access/permissions.server";
import {
  getInvitation,
  InvitationError,
  invitationStatus,
  inviteMany,
  listInvitations,
  MAX_INVITATIONS_AT_ONCE,
  parseAddressList,
  resendInvitation,
  withdrawInvitation,
  type InvitationStatus,
  type InviteOutcome,
} from "~/modules/auth/invitation.server";
import { MEMBER_ROLES } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";
import { ROLES } from "~db/schema";

export const meta: MetaFunction = () => [{ title: "Inbjudningar – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const now = new Date();
  const invitations = await listInvitations(getDb(), { municipalityId: user.municipalityId, roles: MEMBER_ROLES });
  return {
    municipalityName: user.municipalityName,
    invitations: invitations.map((invitation) => ({
      id: invitation.id,
      email: invitation.email,
      role: invitation.role,
      school: invitation.school,
      createdAt: invitation.created_at,
      expiresAt: invitation.expires_at,
      inviterName: invitation.inviterName,
      status: invitationStatus(invitation, now),
    })),
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("invite"),
      addresses: z.string({ error: "Fyll i minst en e-postadress." }).max(20_000, "Listan är för lång. Dela upp den i flera omgångar."),
      // Every role is accepted here so that the permission rule, not the form, refuses the others.
      role: z.enum(ROLES, { error: "Välj vilken roll de inbjudna ska ha." }),
      school: fields.text("skolans namn", 100).optional(),
    })
    .refine((v) => v.role !== "school_staff" || Boolean(v.school), { path: ["school"], message: "Fyll i vilken skola skolpersonalen arbetar på." }),
  z.object({ intent: z.literal("resend"), invitationId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("withdraw"), invitationId: z.string().min(1).max(64) }),
]);

type ActionResult = {
  errors: Record<string, string> | null;
  values?: Record<string, string>;
  outcomes?: InviteOutcome[];
  notice?: string;
  /** Changes with every successful invitation, so the form empties itself. */
  sent?: number;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const form = await readForm(request);
  const parsed = parseForm(actionSchema, form);
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const db = getDb();
  const actor = { id: user.id, name: user.name };

  if (parsed.data.intent === "invite") {
    const { role, addresses } = parsed.data;
    if (!can.invite(user, role, user.municipalityId)) forbidden("Som samordnare kan du bjuda in ANDTS-coacher och skolpersonal i din egen kommun.");
    const values = { addresses, role, school: parsed.data.school ?? "" };
    const entries = parseAddressList(addresses);
    if (entries.length === 0) return data<ActionResult>({ errors: { addresses: "Fyll i minst en e-postadress." }, values }, { status: 400 });
    if (entries.length > MAX_INVITATIONS_AT_ONCE) {
      return data<ActionResult>(
        { errors: { addresses: `Du kan bjuda in högst ${MAX_INVITATIONS_AT_ONCE} personer åt gången. Dela upp listan.` }, values },
        { status: 400 },
      );
    }
    const result = await inviteMany(db, {
      entries,
      role,
      municipalityId: user.municipalityId,
      school: role === "school_staff" ? parsed.data.school : null,
      invitedBy: actor,
    });
    if (result.status === "invalid") {
      const count = result.outcomes.length;
      return data<ActionResult>(
        {
          errors: {
            addresses:
              count === 1
                ? "En adress är ogiltig. Rätta den och skicka igen. Ingen har bjudits in ännu."
                : `${count} adresser är ogiltiga. Rätta dem och skicka igen. Ingen har bjudits in ännu.`,
          },
          values,
          outcomes: result.outcomes,
        },
        { status: 400 },
      );
    }
    return { errors: null, outcomes: result.outcomes, sent: Date.now() } satisfies ActionResult;
  }

  const invitation = await getInvitation(db, parsed.data.invitationId);
  // An invitation the coordinator could not have sent does not exist for them.
  if (!invitation || !can.invite(user, invitation.role, invitation.municipalityId)) notFound("Inbjudan finns inte.");
  try {
    if (parsed.data.intent === "resend") {
      await resendInvitation(db, invitation.id, actor);
      return { errors: null, notice: `En ny inbjudan har skickats till ${invitation.email}. Den gamla länken fungerar inte längre.` } satisfies ActionResult;
    }
    await withdrawInvitation(db, invitation.id, user.id);
    return { errors: null, notice: `Inbjudan till ${invitation.email} är återkallad. Länken fungerar inte längre.` } satisfies ActionResult;
  } catch (error) {
    if (error instanceof InvitationError && error.code === "not_pending") return data<ActionResult>({ errors: { form: error.message } }, { status: 400 });
    throw error;
  }
}

const OUTCOME_TEXT: Record<InviteOutcome["status"], string> = {
  invited: "Inbjuden",
  already_member: "Har redan konto",
  pending: "Har redan en inbjudan",
  invalid: "Ogiltig adress",
};

const STATUS_TEXT: Record<InvitationStatus, string> = {
  pending: "Väntar",
  accepted: "Accepterad",
  withdrawn: "Återkallad",
  expired: "Utgången",
};

function outcomeSummary(outcomes: InviteOutcome[]): string {
  const invited = outcomes.filter((o) => o.status === "invited").length;
  const skipped = outcomes.length - invited;
  const first = invited === 1 ? "1 person har bjudits in." : `${invited} personer har bjudits in.`;
  return skipped === 0 ? first : `${first} ${skipped} hoppades över, se listan nedan.`;
}

function Outcomes({ outcomes, caption }: { outcomes: InviteOutcome[]; caption: string }) {
  return (
    <DataTable label={caption} caption={caption} showCaption className="mb-6">
      <thead>
        <tr>
          <th scope="col">E-postadress</th>
          <th scope="col">Resultat</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((outcome) => (
          <tr key={outcome.email}>
            <th scope="row" className="break-all font-normal">
              {outcome.email}
            </th>
            <td>{OUTCOME_TEXT[outcome.status]}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

export default function CoordinatorInvitations() {
  const { municipalityName, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = actionData?.errors ?? undefined;
  const values = actionData?.values;
  return (
    <div>
      <h1>Inbjudningar i {municipalityName}</h1>
      <ErrorSummary errors={errors} labels={{ addresses: "E-postadresser", role: "Roll", school: "Skola" }} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      {actionData?.outcomes && !errors ? <Notice>{outcomeSummary(actionData.outcomes)}</Notice> : null}

      <section aria-labelledby="invite-heading" className="mb-10 max-w-xl">
        <h2 id="invite-heading" className="mb-3">
          Bjud in
        </h2>
        <p className="mb-4">
          Den som bjuds in får ett e-postmeddelande med en länk. Länken gäller i 14 dagar; med den väljer personen namn och lösenord.
        </p>
        {actionData?.outcomes && errors ? <Outcomes outcomes={actionData.outcomes} caption="Adresser som behöver rättas" /> : null}
        <Form method="post" noValidate key={actionData?.sent}>
          <input type="hidden" name="intent" value="invite" />
          <TextArea
            name="addresses"
            label="E-postadresser"
            hint="En eller flera. Skriv en adress per rad eller skilj dem åt med komma eller semikolon. Du kan klistra in från e-postprogrammet, till exempel Anna Andersson <anna@exempel.se>."
            required
            autoComplete="off"
            spellCheck={false}
            defaultValue={values?.addresses ?? ""}
            error={errors?.addresses}
          />
          <Select
            name="role"
            label="Roll"
            defaultValue={values?.role ?? "coach"}
            error={errors?.role}
            options={[
              { value: "coach", label: ROLE_LABELS.coach },
              { value: "school_staff", label: ROLE_LABELS.school_staff },
            ]}
          />
          <Field
            name="school"
            label="Skola (för skolpersonal)"
            hint="Fylls i när du bjuder in skolpersonal. Alla på listan får samma skola."
            defaultValue={values?.school ?? ""}
            error={errors?.school}
          />
          <button type="submit" className="btn-primary" disabled={busy}>
            Skicka inbjudningar
          </button>
        </Form>
      </section>

      {actionData?.outcomes && !errors ? <Outcomes outcomes={actionData.outcomes} caption="Resultat av inbjudan" /> : null}

      <section aria-labelledby="list-heading">
        <h2 id="list-heading" className="mb-3">
          Skickade inbjudningar
        </h2>
        {invitations.length === 0 ? (
          <p>Inga inbjudningar ännu.</p>
        ) : (
          <DataTable label="Skickade inbjudningar" caption="Skickade inbjudningar, nyast först">
            <thead>
              <tr>
                <th scope="col">E-postadress</th>
                <th scope="col">Roll</th>
                <th scope="col">Skickad</th>
                <th scope="col">Gäller till</th>
                <th scope="col">Status</th>
                <th scope="col">Åtgärder</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row" className="break-all font-normal">
                    {invitation.email}
                  </th>
                  <td>
                    {ROLE_LABELS[invitation.role]}
                    {invitation.school ? `, ${invitation.school}` : ""}
                  </td>
                  <td>
                    {formatDate(invitation.createdAt)}
                    {invitation.inviterName ? ` av ${invitation.inviterName}` : ""}
                  </td>
                  <td>{formatDate(invitation.expiresAt)}</td>
                  <td>{STATUS_TEXT[invitation.status]}</td>
                  <td>
                    {invitation.status === "pending" || invitation.status === "expired" ? (
                      <div className="flex flex-wrap gap-2">
                        <Form method="post">
                          <input type="hidden" name="intent" value="resend" />
                          <input type="hidden" name="invitationId" value={invitation.id} />
                          <button type="submit" className="btn-secondary" disabled={busy}>
                            Skicka igen<span className="sr-only"> till {invitation.email}</span>
                          </button>
                        </Form>
                        {invitation.status === "pending" ? (
                          <Form method="post">
                            <input type="hidden" name="intent" value="withdraw" />
                            <input type="hidden" name="invitationId" value={invitation.id} />
                            <button type="submit" className="btn-secondary" disabled={busy}>
                              Återkalla<span className="sr-only"> inbjudan till {invitation.email}</span>
                            </button>
                          </Form>
                        ) : null}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
        )}
      </section>
    </div>
  );
}
