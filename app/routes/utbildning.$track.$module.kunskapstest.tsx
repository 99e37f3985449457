// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ErrorSummary } from "~/components/forms";
import { getContent } from "~/content/content.server";
import { readForm } from "~/lib/form.server";
import { forbidden, notFound } from "~/modules/access/permissions.server";
import { formatLocalDate } from "~/lib/dates";
import { certificateIssuedBy, issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { lastValidDay } from "~/modules/certification/rules";
import { requireLearner, requireLearningModule, requireTrack } from "~/modules/learning/access.server";
import { lessonUrl, loadProgress, moduleProgress, moduleUrl, testUrl, trackProgress } from "~/modules/learning/progress.server";
import { sessionStepProgress } from "~/modules/course-days/progress.server";
import {
  attemptFeedback,
  countAttempts,
  parseAnswers,
  questionsForAttempt,
  recordAttempt,
  scoreNeeded,
  type PublicQuestion,
} from "~/modules/learning/quiz.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Kunskapstest: ${data.module.title} – Coachportalen` : "Coachportalen" }];

const RESULT_PARAM = "resultat";

async function testContext({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const content = getContent();
  const track = requireTrack(content, user, params.track);
  const db = getDb();
  const module = await requireLearningModule(db, content, user, track, params.module);
  const progress = moduleProgress(track, module, await loadProgress(db, user.id, { track: track.slug, module: module.slug }));
  return { user, content, track, module, db, progress };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, track, module, db, progress } = await testContext({ request, context, params });
  const total = module.quiz.questions.length;
  const common = {
    module: { title: module.title, url: moduleUrl(track.slug, module.slug) },
    testUrl: testUrl(track.slug, module.slug),
    total,
    needed: scoreNeeded(total, track.passPercent),
    passPercent: track.passPercent,
  };
  const attemptId = new URL(request.url).searchParams.get(RESULT_PARAM);
  if (attemptId) {
    const feedback = await attemptFeedback(db, { userId: user.id, track: track.slug, module: module.slug, attemptId, quiz: module.quiz });
    if (!feedback) notFound("Resultatet finns inte.");
    const certificate = feedback.passed ? await certificateIssuedBy(db, { userId: user.id, track: track.slug, attemptSubmittedAt: feedback.submittedAt }) : undefined;
    // Every module done but no certificate: what is left are the course days in person.
    let sessionsLeft: string[] = [];
    if (feedback.passed && !certificate && track.sessions.some((step) => step.required)) {
      const online = trackProgress(getContent(), track, await loadProgress(db, user.id, { track: track.slug }));
      if (online.modulesComplete === online.modules.length) {
        const steps = await sessionStepProgress(db, { userId: user.id, track });
        sessionsLeft = steps.filter((step) => step.required && step.status.kind !== "attended" && step.status.kind !== "credited").map((step) => step.title);
      }
    }
    return {
      ...common,
      view: "result" as const,
      sessionsLeft,
      feedback,
      certificate: certificate
        ? { renewed: certificate.renewsId !== null, trackTitle: track.title, validThrough: formatLocalDate(lastValidDay(certificate.expiresAt)) }
        : null,
    };
  }
  if (progress.lessonsDone < progress.lessonsTotal) {
    const remaining = module.lessons
      .filter((l) => !progress.doneLessons.has(l.slug))
      .map((l) => ({ title: l.title, url: lessonUrl(track.slug, module.slug, l.slug) }));
    return { ...common, view: "locked" as const, remaining };
  }
  const attempt = (await countAttempts(db, user.id, track.slug, module.slug)) + 1;
  const questions = questionsForAttempt(module.quiz, { userId: user.id, track: track.slug, module: module.slug, attempt });
  return { ...common, view: "test" as const, questions, passedBefore: progress.test === "passed" };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, content, track, module, db, progress } = await testContext({ request, context, params });
  if (progress.lessonsDone < progress.lessonsTotal) forbidden("Kunskapstestet öppnas när du har läst alla lektioner i modulen.");
  const attempt = (await countAttempts(db, user.id, track.slug, module.slug)) + 1;
  const order = questionsForAttempt(module.quiz, { userId: user.id, track: track.slug, module: module.slug, attempt });
  const parsed = parseAnswers(module.quiz, order, await readForm(request));
  if (!parsed.ok) {
    return parsed.tampered
      ? data({ errors: { form: parsed.message } as Record<string, string>, values: {} as Record<string, string[]> }, { status: 400 })
      : data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = await recordAttempt(db, {
    userId: user.id,
    track: track.slug,
    module: module.slug,
    contentHash: module.contentHash,
    quiz: module.quiz,
    answers: parsed.answers,
    passPercent: track.passPercent,
  });
  // The test that completes the track issues the certificate; the refresher's, in its window, renews it.
  if (result.passed) await issueCertificateIfEligible(db, { userId: user.id, track, content });
  return redirect(`${testUrl(track.slug, module.slug)}?${RESULT_PARAM}=${result.id}`);
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function QuestionFieldset({ question, number, total, error, chosen }: { question: PublicQuestion; number: number; total: number; error?: string; chosen: string[] }) {
  const multiple = question.type === "multiple";
  const hintId = `f-${question.id}-hint`;
  const errorId = `f-${question.id}-error`;
  return (
    <fieldset className="card mb-6" aria-describedby={[error ? errorId : null, multiple ? hintId : null].filter(Boolean).join(" ") || undefined}>
      <legend className="float-left mb-3 w-full text-lg font-semibold">
        <span className="block text-sm font-normal text-muted">
          Fråga {number} av {total}
        </span>
        {question.prompt}
      </legend>
      {multiple ? (
        <p id={hintId} className="clear-left mb-2 text-sm text-muted">
          Välj ett eller flera svar.
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error clear-left mb-2">
          <span className="sr-only">Fel: </span>
          {error}
        </p>
      ) : null}
      <div className="clear-left space-y-2">
        {question.options.map((option, i) => {
          const id = i === 0 ? `f-${question.id}` : `f-${question.id}-${option.id}`;
          return (
            <div key={option.id} className="flex items-start gap-3">
              <input
                id={id}
                type={multiple ? "checkbox" : "radio"}
                name={question.field}
                value={option.id}
                defaultChecked={chosen.includes(option.id)}
                className="mt-1 size-5 shrink-0 accent-brand-700"
              />
              <label htmlFor={id} className="min-h-6">
                {option.text}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

function TestForm({ data: loaderData }: { data: Extract<LoaderData, { view: "test" }> }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const labels = Object.fromEntries(loaderData.questions.map((q, i) => [q.id, `Fråga ${i + 1}`]));
  return (
    <>
      <p className="mt-2">
        {loaderData.total} frågor. Du behöver {loaderData.needed} rätt ({loaderData.passPercent} procent) för att klara testet. Du får göra om testet
        så många gånger du vill.
      </p>
      {loaderData.passedBefore ? <p className="notice-info mt-4">Du har redan klarat testet. Du kan göra det igen för att repetera.</p> : null}
      <div className="mt-6">
        <ErrorSummary errors={errors} labels={labels} />
      </div>
      <Form method="post" noValidate>
        {loaderData.questions.map((question, i) => (
          <QuestionFieldset
            key={question.id}
            question={question}
            number={i + 1}
            total={loaderData.total}
            error={errors?.[question.id]}
            chosen={actionData?.values[question.id] ?? []}
          />
        ))}
        <button type="submit" className="btn-primary" disabled={navigation.state === "submitting"}>
          Lämna in svaren
        </button>
      </Form>
    </>
  );
}

function Result({ data: loaderData }: { data: Extract<LoaderData, { view: "result" }> }) {
  const { feedback } = loaderData;
  const summary = useRef<HTMLHeadingElement>(null);
  // Arriving here after submitting, keyboard and screen-reader users start at the result.
  useEffect(() => summary.current?.focus(), []);
  return (
    <>
      <div className={`mt-6 ${feedback.passed ? "notice-success" : "notice-info"}`}>
        <h2 ref={summary} tabIndex={-1} className="focus:outline-none">
          {feedback.passed ? "Du klarade testet" : "Du klarade inte testet den här gången"}
        </h2>
        <p className="mt-2">
          Du hade {feedback.score} rätt av {feedback.maxScore}. Det behövs {loaderData.needed} rätt för att klara testet.
          {feedback.passed ? "" : " Läs förklaringarna nedan och försök igen när du vill."}
        </p>
      </div>
      {loaderData.certificate ? (
        <section aria-labelledby="intyg-rubrik" className="notice-success">
          <h2 id="intyg-rubrik">{loaderData.certificate.renewed ? "Ditt intyg är förnyat" : "Du har fått ditt intyg"}</h2>
          <p className="mt-2">
            {loaderData.certificate.renewed
              ? `Du har gjort repetitionen. Ditt intyg för ${loaderData.certificate.trackTitle} gäller nu till och med ${loaderData.certificate.validThrough}.`
              : `Du har gått klart ${loaderData.certificate.trackTitle}. Ditt intyg gäller till och med ${loaderData.certificate.validThrough}.`}{" "}
            Vi har också skickat ett e-postmeddelande om det.
          </p>
          <p className="mt-3">
            <Link to="/intyg" className="btn-primary">
              Se ditt intyg
            </Link>
          </p>
        </section>
      ) : null}
      {loaderData.sessionsLeft.length > 0 ? (
        <div className="notice-info">
          <p className="font-semibold">Du har gått klart alla moduler.</p>
          <p className="mt-1">
            För intyget återstår träffarna på plats: {loaderData.sessionsLeft.join(", ")}. <Link to="/traffar">Se träffarna och anmäl dig</Link>.
          </p>
        </div>
      ) : null}
      <p className="flex flex-wrap gap-3">
        <Link to={loaderData.testUrl} className={feedback.passed ? "btn-secondary" : "btn-primary"}>
          Gör testet igen
        </Link>
        <Link to={loaderData.module.url} className="btn-secondary">
          Tillbaka till modulen
        </Link>
      </p>
      <h2 className="mt-8">Dina svar</h2>
      <ol className="mt-4 space-y-6">
        {feedback.questions.map((question, i) => (
          <li key={question.id} className="card">
            <h3 className="text-lg font-semibold">
              <span className="block text-sm font-normal text-muted">Fråga {i + 1}</span>
              {question.prompt}
            </h3>
            <p className={`mt-2 font-semibold ${question.right ? "text-brand-800" : "text-danger"}`}>
              <span aria-hidden="true">{question.right ? "✓ " : "✗ "}</span>
              {question.right ? "Rätt" : "Fel"}
            </p>
            <ul className="mt-2 space-y-1">
              {question.options.map((option) => (
                <li key={option.id}>
                  {option.text}
                  {option.chosen ? <span className="badge ml-2">Ditt svar</span> : null}
                  {option.correct ? <span className="badge ml-2 bg-brand-100 text-brand-800">Rätt svar</span> : null}
                </li>
              ))}
            </ul>
            <p className="mt-3">
              <strong>Förklaring:</strong> {question.explanation}
            </p>
            {question.source ? <p className="mt-1 text-sm text-muted">Källa: {question.source}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export default function KnowledgeTest() {
  const loaderData = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <nav aria-label="Du är här" className="mb-4 text-sm">
        <Link to="/utbildning">Min utbildning</Link> <span aria-hidden="true">›</span> <Link to={loaderData.module.url}>{loaderData.module.title}</Link>
      </nav>
      <h1>Kunskapstest: {loaderData.module.title}</h1>
      {loaderData.view === "locked" ? (
        <div className="mt-4">
          <p>Testet öppnas när du har läst alla lektioner i modulen. Du har kvar att läsa:</p>
          <ul className="mt-2 list-disc pl-6">
            {loaderData.remaining.map((lesson) => (
              <li key={lesson.url}>
                <Link to={lesson.url}>{lesson.title}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : loaderData.view === "result" ? (
        <Result data={loaderData} />
      ) : (
        <TestForm data={loaderData} />
      )}
    </div>
  );
}
