// SPDX-License-Identifier: EUPL-1.2
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ErrorSummary, Notice, TextArea } from "~/components/forms";
import { SESSION_FIELD_LABELS, SessionFormFields } from "~/components/session-form";
import { AttendanceSection, BookedSection, WaitingListSection } from "~/components/session-participants";
import { PartnershipAnswer, PartnershipStatus } from "~/components/session-partnership";
import { SessionPaperwork } from "~/components/session-paperwork";
import { getContent } from "~/content/content.server";
import { formatDateTime, formatNumber } from "~/lib/dates";
import { MAX_FORM_FIELDS, readForm } from "~/lib/form.server";
import { fields, formValues, parseForm } from "~/lib/validation";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { markAttendance } from "~/modules/course-days/attendance.server";
import { sessionWhen } from "~/modules/course-days/emails.server";
import { sessionPaperworkLinks } from "~/modules/course-days/paperwork.server";
import {
  answerPartnership,
  attendanceOpens,
  cancelTrainingSession,
  findStep,
  MAX_CAPACITY,
  participantsOf,
  partnerOptions,
  requireCoordinatorSession,
  sessionFormSchema,
  sessionFormValues,
  signupState,
  stepTitle,
  updateTrainingSession,
} from "~/modules/course-days/course-days.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.title} – Träffar – Coachportalen` : "Träffar – Coachportalen" }];

const NOTICES = new Map([
  ["skapad", "Träffen är upplagd. Coacherna kan anmäla sig nu."],
  ["skapad-forfragan", "Träffen är upplagd, och coacherna i din kommun kan anmäla sig nu. Den andra kommunen har fått en förfrågan: deras coacher ser träffen när den är godkänd."],
]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const content = getContent();
  const { session, access } = await requireCoordinatorSession(db, user, params.id);
  const now = new Date();
  const owner = session.municipalityId === user.municipalityId;
  const manages = access === "manage";
  // An asked partner sees the day's facts and the request, never who is on it.
  const [people, partners] = await Promise.all([manages ? participantsOf(db, session.id) : null, owner ? partnerOptions(db, user.municipalityId) : null]);
  const ref = findStep(content, session.track, session.stepKey);
  const state = signupState(session, now);
  const asked = session.partnerRequest;
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
    manages,
    partnership: asked ? { status: asked.status, owner: session.municipalityName, partner: asked.municipalityName } : null,
    answerable: !manages && asked?.status === "pending" && (state === "open" || state === "closed"),
    partners,
    attendanceOpen: manages && !session.cancelledAt && now >= attendanceOpens(session),
    editable: manages && (state === "open" || state === "closed"),
    formValues: sessionFormValues(session),
    fixedStep: { value: `${session.track}/${session.stepKey}`, label: stepTitle(content, session.track, session.stepKey) },
    booked: people?.booked ?? [],
    waitlisted: people?.waitlisted ?? [],
    paperwork: manages ? await sessionPaperworkLinks(db, user, session) : null,
    notice: NOTICES.get(new URL(request.url).searchParams.get("notis") ?? "") ?? null,
  };
}

const intentSchema = z.object({ intent: z.enum(["update", "cancel", "attendance", "accept", "decline"], { error: "Okänd åtgärd." }) });
const cancelSchema = z.object({ reason: fields.text("skälet", 500).optional() });

type ActionResult = { intent: string; errors: Record<string, string> | null; values?: Record<string, string>; notice?: string };

const ANSWER_STATUS = { not_asked: 403, already_answered: 409, closed: 409 } as const;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const content = getContent();
  const { session, access } = await requireCoordinatorSession(db, user, params.id);
  const form = await readForm(request, { maxFields: MAX_CAPACITY + MAX_FORM_FIELDS });
  const intent = parseForm(intentSchema, form);
  if (!intent.ok) return data<ActionResult>({ intent: "", errors: { form: intent.errors.intent ?? "Okänd åtgärd." } }, { status: 400 });

  if (intent.data.intent === "accept" || intent.data.intent === "decline") {
    const result = await answerPartnership(db, { actor: user, sessionId: session.id, answer: intent.data.intent, content });
    if (result.status !== "answered") return data<ActionResult>({ intent: "answer", errors: { form: result.message } }, { status: ANSWER_STATUS[result.status] });
    const notice =
      result.answer === "accepted"
        ? "Du har godkänt förfrågan. Träffen är gemensam: era coacher ser den och kan anmäla sig."
        : `Du har avböjt förfrågan. ${session.municipalityName} har fått ett meddelande, och era coacher ser inte träffen.`;
    return data<ActionResult>({ intent: "answer", errors: null, notice });
  }
  if (access !== "manage") {
    const message = "Träffen blir gemensam först när du har godkänt förfrågan. Till dess kan du bara godkänna eller avböja den.";
    return data<ActionResult>({ intent: "", errors: { form: message } }, { status: 403 });
  }

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
  // Errors of no section of the page; an answer's errors show in the request, or here once it is gone.
  const pageErrors = actionData?.intent === "" || (actionData?.intent === "answer" && s.manages) ? actionData.errors : null;

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
      <ErrorSummary errors={pageErrors} />
      {s.state === "cancelled" ? (
        <div className="notice-info mt-4">
          <p className="font-semibold">Träffen är inställd ({s.cancelledAt}).</p>
          {s.cancelReason ? <p className="mt-1">Skäl: {s.cancelReason}</p> : null}
        </div>
      ) : null}
      {s.owner && s.partnership ? <PartnershipStatus request={s.partnership} /> : null}
      {!s.manages && s.partnership ? <PartnershipAnswer request={s.partnership} answerable={s.answerable} errors={errorsFor("answer")} busy={busy} /> : null}

      <dl className="mt-4 grid gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Plats</dt>
        <dd>{s.place}</dd>
        <dt className="font-semibold">Platser</dt>
        <dd>
          {s.manages
            ? `${formatNumber(s.booked.length)} av ${formatNumber(s.capacity)} bokade, ${formatNumber(s.waitlisted.length)} på väntelistan`
            : formatNumber(s.capacity)}
        </dd>
        <dt className="font-semibold">Sista anmälan</dt>
        <dd>{s.signupDeadline}</dd>
        <dt className="font-semibold">Anordnas av</dt>
        <dd>{s.organisers}</dd>
      </dl>
      {s.details ? <p className="mt-3 whitespace-pre-line">{s.details}</p> : null}

      <SessionPaperwork links={s.paperwork} />
      {s.attendanceOpen ? <AttendanceSection booked={s.booked} errors={errorsFor("attendance")} busy={busy} /> : null}
      {s.manages ? (
        <>
          <BookedSection booked={s.booked} />
          <WaitingListSection waitlisted={s.waitlisted} />
        </>
      ) : null}

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
