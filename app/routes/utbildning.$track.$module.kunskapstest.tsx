// SPDX-License-Identifier: EUPL-1.2
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AttemptResult, QuestionFieldset, RetryLater } from "~/components/KnowledgeTest";
import { ErrorSummary } from "~/components/forms";
import { getContent } from "~/content/content.server";
import { readForm } from "~/lib/form.server";
import { forbidden, notFound } from "~/modules/access/permissions.server";
import { requireLearner, requireLearningModule, requireTrack } from "~/modules/learning/access.server";
import { attemptOutcome, knowledgeTestView, PAUSE_REASON, pauseNotice, submitQuizAttempt } from "~/modules/learning/knowledge-test.server";
import { lessonUrl, moduleUrl, testUrl } from "~/modules/learning/progress.server";
import { ATTEMPT_FIELD, attemptFeedback, scoreNeeded } from "~/modules/learning/quiz.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Kunskapstest: ${data.module.title} – Coachportalen` : "Coachportalen" }];

const RESULT_PARAM = "resultat";

async function testContext({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const content = getContent();
  const track = requireTrack(content, user, params.track);
  const db = getDb();
  const module = await requireLearningModule(db, content, user, track, params.module);
  return { user, content, track, module, db };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, content, track, module, db } = await testContext({ request, context, params });
  const total = module.quiz.perAttempt;
  const common = {
    module: { title: module.title, url: moduleUrl(track.slug, module.slug) },
    testUrl: testUrl(track.slug, module.slug),
    total,
    needed: scoreNeeded(total, track.passPercent),
    passPercent: track.passPercent,
  };
  const attemptId = new URL(request.url).searchParams.get(RESULT_PARAM);
  if (attemptId) {
    const feedback = await attemptFeedback(db, { userId: user.id, track: track.slug, module, attemptId });
    if (!feedback) notFound("Resultatet finns inte.");
    return { ...common, view: "result" as const, feedback, ...(await attemptOutcome(db, { userId: user.id, track, module, content, feedback })) };
  }
  const view = await knowledgeTestView(db, { userId: user.id, track, module });
  if (view.kind === "locked") {
    return { ...common, view: "locked" as const, remaining: view.remaining.map((l) => ({ title: l.title, url: lessonUrl(track.slug, module.slug, l.slug) })) };
  }
  if (view.kind === "paused") return { ...common, view: "paused" as const, message: view.message };
  return { ...common, view: "test" as const, attempt: { field: ATTEMPT_FIELD, id: view.attemptId }, questions: view.questions, passedBefore: view.passedBefore, pause: pauseNotice(track.retryPauseMinutes) };
}

type ActionData = { title: string | null; errors: Record<string, string>; values: Record<string, string[]> };
const refused = (title: string | null, form: string, status: number, headers?: HeadersInit) =>
  data<ActionData>({ title, errors: { form }, values: {} }, { status, headers });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, content, track, module, db } = await testContext({ request, context, params });
  const outcome = await submitQuizAttempt(db, { userId: user.id, track, module, content, form: await readForm(request) });
  switch (outcome.kind) {
    case "locked":
      return forbidden(outcome.message);
    case "paused":
      return refused(outcome.message, PAUSE_REASON, 429, { "Retry-After": String(outcome.retryAfterSeconds) });
    case "tampered":
      return refused(null, outcome.message, 400);
    case "closed":
      return refused(null, outcome.message, 409);
    case "incomplete":
      return data<ActionData>({ title: outcome.message, errors: outcome.errors, values: outcome.values }, { status: 400 });
    case "recorded":
      return redirect(`${testUrl(track.slug, module.slug)}?${RESULT_PARAM}=${outcome.attemptId}`);
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function TestForm({ data: loaderData }: { data: Extract<LoaderData, { view: "test" }> }) {
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errors = actionData?.errors;
  const labels = Object.fromEntries(loaderData.questions.map((q, i) => [q.id, `Fråga ${i + 1}`]));
  return (
    <>
      <p className="mt-2">
        {loaderData.total} frågor. Du behöver {loaderData.needed} rätt ({loaderData.passPercent} procent) för att klara testet. Du får göra om testet.{" "}
        {loaderData.pause}
      </p>
      {loaderData.passedBefore ? <p className="notice-info mt-4">Du har redan klarat testet. Du kan göra det igen för att repetera.</p> : null}
      <div className="mt-6">
        <ErrorSummary errors={errors} labels={labels} title={actionData?.title} />
      </div>
      <Form method="post" noValidate>
        <input type="hidden" name={loaderData.attempt.field} value={loaderData.attempt.id} />
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
      ) : loaderData.view === "paused" ? (
        <RetryLater message={loaderData.message} lessonsUrl={loaderData.module.url} />
      ) : loaderData.view === "result" ? (
        <AttemptResult data={loaderData} />
      ) : (
        <TestForm data={loaderData} />
      )}
    </div>
  );
}
