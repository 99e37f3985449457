// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice } from "~/components/forms";
import { getContent } from "~/content/content.server";
import { formatDateTime, formatNumber } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { parseForm } from "~/lib/validation";
import { requireUser } from "~/modules/access/permissions.server";
import { cancelBooking, signUp } from "~/modules/course-days/booking.server";
import { sessionWhen } from "~/modules/course-days/emails.server";
import { bookingsOfUser, findStep, requireBookableSession, signupState, stepTitle } from "~/modules/course-days/course-days.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Träffar – Coachportalen` : "Träffar – Coachportalen" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["coach"] });
  const db = getDb();
  const content = getContent();
  const session = await requireBookableSession(db, user, params.id);
  const mine = (await bookingsOfUser(db, user.id, [session.id])).get(session.id);
  const ref = findStep(content, session.track, session.stepKey);
  return {
    id: session.id,
    title: stepTitle(content, session.track, session.stepKey),
    description: ref?.step.description ?? null,
    boosterMonths: ref?.step.kind === "booster" ? ref.track.boosterExtendsValidity?.withinMonths ?? null : null,
    when: sessionWhen(session),
    place: session.place,
    details: session.details,
    deadline: formatDateTime(session.signupDeadline),
    placesLeft: Math.max(0, session.capacity - session.booked),
    waitlisted: session.waitlisted,
    state: signupState(session, new Date()),
    cancelReason: session.cancelReason,
    organisers: session.partnerMunicipalityName ? `${session.municipalityName} och ${session.partnerMunicipalityName}` : session.municipalityName,
    myStatus: mine?.status ?? null,
    myPlaceInQueue: mine?.place ?? null,
  };
}

const schema = z.object({ intent: z.enum(["signup", "cancel"], { error: "Okänd åtgärd." }) });

type ActionResult = { errors: Record<string, string> | null; notice?: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["coach"] });
  const db = getDb();
  const content = getContent();
  const session = await requireBookableSession(db, user, params.id);
  const parsed = parseForm(schema, await readForm(request));
  if (!parsed.ok) return data<ActionResult>({ errors: { form: parsed.errors.intent ?? "Okänd åtgärd." } }, { status: 400 });
  const coach = { id: user.id, name: user.name, email: user.email };

  if (parsed.data.intent === "signup") {
    const result = await signUp(db, { sessionId: session.id, coach, content });
    if (result.outcome === "refused") return data<ActionResult>({ errors: { form: result.message } }, { status: 400 });
    if (result.outcome === "already") return data<ActionResult>({ errors: null, notice: result.status === "booked" ? "Du har redan en plats." : "Du står redan på väntelistan." });
    if (result.outcome === "booked") return data<ActionResult>({ errors: null, notice: "Du har en plats. Vi har skickat en bekräftelse med en kalenderfil till din e-post." });
    return data<ActionResult>({ errors: null, notice: `Träffen är fullbokad, så du står på väntelistan, som nummer ${formatNumber(result.place)}. Du får ett meddelande om du får en plats.` });
  }

  const result = await cancelBooking(db, { sessionId: session.id, coach, content });
  if (result.outcome === "refused") return data<ActionResult>({ errors: { form: result.message } }, { status: 400 });
  if (result.outcome === "not_booked") return data<ActionResult>({ errors: null, notice: "Du var inte anmäld till träffen." });
  return data<ActionResult>({ errors: null, notice: result.wasBooked ? "Du har avbokat din plats." : "Du har lämnat väntelistan." });
}

export default function CoachSession() {
  const s = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const signedUp = s.myStatus === "booked" || s.myStatus === "waitlisted";

  return (
    <div className="max-w-3xl">
      <p className="mb-2">
        <Link to="/traffar">Alla träffar</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="mt-1 text-lg">{s.when}</p>
      {actionData?.notice ? (
        <div className="mt-4">
          <Notice>{actionData.notice}</Notice>
        </div>
      ) : null}
      <ErrorSummary errors={actionData?.errors} />

      {s.state === "cancelled" ? (
        <div className="notice-info mt-4">
          <p className="font-semibold">Träffen är inställd.</p>
          {s.cancelReason ? <p className="mt-1">Skäl: {s.cancelReason}</p> : null}
        </div>
      ) : null}

      <section aria-labelledby="min-anmalan" className="card mt-6">
        <h2 id="min-anmalan" className="mb-2">
          Din anmälan
        </h2>
        {s.myStatus === "booked" ? (
          <p>Du har en plats på träffen.</p>
        ) : s.myStatus === "waitlisted" ? (
          <p>Du står på väntelistan, som nummer {formatNumber(s.myPlaceInQueue ?? 1)}. Om någon avbokar och du står först får du platsen och ett meddelande.</p>
        ) : s.state === "open" ? (
          <p>
            {s.placesLeft > 0
              ? `${formatNumber(s.placesLeft)} ${s.placesLeft === 1 ? "plats" : "platser"} kvar. Sista anmälan ${s.deadline}.`
              : `Träffen är fullbokad. Du kan ställa dig på väntelistan. Sista anmälan ${s.deadline}.`}
          </p>
        ) : s.state === "closed" ? (
          <p>Anmälan stängde {s.deadline}. Kontakta din ANDTS-samordnare om du ändå vill vara med.</p>
        ) : s.state === "started" ? (
          <p>Träffen har börjat.</p>
        ) : (
          <p>Du kan inte anmäla dig till en inställd träff.</p>
        )}
        <div className="mt-4 flex flex-wrap gap-3">
          {!signedUp && s.state === "open" ? (
            <Form method="post">
              <input type="hidden" name="intent" value="signup" />
              <button type="submit" className="btn-primary" disabled={busy}>
                {s.placesLeft > 0 ? "Anmäl mig" : "Ställ mig på väntelistan"}
              </button>
            </Form>
          ) : null}
          {signedUp && (s.state === "open" || s.state === "closed") ? (
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <button type="submit" className="btn-secondary" disabled={busy}>
                {s.myStatus === "booked" ? "Avboka min plats" : "Lämna väntelistan"}
              </button>
            </Form>
          ) : null}
          {s.myStatus === "booked" && s.state !== "cancelled" ? (
            <a href={`/traffar/${s.id}/kalender.ics`} className="btn-secondary" download>
              Lägg till i kalendern (.ics)
            </a>
          ) : null}
        </div>
      </section>

      <section aria-labelledby="om-traffen" className="mt-8">
        <h2 id="om-traffen" className="mb-2">
          Om träffen
        </h2>
        {s.description ? <p>{s.description}</p> : null}
        <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
          <dt className="font-semibold">När</dt>
          <dd>{s.when}</dd>
          <dt className="font-semibold">Plats</dt>
          <dd className="break-words">{s.place}</dd>
          <dt className="font-semibold">Anordnas av</dt>
          <dd>{s.organisers}</dd>
        </dl>
        {s.details ? <p className="mt-3 whitespace-pre-line">{s.details}</p> : null}
        {s.boosterMonths ? (
          <p className="mt-3 text-sm text-muted">
            Har du varit på en boosterträff de senaste {s.boosterMonths} månaderna när det är dags att förnya ditt intyg, förlängs intyget på samma sätt som med
            repetitionen på nätet.
          </p>
        ) : null}
      </section>
    </div>
  );
}
