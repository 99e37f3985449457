import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice, TextArea } from "~/components/forms";
import { SESSION_FIELD_LABELS, SessionFormFields } from "~/components/session-form";
import { getContent } from "~/content/content.server";
import { formatDateTime, formatNumber } from "~/lib/dates";
import { MAX_FORM_FIELDS, readForm } from "~/lib/form.server";
import { fields, formValues, parseForm } from "~/lib/validation";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { markAttendance } from "~/modules/sessions/attendance.server";
import { sessionWhen } from "~/modules/sessions/emails.server";
import {
  attendanceOpens,
  cancelTrainingSession,
  findStep,
  MAX_CAPACITY,
  participantsOf,
  partnerOptions,
  requireManagedSession,
  sessionFormSchema,
  sessionFormValues,
  signupState,
  stepTitle,
  updateTrainingSession,
} from "~/modules/sessions/sessions.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Träffar – Coachportalen` : "Träffar – Coachportalen" }];

const NOTICES = new Map([["skapad", "Träffen är upplagd. Coacherna kan anmäla sig nu."]]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireCoordinator(request);
  const db = getDb();
  const content = getContent();
  const session = await requireManagedSession(db, user, params.id);
  const now = new Date();
  const owner = session.municipalityId === user.municipalityId;
  const [people, partners] = await Promise.all([participantsOf(db, session.id), owner ? partnerOptions(db, user.municipalityId) : Promise.resolve(null)]);
  const ref = findStep(content, session.track, session.stepKey);
  const state = signupState(session, now);
  return {
    id: session.id,
    title: stepTitle(content, session.track, session.stepKey),
    description: ref?.step.description ?? null,
    when: sessionWhen(session),
    place: session.place,
    details: session.details,
    capacity: session.capacity,
    signupDeadline: formatDateTime(session.signupDeadline),
    state,
    cancelledAt: session.cancelledAt ? formatDateTime(session.cancelledAt) : null,
    cancelReason: session.cancelReason,
    organisers: session.partnerMunicipalityName ? `${session.municipalityName} och ${session.partnerMunicipalityName}` : session.municipalityName,
    municipalityName: user.municipalityName,
    owner,
    partners,
    attendanceOpen: !session.cancelledAt && now >= attendanceOpens(session),
    editable: state === "open" || state === "closed",
    formValues: sessionFormValues(session),
    fixedStep: { value: `${session.track}/${session.stepKey}`, label: stepTitle(content, session.track, session.stepKey) },
    booked: people.booked,
    waitlisted: people.waitlisted,
    notice: NOTICES.get(new URL(request.url).searchParams.get("notis") ?? "") ?? null,
  };
}

const intentSchema = z.object({ intent: z.enum(["update", "cancel", "attendance"], { error: "Okänd åtgärd." }) });
const cancelSchema = z.object({ reason: fields.text("skälet", 500).optional() });

