// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Field, Notice, Select } from "~/components/forms";
import { Pagination, ResultRange } from "~/components/Pagination";
import { AdminInviteForm, AnonymiseConfirmation, INVITE_LABELS, UsersTable } from "~/components/UserAdmin";
import { readForm } from "~/lib/form.server";
import { ROLE_LABELS, roleInSentence } from "~/lib/roles";
import { fields, parseForm, type FieldErrors } from "~/lib/validation";
import { can, forbidden, notFound, requireAdmin } from "~/modules/access/permissions.server";
import { createInvitation, InvitationError } from "~/modules/auth/invitation.server";
import { peopleWithSecondFactor, resetSecondFactor } from "~/modules/auth/second-factor.server";
import { getMunicipality, listMunicipalities } from "~/modules/municipalities/municipalities.server";
import { deactivatePerson, getPerson, listPeople, reactivatePerson } from "~/modules/people/people.server";
import { anonymiseOnRequest } from "~/modules/people/retention.server";
import { getDb } from "~db/client.server";
import { ROLES } from "~db/schema";

export const meta: MetaFunction = () => [{ title: "Användare – Coachportalen" }];

const PAGE_SIZE = 50;
const WITHOUT_MUNICIPALITY = "ingen";

// A filter in the address bar is never an error: anything unusable falls back to "all".
const searchSchema = z.object({
  q: z
    .string()
    .catch("")
    .transform((q) => q.trim().slice(0, 100)),
  municipality: z.string().min(1).max(64).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
  status: z.enum(["active", "deactivated"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin({ request, context });
  const filter = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const db = getDb();
  const [municipalities, result] = await Promise.all([
    listMunicipalities(db),
    listPeople(db, {
      municipalityId: filter.municipality === WITHOUT_MUNICIPALITY ? null : filter.municipality,
      roles: filter.role ? [filter.role] : undefined,
      search: filter.q,
      status: filter.status,
      page: filter.page,
      pageSize: PAGE_SIZE,
    }),
  ]);
  // "Ta bort personuppgifter" first shows this confirmation; nothing is removed by a link.
  const anonymiseId = new URL(request.url).searchParams.get("anonymisera");
  const toAnonymise = anonymiseId ? await getPerson(db, anonymiseId.slice(0, 64)) : undefined;
  const withSecondFactor = await peopleWithSecondFactor(db, result.people.map((person) => person.id));
  return {
    filter,
    municipalities,
    ...result,
    people: result.people.map((person) => ({
      ...person,
      canDeactivate: can.deactivatePerson(admin, person) && !person.anonymisedAt,
      canAnonymise: can.anonymisePerson(admin, person) && !person.anonymisedAt,
      canResetSecondFactor: can.resetSecondFactor(admin, person) && withSecondFactor.has(person.id),
    })),
    confirmAnonymise:
      toAnonymise && !toAnonymise.anonymisedAt && can.anonymisePerson(admin, toAnonymise) ? { id: toAnonymise.id, name: toAnonymise.name, email: toAnonymise.email } : null,
  };
}

const actionSchema = z.discriminatedUnion("intent", [
  z
    .object({
      intent: z.literal("invite"),
      email: fields.email(),
      inviteRole: z.enum(["coordinator", "admin"], { error: "Välj om du bjuder in en samordnare eller en administratör." }),
      municipalityId: z.string().max(64).optional(),
    })
    .refine((v) => v.inviteRole !== "coordinator" || Boolean(v.municipalityId), {
      path: ["municipalityId"],
      message: "Välj vilken kommun samordnaren ska arbeta i.",
    }),
  z.object({ intent: z.literal("deactivate"), personId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("reactivate"), personId: z.string().min(1).max(64) }),
  z.object({ intent: z.literal("resetSecondFactor"), personId: z.string().min(1).max(64) }),
  z.object({
    intent: z.literal("anonymise"),
    personId: z.string().min(1).max(64),
    confirm: z.literal("ja", { error: "Kryssa i att du förstår att personuppgifterna tas bort för alltid." }),
  }),
]);

const ANONYMISE_LABELS = { confirm: "Bekräftelse" };

type ActionResult = { errors: FieldErrors | null; values?: Record<string, string>; notice?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin({ request, context });
  const parsed = parseForm(actionSchema, await readForm(request));
  if (!parsed.ok) return data<ActionResult>({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const db = getDb();

  if (parsed.data.intent === "invite") {
    const { email, inviteRole } = parsed.data;
    const values = { email, inviteRole, municipalityId: parsed.data.municipalityId ?? "" };
    // An administrator belongs to no municipality, whatever the form said.
    const municipality = inviteRole === "coordinator" ? await getMunicipality(db, parsed.data.municipalityId ?? "") : null;
    if (municipality === undefined) return data<ActionResult>({ errors: { municipalityId: "Kommunen finns inte. Välj en i listan." }, values }, { status: 400 });
    if (!can.invite(admin, inviteRole, municipality?.id ?? null)) forbidden();
    try {
      await createInvitation(db, { email, role: inviteRole, municipalityId: municipality?.id ?? null, invitedBy: { id: admin.id, name: admin.name } });
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      const message =
        error.code === "already_member" ? "Det finns redan ett konto med den här e-postadressen." : "Adressen har redan en inbjudan som gäller.";
      return data<ActionResult>({ errors: { email: message }, values }, { status: 400 });
    }
    const where = municipality ? ` i ${municipality.name}` : "";
    return { errors: null, notice: `En inbjudan som ${roleInSentence(inviteRole)}${where} är skickad till ${email}.` } satisfies ActionResult;
  }

  const alreadyAnonymised = () =>
    data<ActionResult>({ errors: { form: "Personuppgifterna är redan borttagna. Kontot kan inte återaktiveras." } }, { status: 400 });
  if (parsed.data.intent === "anonymise") {
    const outcome = await anonymiseOnRequest(db, { actor: admin, personId: parsed.data.personId });
    if (outcome.status === "not_found") notFound("Personen finns inte.");
    if (outcome.status === "forbidden") forbidden("Du kan inte ta bort personuppgifterna för ditt eget konto.");
    if (outcome.status === "already_anonymised") return alreadyAnonymised();
    return {
      errors: null,
      notice: `Personuppgifterna för ${outcome.name} är borttagna och kontot är avaktiverat. Utbildningen räknas fortfarande i kommunens siffror, utan namn.`,
    } satisfies ActionResult;
  }
  const person = await getPerson(db, parsed.data.personId);
  if (!person) notFound("Personen finns inte.");
  if (parsed.data.intent === "resetSecondFactor") {
    if (!can.resetSecondFactor(admin, person)) forbidden("Du kan inte återställa tvåstegsverifieringen för ditt eget konto.");
    await resetSecondFactor(db, admin, person);
    return { errors: null, notice: `Tvåstegsverifieringen för ${person.name} är återställd. Hen loggas ut och får lägga till en ny app vid nästa inloggning.` } satisfies ActionResult;
  }
  if (!can.deactivatePerson(admin, person)) forbidden("Du kan inte avaktivera ditt eget konto.");
  if (person.anonymisedAt) return alreadyAnonymised();
  if (parsed.data.intent === "deactivate") {
    const done = await deactivatePerson(db, { personId: person.id, actorId: admin.id });
    const notice = done === "deactivated" ? `Kontot för ${person.name} är avaktiverat. Alla inloggningar har avslutats.` : `Kontot för ${person.name} var redan avaktiverat.`;
    return { errors: null, notice } satisfies ActionResult;
  }
  const done = await reactivatePerson(db, { personId: person.id, actorId: admin.id });
  const notice = done === "reactivated" ? `Kontot för ${person.name} är aktivt igen.` : `Kontot för ${person.name} var redan aktivt.`;
  return { errors: null, notice } satisfies ActionResult;
}

export default function AdminUsers() {
  const { filter, municipalities, people, total, page, pageCount, pageSize, confirmAnonymise } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const navigation = useNavigation();
  const location = useLocation();
  const busy = navigation.state === "submitting";
  const errors = actionData?.errors ?? undefined;
  const values = actionData?.values;
  const filtered = Boolean(filter.q || filter.municipality || filter.role || filter.status);
  const municipalityOptions = municipalities.map((m) => ({ value: m.id, label: m.name }));
  return (
    <div>
      <h1>Användare</h1>
      <ErrorSummary errors={errors} labels={{ ...INVITE_LABELS, ...ANONYMISE_LABELS }} />
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}

      {confirmAnonymise && !actionData?.notice ? <AnonymiseConfirmation person={confirmAnonymise} errors={errors} busy={busy} /> : null}

      <section aria-labelledby="people-heading" className="mb-10">
        <h2 id="people-heading" className="mb-3">
          Alla användare
        </h2>
        {/* Keyed by the address so the fields show the filter in use after back and forward. */}
        <Form method="get" key={location.search} role="search" aria-label="Sök och filtrera användare" className="card mb-6">
          <div className="grid gap-x-4 sm:grid-cols-3">
            <Field name="q" label="Sök på namn eller e-post" type="search" defaultValue={filter.q} className="sm:col-span-3" />
            <Select
              name="municipality"
              label="Kommun"
              defaultValue={filter.municipality ?? ""}
              options={[{ value: "", label: "Alla kommuner" }, ...municipalityOptions, { value: WITHOUT_MUNICIPALITY, label: "Utan kommun" }]}
            />
            <Select
              name="role"
              label="Roll"
              defaultValue={filter.role ?? ""}
              options={[{ value: "", label: "Alla roller" }, ...ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))]}
            />
            <Select
              name="status"
              label="Status"
              defaultValue={filter.status ?? ""}
              options={[
                { value: "", label: "Alla" },
                { value: "active", label: "Aktiva" },
                { value: "deactivated", label: "Avaktiverade" },
              ]}
            />
          </div>
          <div className="flex flex-wrap items-center gap-4">
            <button type="submit" className="btn-primary">
              Sök
            </button>
            {filtered ? <Link to="/admin/anvandare">Visa alla</Link> : null}
          </div>
        </Form>

        <ResultRange page={page} pageSize={pageSize} total={total} shown={people.length} />
        {people.length > 0 ? (
          <UsersTable people={people} busy={busy} />
        ) : null}
        <Pagination page={page} pageCount={pageCount} label="Sidor i användarlistan" />
      </section>

      <AdminInviteForm key={actionData?.notice} values={values} errors={errors} municipalityOptions={municipalityOptions} busy={busy} />
    </div>
  );
}
