// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent, resolveLessonLinks } from "~/content/content.server";
import { requireLearner, requireLearningModule, requireTrack } from "~/modules/learning/access.server";
import { formatMinutesLeft, lessonUrl, loadProgress, moduleProgress, moduleUrl, testMinutes, testUrl } from "~/modules/learning/progress.server";
import { scoreNeeded } from "~/modules/learning/quiz.server";
import { SaveForOffline, TestNeedsNetwork, useQueuedLessons } from "~/components/OfflineSupport";
import { ReviewNote } from "~/components/ReviewNote";
import { can } from "~/modules/access/permissions.server";
import { readerMunicipality, reviewNoteFor } from "~/modules/content-review/approvals.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.module.title} – Coachportalen` : "Coachportalen" }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const content = getContent();
  const track = requireTrack(content, user, params.track);
  const db = getDb();
  const module = await requireLearningModule(db, content, user, track, params.module);
  const records = await loadProgress(db, user.id, { track: track.slug, module: module.slug });
  const progress = moduleProgress(track, module, records);
  const reviewNote = await reviewNoteFor(db, {
    municipality: await readerMunicipality({ request, context }),
    content,
    kind: "module",
    slug: module.slug,
    review: module.review,
  });
  return {
    reviewNote,
    offlinePath: can.keepLessonsOffline(user) ? moduleUrl(track.slug, module.slug) : null,
    track: { slug: track.slug, title: track.title },
    module: {
      title: module.title,
      summary: module.summary,
      objectives: module.objectives,
      html: resolveLessonLinks(content, module.html, track.slug),
      sources: module.sources,
    },
    lessons: module.lessons.map((lesson) => ({
      slug: lesson.slug,
      title: lesson.title,
      minutes: lesson.minutes,
      url: lessonUrl(track.slug, module.slug, lesson.slug),
      done: progress.doneLessons.has(lesson.slug),
    })),
    lessonsDone: progress.lessonsDone,
    timeLeft: progress.minutesLeft > 0 ? formatMinutesLeft(progress.minutesLeft) : null,
    test: {
      state: progress.test,
      url: testUrl(track.slug, module.slug),
      questions: module.quiz.perAttempt,
      needed: scoreNeeded(module.quiz.perAttempt, track.passPercent),
      minutes: testMinutes(module),
    },
  };
}

export default function ModulePage() {
  const { track, module, lessons, lessonsDone, timeLeft, test, reviewNote, offlinePath } = useLoaderData<typeof loader>();
  const nextLesson = lessons.find((l) => !l.done);
  const queued = useQueuedLessons();
  return (
    <div className="max-w-3xl">
      <nav aria-label="Du är här" className="mb-4 text-sm">
        <Link to="/utbildning">Min utbildning</Link> <span aria-hidden="true">›</span> <span>{track.title}</span>
      </nav>
      <h1>{module.title}</h1>
      <p className="mt-2 text-lg">{module.summary}</p>
      <ReviewNote note={reviewNote} />
      <p className="mt-4 font-semibold">
        {lessonsDone} av {lessons.length} lektioner lästa
        {test.state === "passed" ? " · kunskapstestet är godkänt" : ""}
      </p>
      <p className="text-sm text-muted">{timeLeft ? `Tid kvar: ${timeLeft}.` : "Du har gått klart modulen."}</p>
      {offlinePath ? <SaveForOffline paths={[offlinePath]} what="modulen" /> : null}
      {nextLesson ? (
        <p className="mt-4">
          <Link to={nextLesson.url} className="btn-primary">
            {lessonsDone === 0 ? "Börja med första lektionen" : "Fortsätt med nästa lektion"}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="mal" className="mt-8">
        <h2 id="mal">Det här lär du dig</h2>
        <ul className="mt-2 list-disc space-y-1 pl-6">
          {module.objectives.map((objective) => (
            <li key={objective}>{objective}</li>
          ))}
        </ul>
      </section>

      <div className="prose-page mt-6" dangerouslySetInnerHTML={{ __html: module.html }} />

      <section aria-labelledby="lektioner" className="mt-8">
        <h2 id="lektioner">Lektioner</h2>
        <ol className="mt-2 divide-y divide-gray-200 rounded-lg border border-gray-300">
          {lessons.map((lesson, i) => (
            <li key={lesson.slug} className="flex flex-wrap items-center justify-between gap-2 px-4 py-3">
              <Link to={lesson.url} className="font-semibold">
                {i + 1}. {lesson.title}
              </Link>
              <span className="text-sm">
                {lesson.done ? (
                  <span className="badge bg-brand-100 text-brand-800">
                    <span aria-hidden="true">✓ </span>Läst
                  </span>
                ) : queued.includes(lesson.url) ? (
                  <span className="badge">Läst, skickas när du har nät</span>
                ) : (
                  <span className="badge">Inte läst</span>
                )}{" "}
                <span className="text-muted">{lesson.minutes} min</span>
              </span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="test" className="mt-8">
        <h2 id="test">Kunskapstest</h2>
        <p className="mt-2">
          {test.questions} frågor, cirka {test.minutes} minuter. Du behöver {test.needed} rätt för att klara testet, och du får göra om det
          så många gånger du vill.
        </p>
        <TestNeedsNetwork />
        {test.state === "locked" ? (
          <p className="mt-2">Testet öppnas när du har läst alla lektioner.</p>
        ) : (
          <>
            <p className="mt-2 font-semibold">
              {test.state === "passed" ? "Du har klarat testet." : test.state === "failed" ? "Du har inte klarat testet än." : "Testet är öppet."}
            </p>
            <p className="mt-3">
              <Link to={test.url} className={test.state === "passed" ? "btn-secondary" : "btn-primary"}>
                {test.state === "passed" ? "Gör testet igen" : "Gör kunskapstestet"}
              </Link>
            </p>
          </>
        )}
      </section>

      <section aria-labelledby="kallor" className="mt-8">
        <h2 id="kallor">Källor</h2>
        <ul className="mt-2 space-y-2">
          {module.sources.map((source) => (
            <li key={`${source.title}-${source.url ?? ""}`}>
              {source.url ? <a href={source.url}>{source.title}</a> : <span>{source.title}</span>}
              <span className="text-muted">
                {" "}
                – {source.publisher}
                {source.year ? `, ${source.year}` : ""}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