type ActionResult = { intent: string; errors: Record<string, string> | null; values?: Record<string, string>; notice?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireCoordinator(request);
  const db = getDb();
  const content = getContent();
  const session = await requireManagedSession(db, user, params.id);
  const form = await readForm(request, { maxFields: MAX_CAPACITY + MAX_FORM_FIELDS });
  const intent = parseForm(intentSchema, form);
  if (!intent.ok) return data<ActionResult>({ intent: "", errors: { form: intent.errors.intent ?? "Okänd åtgärd." } }, { status: 400 });

  if (intent.data.intent === "attendance") {
    const ids = form.getAll("attended").filter((v): v is string => typeof v === "string").slice(0, 1000);
    const result = await markAttendance(db, { actor: user, session, attendedUserIds: ids, content });
    if (result.status === "not_open") return data<ActionResult>({ intent: "attendance", errors: { form: result.message } }, { status: 400 });
    const issued = result.certificates.length;
    return data<ActionResult>({
      intent: "attendance",
      errors: null,
      notice:
        `Närvaron är sparad: ${formatNumber(result.attended)} närvarande, ${formatNumber(result.absent)} inte närvarande.` +
        (issued > 0 ? ` ${formatNumber(issued)} ${issued === 1 ? "coach fick" : "coacher fick"} sitt intyg.` : ""),
    });
  }

  if (intent.data.intent === "cancel") {
    const parsed = parseForm(cancelSchema, form);
    if (!parsed.ok) return data<ActionResult>({ intent: "cancel", errors: parsed.errors, values: parsed.values }, { status: 400 });
    const result = await cancelTrainingSession(db, { actor: user, session, reason: parsed.data.reason ?? "", content });
    if (result.status === "not_cancellable") return data<ActionResult>({ intent: "cancel", errors: { form: result.message } }, { status: 400 });
    return data<ActionResult>({
      intent: "cancel",
      errors: null,
      notice: `Träffen är inställd. ${formatNumber(result.notified)} ${result.notified === 1 ? "person har" : "personer har"} fått ett meddelande.`,
    });
  }

  const parsed = parseForm(sessionFormSchema, form);
  if (!parsed.ok) return data<ActionResult>({ intent: "update", errors: parsed.errors, values: parsed.values }, { status: 400 });
  const result = await updateTrainingSession(db, { actor: user, session, form: parsed.data, content });
  if (result.status === "not_editable") return data<ActionResult>({ intent: "update", errors: { form: result.message } }, { status: 400 });
  if (result.status === "invalid") return data<ActionResult>({ intent: "update", errors: result.errors, values: formValues(form) }, { status: 400 });
  return data<ActionResult>({ intent: "update", errors: null, notice: "Ändringarna är sparade. De som har en plats har fått ett meddelande om ny tid eller plats, om den ändrades." });
}

