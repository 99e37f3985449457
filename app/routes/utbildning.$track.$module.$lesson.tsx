// SPDX-License-Identifier: EUPL-1.2
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { getContent, resolveLessonLinks } from "~/content/content.server";
import { keepForServerRender, keptForServerRender } from "~/content/rendered-html";
import { requireLearner, requireLearningModule, requireLesson, requireTrack } from "~/modules/learning/access.server";
import { lessonUrl, loadProgress, moduleProgress, moduleUrl, recordLessonCompletion, testUrl } from "~/modules/learning/progress.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} – ${data.module.title} – Coachportalen` : "Coachportalen" }];

/** A browser loading the page itself, as opposed to Remix fetching data for a client-side navigation. */
function isDocumentRequest(request: Request): boolean {
  const destination = request.headers.get("sec-fetch-dest");
  if (destination) return destination === "document";
  return (request.headers.get("accept") ?? "").includes("text/html");
}

/** The text itself for a client-side navigation; on a page load only the key to it (see rendered-html.ts). */
function lessonBody(request: Request, key: string, html: string): { key: string; html?: string } {
  if (!isDocumentRequest(request)) return { key, html };
  keepForServerRender(key, html);
  return { key };
}

async function lessonContext({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const content = getContent();
  const track = requireTrack(content, user, params.track);
  const module = await requireLearningModule(getDb(), content, user, track, params.module);
  const lesson = requireLesson(module, params.lesson);
  return { user, content, track, module, lesson };
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
    body: lessonBody(request, `${track.slug}/${module.slug}/${lesson.slug}@${module.contentHash}`, resolveLessonLinks(content, lesson.html, track.slug)),
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

const LESSON_BODY_ID = "lektionstext";

/**
 * The lesson text. After a page load its data holds only a key: the server render finds
 * the text by it, and the browser keeps what the server rendered.
 */
function LessonBody({ body }: { body: { key: string; html?: string } }) {
  const [pageHtml] = useState(
    () => keptForServerRender(body.key) ?? (typeof document === "undefined" ? "" : (document.getElementById(LESSON_BODY_ID)?.innerHTML ?? "")),
  );
  const html = body.html ?? pageHtml;
  return (
    <div
      id={LESSON_BODY_ID}
      className="prose-page mt-6 text-lg leading-8 [&_a]:break-words [&_blockquote]:my-6 [&_blockquote]:border-l-4 [&_blockquote]:border-brand-600 [&_blockquote]:bg-brand-50 [&_blockquote]:px-4 [&_blockquote]:py-3 [&_h2]:mt-10 [&_h2]:text-2xl [&_h3]:mt-8 [&_h3]:mb-2 [&_h3]:text-xl [&_h3]:font-semibold [&_img]:my-6 [&_img]:h-auto [&_img]:max-w-full [&_li]:mb-2 [&_table]:my-4 [&_table]:w-full [&_table]:border-collapse [&_table]:text-base [&_td]:border-b [&_td]:border-gray-200 [&_td]:px-3 [&_td]:py-2 [&_th]:border-b-2 [&_th]:border-gray-400 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}

export default function LessonPage() {
  const data = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  // After moving to another lesson without a page load, start reading (and tabbing) from its title.
  useEffect(() => {
    if (firstRender.current) firstRender.current = false;
    else heading.current?.focus();
  }, [data.lesson.slug]);
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
      <h1 ref={heading} tabIndex={-1} className="mt-4 focus:outline-none">
        {data.lesson.title}
      </h1>
      <LessonBody body={data.body} />

      <div className="mt-10 border-t border-gray-300 pt-6">
        {data.done ? (
          <p className="notice-success">
            <span aria-hidden="true">✓ </span>Du har läst den här lektionen.
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
