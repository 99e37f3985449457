// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { PersonRecord, PersonSummary } from "~/components/PersonRecord";
import { getContent } from "~/content/content.server";
import { formatDate } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { ROLE_LABELS } from "~/lib/roles";
import { parseForm } from "~/lib/validation";
import { can, forbidden, notFound, requireCoordinator, requireVisiblePerson, type CoordinatorUser } from "~/modules/access/permissions.server";
import { removePriorTraining } from "~/modules/certification/credits.server";
import { getPersonRecord } from "~/modules/roster/roster.server";
import { deactivatePerson, getPerson, reactivatePerson, recordPersonViewed } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? "Person"} – Coachportalen` }];

const idSchema = z.string().min(1).max(64);

async function visiblePerson(user: CoordinatorUser, id: string | undefined) {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) notFound("Personen finns inte.");
  return requireVisiblePerson(user, await getPerson(getDb(), parsed.data));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const person = await visiblePerson(user, params.id);
  const db = getDb();
  const [record] = await Promise.all([getPersonRecord(db, { person, content: getContent() }), recordPersonViewed(db, { actorId: user.id, person })]);
  return { person, record, canDeactivate: can.deactivatePerson(user, person) };
}

const actionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("deactivate"),
    confirm: z.literal("ja", { error: "Kryssa i rutan för att bekräfta att kontot ska avaktiveras." }),
  }),
  z.object({ intent: z.literal("reactivate") }),
]);

const removeCreditSchema = z.object({ credit: z.string().min(1).max(64), reason: z.string().optional() });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const person = await visiblePerson(user, params.id);
  const form = await readForm(request);
  const db = getDb();
  if (form.get("intent") === "remove-credit") {
    const parsed = parseForm(removeCreditSchema, form);
    if (!parsed.ok) notFound("Registreringen finns inte.");
    const { credit, reason = "" } = parsed.data;
    const result = await removePriorTraining(db, { actor: user, content: getContent(), personId: person.id, creditId: credit, reason });
    if (result.status === "not_found") notFound("Registreringen finns inte.");
    if (result.status === "invalid_reason") return data({ errors: null, done: null, removed: null, removalError: { creditId: credit, message: result.message } }, { status: 400 });
    const removed = `${result.stepTitle} är borttagen ur den tidigare utbildningen.${result.certificateRevoked ? " Intyget gällde inte längre utan den och har återkallats; coachen har fått ett mejl." : ""}`;
    return { errors: null, done: null, removed, removalError: null };
  }
  if (!can.deactivatePerson(user, person)) forbidden("Du kan inte ändra det här kontot.");
  const parsed = parseForm(actionSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, done: null, removed: null, removalError: null }, { status: 400 });

  const done =
    parsed.data.intent === "deactivate"
      ? await deactivatePerson(db, { personId: person.id, actorId: user.id })
      : await reactivatePerson(db, { personId: person.id, actorId: user.id });
  return { errors: null, done, removed: null, removalError: null };
}

const DONE_TEXT = {
  deactivated: "Kontot är avaktiverat. Personen är utloggad och kan inte logga in förrän kontot återaktiveras.",
  already_deactivated: "Kontot var redan avaktiverat.",
  reactivated: "Kontot är aktivt igen. Personen kan logga in som vanligt.",
  already_active: "Kontot var redan aktivt.",
} as const;

export default function CoordinatorPerson() {
  const { person, record, canDeactivate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  return (
    <div className="prose-page">
      <p className="mb-4">
        <Link to="/samordnare/coacher">Tillbaka till alla personer</Link>
      </p>
      <h1>{person.name}</h1>
      {actionData?.done ? <Notice>{DONE_TEXT[actionData.done]}</Notice> : null}
      {actionData?.removed ? <Notice>{actionData.removed}</Notice> : null}

      <PersonSummary record={record} isCoach={person.role === "coach"}>
        <ul className="mt-4 flex flex-wrap gap-x-6 gap-y-2" aria-label="Det du kan göra">
          <li>
            <a href={`mailto:${person.email}`}>Skicka e-post till {person.name}</a>
          </li>
          <li>
            <Link to={`/samordnare/tidigare-utbildning?coach=${encodeURIComponent(person.id)}`}>Registrera tidigare utbildning</Link>
          </li>
          {canDeactivate ? (
            <li>
              <a href="#account-heading">{person.deactivatedAt ? "Återaktivera kontot" : "Avaktivera kontot"}</a>
            </li>
          ) : null}
        </ul>
      </PersonSummary>

      <section aria-labelledby="details-heading">
        <h2 id="details-heading">Uppgifter</h2>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">E-postadress</dt>
          <dd className="break-all">{person.email}</dd>
          <dt className="font-semibold">Roll</dt>
          <dd>{ROLE_LABELS[person.role]}</dd>
          {person.school ? (
            <>
              <dt className="font-semibold">Skola</dt>
              <dd>{person.school}</dd>
            </>
          ) : null}
          <dt className="font-semibold">Gick med</dt>
          <dd>{formatDate(person.createdAt)}</dd>
          <dt className="font-semibold">Status</dt>
          <dd>{person.deactivatedAt ? `Avaktiverad sedan ${formatDate(person.deactivatedAt)}` : "Aktiv"}</dd>
        </dl>
      </section>

      <PersonRecord personId={person.id} record={record} isCoach={person.role === "coach"} removalError={actionData?.removalError ?? null} />

      {canDeactivate ? (
        <section aria-labelledby="account-heading">
          <h2 id="account-heading">Konto</h2>
          <ErrorSummary errors={actionData?.errors} labels={{ confirm: "Bekräftelse" }} />
          {person.deactivatedAt ? (
            <Form method="post">
              <input type="hidden" name="intent" value="reactivate" />
              <p>Återaktivera kontot om {person.name} ska kunna logga in igen. Allt hen har gjort i portalen finns kvar.</p>
              <button type="submit" className="btn-secondary" disabled={busy}>
                Återaktivera kontot
              </button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="deactivate" />
              <p>
                När kontot avaktiveras loggas {person.name} ut överallt och kan inte logga in igen förrän kontot återaktiveras. Inget raderas: utbildning och
                intyg finns kvar.
              </p>
              <div className="field">
                <label className="flex items-start gap-3">
                  <input
                    type="checkbox"
                    name="confirm"
                    value="ja"
                    id="f-confirm"
                    className="mt-1 size-5"
                    aria-invalid={actionData?.errors?.confirm ? true : undefined}
                    aria-describedby={actionData?.errors?.confirm ? "f-confirm-error" : undefined}
                  />
                  <span>Jag vill avaktivera kontot för {person.name}.</span>
                </label>
                {actionData?.errors?.confirm ? (
                  <p id="f-confirm-error" className="field-error">
                    <span className="sr-only">Fel: </span>
                    {actionData.errors.confirm}
                  </p>
                ) : null}
              </div>
              <button type="submit" className="btn-danger" disabled={busy}>
                Avaktivera kontot
              </button>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}
