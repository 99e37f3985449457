// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice, Select, TextArea, Field } from "~/components/forms";
import { Outcomes, outcomeSummary, SentInvitations } from "~/components/Invitations";
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
  resendInvitation,
  withdrawInvitation,
  type InviteManyResult,
  type InviteOutcome,
} from "~/modules/auth/invitation.server";
import { pendingCreditCounts } from "~/modules/certification/pending-credits.server";
import { MEMBER_ROLES } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";
import { ROLES } from "~db/schema";

export const meta: MetaFunction = () => [{ title: "Inbjudningar – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const now = new Date();
  const invitations = await listInvitations(getDb(), { municipalityId: user.municipalityId, roles: MEMBER_ROLES });
  const pending = await pendingCreditCounts(getDb(), invitations.map((i) => i.id));
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
      pendingCredits: pending.get(invitation.id) ?? 0,
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

function refusal(result: Exclude<InviteManyResult, { status: "done" }>): string {
  switch (result.status) {
    case "empty":
      return "Fyll i minst en e-postadress.";
    case "too_many":
      return `Du kan bjuda in högst ${result.limit} personer åt gången. Dela upp listan.`;
    case "invalid":
      return result.outcomes.length === 1
        ? "En adress är ogiltig. Rätta den och skicka igen. Ingen har bjudits in ännu."
        : `${result.outcomes.length} adresser är ogiltiga. Rätta dem och skicka igen. Ingen har bjudits in ännu.`;
  }
}

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
    const result = await inviteMany(db, {
      addresses,
      role,
      municipalityId: user.municipalityId,
      school: role === "school_staff" ? parsed.data.school : null,
      invitedBy: actor,
    });
    if (result.status !== "done") {
      const outcomes = result.status === "invalid" ? result.outcomes : undefined;
      return data<ActionResult>({ errors: { addresses: refusal(result) }, values, outcomes }, { status: 400 });
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
    const { pendingCreditsDropped } = await withdrawInvitation(db, invitation.id, user.id);
    const credits = pendingCreditsDropped > 0 ? ` Den tidigare utbildning som väntade på inbjudan (${pendingCreditsDropped} moment) är borttagen.` : "";
    return { errors: null, notice: `Inbjudan till ${invitation.email} är återkallad. Länken fungerar inte längre.${credits}` } satisfies ActionResult;
  } catch (error) {
    if (error instanceof InvitationError && error.code === "not_pending") return data<ActionResult>({ errors: { form: error.message } }, { status: 400 });
    throw error;
  }
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
          <SentInvitations invitations={invitations} busy={busy} />
        )}
      </section>
    </div>
  );
}
