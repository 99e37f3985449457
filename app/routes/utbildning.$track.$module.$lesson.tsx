// SPDX-License-Identifier: EUPL-1.2
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { htmlBody, KeptHtml } from "~/components/KeptHtml";
import { SavedOfflineNote, useQueuedLessons } from "~/components/OfflineSupport";
import { isNetworkFailure, queueLessonCompletion } from "~/offline/offline.client";
import { getContent, resolveLessonLinks } from "~/content/content.server";
import { requireLearner, requireLearningModule, requireLesson, requireTrack } from "~/modules/learning/access.server";
import { lessonUrl, loadProgress, moduleProgress, moduleUrl, recordLessonCompletion, testUrl } from "~/modules/learning/progress.server";
import { fillLocalTexts, hasLocalPlaces, localTextsOf } from "~/modules/municipalities/local-text.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} – ${data.module.title} – Coachportalen` : "Coachportalen" }];

async function lessonContext({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const content = getContent();
  const track = requireTrack(content, user, params.track);
  const module = await requireLearningModule(getDb(), content, user, track, params.module);
  const lesson = requireLesson(module, params.lesson);
  return { user, content, track, module, lesson };
}

/** The lesson's text, with the reader's municipality's own text where the lesson has a place for it. */
async function lessonBody(
  request: Request,
  input: Pick<Awaited<ReturnType<typeof lessonContext>>, "user" | "content" | "module" | "lesson"> & { track: string },
) {
  const { user, content, track, module, lesson } = input;
  const key = `${track}/${module.slug}/${lesson.slug}@${module.contentHash}`;
  const html = resolveLessonLinks(content, lesson.html, track);
  if (!hasLocalPlaces(html)) return htmlBody(request, key, html);
  const texts = user.municipalityId ? await localTextsOf(getDb(), user.municipalityId, html) : null;
  return htmlBody(request, `${key}#${user.municipalityId ?? "-"}@${texts?.version ?? "none"}`, fillLocalTexts(html, texts));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { user, content, track, module, lesson } = await lessonContext({ request, context, params });
  const records = await loadProgress(getDb(), user.id, { track: track.slug, module: module.slug });
  const progress = moduleProgress(track, module, records);
  const index = module.lessons.indexOf(lesson);
  const previous = module.lessons[index - 1];
  const next = module.lessons[index + 1];
  return {
    track: { slug: track.slug },
    module: { title: module.title, url: moduleUrl(track.slug, module.slug) },
    lesson: { slug: lesson.slug, title: lesson.title, minutes: lesson.minutes },
    position: index + 1,
    total: module.lessons.length,
    done: progress.doneLessons.has(lesson.slug),
    previous: previous ? { title: previous.title, url: lessonUrl(track.slug, module.slug, previous.slug) } : null,
    next: next
      ? { title: next.title, url: lessonUrl(track.slug, module.slug, next.slug) }
      : { title: "Kunskapstestet", url: testUrl(track.slug, module.slug) },
    body: await lessonBody(request, { user, content, track: track.slug, module, lesson }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, track, module, lesson } = await lessonContext({ request, context, params });
  const db = getDb();
  await recordLessonCompletion(db, { userId: user.id, track: track.slug, module: module.slug, lesson: lesson.slug, contentHash: module.contentHash });
  const index = module.lessons.indexOf(lesson);
  const next = module.lessons[index + 1];
  if (next) return redirect(lessonUrl(track.slug, module.slug, next.slug));
  const progress = moduleProgress(track, module, await loadProgress(db, user.id, { track: track.slug, module: module.slug }));
  return redirect(progress.lessonsDone === progress.lessonsTotal ? testUrl(track.slug, module.slug) : moduleUrl(track.slug, module.slug));
}

// Without network the lesson is marked read in the browser's queue, sent when the network is back
// (components/OfflineSupport.tsx); recording a lesson twice changes nothing on the server.
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  if (navigator.onLine) {
    try {
      return await serverAction();
    } catch (error) {
      if (!isNetworkFailure(error)) throw error;
    }
  }
  await queueLessonCompletion(new URL(request.url).pathname);
  return { queued: true };
}

// A queued lesson stays on its page: asking the server again would need the network it lacks.
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "queued" in actionResult ? false : defaultShouldRevalidate;

const LESSON_CLASSES =
  "prose-page mt-6 text-lg leading-8 [&_a]:break-words [&_blockquote]:my-6 [&_blockquote]:border-l-4 [&_blockquote]:border-brand-600 [&_blockquote]:bg-brand-50 [&_blockquote]:px-4 [&_blockquote]:py-3 [&_h2]:mt-10 [&_h2]:text-2xl [&_h3]:mt-8 [&_h3]:mb-2 [&_h3]:text-xl [&_h3]:font-semibold [&_img]:my-6 [&_img]:h-auto [&_img]:max-w-full [&_li]:mb-2 [&_table]:my-4 [&_table]:w-full [&_table]:border-collapse [&_table]:text-base [&_td]:border-b [&_td]:border-gray-200 [&_td]:px-3 [&_td]:py-2 [&_th]:border-b-2 [&_th]:border-gray-400 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left";

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const { pathname } = useLocation();
  const queued = useQueuedLessons().includes(pathname);
  const saving = navigation.state !== "idle" && navigation.formMethod?.toUpperCase() === "POST";
  const percent = Math.round((data.position / data.total) * 100);
  return (
    <article className="mx-auto max-w-[42rem]">
      <nav aria-label="Du är här" className="mb-4 text-sm">
        <Link to="/utbildning">Min utbildning</Link> <span aria-hidden="true">›</span> <Link to={data.module.url}>{data.module.title}</Link>
      </nav>
      <p className="text-sm font-semibold text-muted">
        Lektion {data.position} av {data.total} · cirka {data.lesson.minutes} minuters läsning
      </p>
      <div className="mt-2 h-1.5 w-full overflow-hidden rounded-full bg-gray-200" aria-hidden="true">
        <div className="h-full bg-brand-600" style={{ width: `${percent}%` }} />
      </div>
      {/* After a client-side move to another lesson, or on to the test, focus lands on the h1 (components/announcer.tsx). */}
      <h1 tabIndex={-1} className="mt-4 focus:outline-none">
        {data.lesson.title}
      </h1>
      <SavedOfflineNote path={pathname} />
      <KeptHtml body={data.body} id="lektionstext" className={LESSON_CLASSES} />

      <div className="mt-10 border-t border-gray-300 pt-6">
        {data.done ? (
          <p className="notice-success">
            <span aria-hidden="true">✓ </span>Du har läst den här lektionen.
          </p>
        ) : queued ? (
          <p className="notice-info" role="status">
            Markerad som klar. Du är inte uppkopplad, så det skickas när du har nät igen.
          </p>
        ) : (
          <Form method="post">
            <button type="submit" className="btn-primary" disabled={saving}>
              Markera som klar
            </button>
          </Form>
        )}
      </div>

      <nav aria-label="Lektioner" className="mt-6 flex flex-wrap justify-between gap-4">
        {data.previous ? (
          <Link to={data.previous.url} className="btn-secondary">
            <span aria-hidden="true">←</span> Föregående: {data.previous.title}
          </Link>
        ) : (
          <Link to={data.module.url} className="btn-secondary">
            <span aria-hidden="true">←</span> Till modulen
          </Link>
        )}
        <Link to={data.next.url} className="btn-secondary">
          Nästa: {data.next.title} <span aria-hidden="true">→</span>
        </Link>
      </nav>
    </article>
  );
}
