// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ErrorSummary } from "~/components/forms";
import { SESSION_FIELD_LABELS, SessionFormFields } from "~/components/session-form";
import { getContent } from "~/content/content.server";
import { formatNumber } from "~/lib/dates";
import { readForm } from "~/lib/form.server";
import { formValues, parseForm } from "~/lib/validation";
import { can, requireCoordinator } from "~/modules/access/permissions.server";
import { sessionWhen } from "~/modules/course-days/emails.server";
import {
  createTrainingSession,
  listSessionsForCoordinator,
  partnerOptions,
  partnershipLabel,
  sessionFormSchema,
  sessionSteps,
  stepTitle,
  stepValue,
  type TrainingSession,
} from "~/modules/course-days/course-days.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Träffar – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const content = getContent();
  const [{ upcoming, past, requests }, partners] = await Promise.all([
    listSessionsForCoordinator(db, { municipalityId: user.municipalityId }),
    partnerOptions(db, user.municipalityId),
  ]);
  const steps = sessionSteps(content);
  const manyTracks = new Set(steps.map((s) => s.track.slug)).size > 1;
  const view = (s: TrainingSession) => {
    // A request the municipality has not accepted shows its places, not how many have taken them.
    const asked = !can.manageSession(user, s);
    return {
      id: s.id,
      title: stepTitle(content, s.track, s.stepKey),
      when: sessionWhen(s),
      place: s.place,
      capacity: s.capacity,
      taken: asked ? null : { booked: s.booked, waitlisted: s.waitlisted },
      cancelled: s.cancelledAt !== null,
      partnership: partnershipLabel(s, user.municipalityId),
    };
  };
  return {
    municipalityName: user.municipalityName,
    requests: requests.map(view),
    upcoming: upcoming.map(view),
    past: past.map(view),
    steps: steps.map((s) => ({ value: stepValue({ track: s.track.slug, key: s.step.key }), label: manyTracks ? `${s.step.title} (${s.track.title})` : s.step.title })),
    partners,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const form = await readForm(request);
  const parsed = parseForm(sessionFormSchema, form);
  if (!parsed.ok) return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await createTrainingSession(getDb(), { actor: user, form: parsed.data, content: getContent() });
  if (result.status === "invalid") return data({ errors: result.errors, values: formValues(form) }, { status: 400 });
  return redirect(`/samordnare/traffar/${result.session.id}?notis=${result.session.partnerRequest ? "skapad-forfragan" : "skapad"}`);
}

type SessionView = ReturnType<typeof useLoaderData<typeof loader>>["upcoming"][number];

function SessionList({ sessions, empty }: { sessions: SessionView[]; empty: string }) {
  if (sessions.length === 0) return <p>{empty}</p>;
  return (
    <ul className="space-y-3">
      {sessions.map((s) => (
        <li key={s.id} className="card p-4">
          <p className="text-lg font-semibold">
            <Link to={`/samordnare/traffar/${s.id}`}>
              {s.title}, {s.when}
            </Link>
          </p>
          <p className="mt-1">{s.place}</p>
          <p className="mt-1 text-sm">
            {s.cancelled ? (
              <span className="badge bg-red-50 text-danger">Inställd</span>
            ) : s.taken ? (
              <>
                {formatNumber(s.taken.booked)} av {formatNumber(s.capacity)} platser bokade
                {s.taken.waitlisted > 0 ? `, ${formatNumber(s.taken.waitlisted)} på väntelistan` : ""}
              </>
            ) : (
              <>{formatNumber(s.capacity)} platser</>
            )}
            {s.partnership ? <span className="ml-2 badge">{s.partnership}</span> : null}
          </p>
        </li>
      ))}
    </ul>
  );
}

export default function CoordinatorSessions() {
  const { municipalityName, requests, upcoming, past, steps, partners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  return (
    <div className="max-w-3xl">
      <h1>Träffar</h1>
      <p className="mt-2 text-muted">
        Utbildningsdagar och boosterträffar på plats i {municipalityName}. Coacherna anmäler sig här i Coachportalen, och du registrerar närvaron på träffen.
      </p>

      {requests.length > 0 ? (
        <section aria-labelledby="forfragningar" className="mt-8">
          <h2 id="forfragningar" className="mb-3">
            Förfrågningar om gemensamma träffar
          </h2>
          <p className="mb-3">Andra kommuner frågar om ni vill hålla de här träffarna tillsammans med dem. Era coacher ser dem först när du har godkänt.</p>
          <SessionList sessions={requests} empty="" />
        </section>
      ) : null}

      <section aria-labelledby="kommande" className="mt-8">
        <h2 id="kommande" className="mb-3">
          Kommande träffar
        </h2>
        <SessionList sessions={upcoming} empty="Det finns inga kommande träffar. Lägg upp en nedan." />
      </section>

      <section aria-labelledby="ny-traff" className="mt-10">
        <h2 id="ny-traff" className="mb-3">
          Lägg upp en träff
        </h2>
        {steps.length === 0 ? (
          <p>Utbildningen har inga träffar på plats. De läggs till i spårets fil (sessions), se innehållsformatet.</p>
        ) : (
          <Form method="post" noValidate className="card">
            <ErrorSummary errors={actionData?.errors} labels={SESSION_FIELD_LABELS} />
            <SessionFormFields steps={steps} partners={partners} ownMunicipalityName={municipalityName} values={actionData?.values ?? { capacity: "20" }} errors={actionData?.errors} />
            <button type="submit" className="btn-primary" disabled={busy}>
              Lägg upp träffen
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="tidigare" className="mt-10">
        <h2 id="tidigare" className="mb-3">
          Tidigare träffar
        </h2>
        <SessionList sessions={past} empty="Inga träffar har hållits ännu." />
      </section>
    </div>
  );
}