export default function CoordinatorSession() {
  const s = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod === "POST";
  const errorsFor = (intent: string) => (actionData?.intent === intent ? actionData.errors : null);
  const notice = actionData && !actionData.errors ? actionData.notice : s.notice;

  return (
    <div className="max-w-3xl">
      <p className="mb-2">
        <Link to="/samordnare/traffar">Alla träffar</Link>
      </p>
      <h1>{s.title}</h1>
      <p className="mt-1 text-lg">{s.when}</p>
      {notice ? (
        <div className="mt-4">
          <Notice>{notice}</Notice>
        </div>
      ) : null}
      {actionData?.intent === "" && actionData.errors ? <ErrorSummary errors={actionData.errors} /> : null}
      {s.state === "cancelled" ? (
        <div className="notice-info mt-4">
          <p className="font-semibold">Träffen är inställd ({s.cancelledAt}).</p>
          {s.cancelReason ? <p className="mt-1">Skäl: {s.cancelReason}</p> : null}
        </div>
      ) : null}

      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Plats</dt>
        <dd>{s.place}</dd>
        <dt className="font-semibold">Platser</dt>
        <dd>
          {formatNumber(s.booked.length)} av {formatNumber(s.capacity)} bokade, {formatNumber(s.waitlisted.length)} på väntelistan
        </dd>
        <dt className="font-semibold">Sista anmälan</dt>
        <dd>{s.signupDeadline}</dd>
        <dt className="font-semibold">Anordnas av</dt>
        <dd>{s.organisers}</dd>
      </dl>
      {s.details ? <p className="mt-3 whitespace-pre-line">{s.details}</p> : null}

      {s.attendanceOpen ? (
        <section aria-labelledby="narvaro" className="mt-8">
          <h2 id="narvaro" className="mb-2">
            Närvaro
          </h2>
          {s.booked.length === 0 ? (
            <p>Ingen har en plats på träffen.</p>
          ) : (
            <Form method="post" className="card p-3 sm:p-5">
              <ErrorSummary errors={errorsFor("attendance")} />
              <input type="hidden" name="intent" value="attendance" />
              <fieldset>
                <legend className="mb-2 text-base">Kryssa i dem som är här. De som inte är ikryssade registreras som frånvarande.</legend>
                <ul className="divide-y divide-gray-200">
                  {s.booked.map((p) => (
                    <li key={p.userId}>
                      <label className="flex min-h-14 cursor-pointer items-center gap-4 py-2">
                        <input type="checkbox" name="attended" value={p.userId} defaultChecked={p.attended === true} className="size-7 shrink-0 accent-brand-700" />
                        <span className="min-w-0 break-words">
                          <span className="block font-semibold">{p.name}</span>
                          <span className="block text-sm text-muted">
                            {p.municipalityName ?? ""}
                            {p.attended === false ? " · registrerad som frånvarande" : p.attended === true ? " · registrerad som närvarande" : ""}
                          </span>
                        </span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
              <button type="submit" className="btn-primary mt-4 w-full sm:w-auto" disabled={busy}>
                Spara närvaron
              </button>
            </Form>
          )}
        </section>
      ) : null}

      <section aria-labelledby="bokade" className="mt-8">
        <h2 id="bokade" className="mb-2">
          Bokade ({formatNumber(s.booked.length)})
        </h2>
        {s.booked.length === 0 ? (
          <p>Ingen har anmält sig ännu.</p>
        ) : (
          <ul className="space-y-2">
            {s.booked.map((p) => (
              <li key={p.userId} className="break-words">
                <span className="font-semibold">{p.name}</span>, {p.email}
                {p.municipalityName ? `, ${p.municipalityName}` : ""}
                {p.attended === true ? <span className="badge ml-2 bg-brand-100 text-brand-800">Närvarande</span> : null}
                {p.attended === false ? <span className="badge ml-2 bg-red-50 text-danger">Kom inte</span> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="vantelista" className="mt-8">
        <h2 id="vantelista" className="mb-2">
          Väntelista ({formatNumber(s.waitlisted.length)})
        </h2>
        {s.waitlisted.length === 0 ? (
          <p>Ingen står på väntelistan.</p>
        ) : (
          <ol className="list-decimal space-y-2 pl-6">
            {s.waitlisted.map((p) => (
              <li key={p.userId} className="break-words">
                <span className="font-semibold">{p.name}</span>, {p.email}
                {p.municipalityName ? `, ${p.municipalityName}` : ""}
              </li>
            ))}
          </ol>
        )}
        <p className="mt-2 text-sm text-muted">När någon avbokar får den som står först på väntelistan platsen och ett meddelande om det.</p>
      </section>

      {s.editable ? (
        <>
          <section aria-labelledby="andra" className="mt-10">
            <h2 id="andra" className="mb-3">
              Ändra träffen
            </h2>
            <Form method="post" noValidate className="card">
              <ErrorSummary errors={errorsFor("update")} labels={SESSION_FIELD_LABELS} />
              <input type="hidden" name="intent" value="update" />
              <SessionFormFields
                steps={[]}
                fixedStep={s.fixedStep}
                partners={s.owner ? s.partners : null}
                ownMunicipalityName={s.municipalityName}
                values={actionData?.intent === "update" && actionData.errors ? actionData.values ?? s.formValues : s.formValues}
                errors={errorsFor("update")}
              />
              <button type="submit" className="btn-primary" disabled={busy}>
                Spara ändringarna
              </button>
            </Form>
          </section>

          <section aria-labelledby="stall-in" className="mt-10">
            <h2 id="stall-in" className="mb-3">
              Ställ in träffen
            </h2>
            <Form method="post" className="card">
              <ErrorSummary errors={errorsFor("cancel")} />
              <input type="hidden" name="intent" value="cancel" />
              <p className="mb-4">Alla som har en plats eller står på väntelistan får ett meddelande, och träffen tas bort ur deras kalendrar.</p>
              <TextArea name="reason" label="Skäl (valfritt)" hint="Skickas med i meddelandet" error={errorsFor("cancel")?.reason} />
              <button type="submit" className="btn-danger" disabled={busy}>
                Ställ in träffen
              </button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  );
}
