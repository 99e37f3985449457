// SPDX-License-Identifier: EUPL-1.2
// The app's one way to the training content. In production the index compiled by
// `npm run content:build` is read once; in development (and tests) the folder is compiled
// again whenever a file in it changes, so an edited lesson shows on the next reload.
// Either way a request never parses Markdown unless a file changed.
import fs from "node:fs";
import path from "node:path";
import { envValue } from "~/env.server";
import { logWarn } from "~/lib/log.server";
import { compileContent } from "./compile.server";
import { TRACK_PLACEHOLDER } from "./markdown.server";
import { CONTENT_FORMAT_VERSION, type ContentError, type ContentIndex, type Module, type Track } from "./types";

export type * from "./types";

export function contentDir(): string {
  return path.resolve(envValue("CONTENT_DIR"));
}

/** Where content:build writes the index: beside the app build, so each BUILD_DIR has its own. */
export function compiledIndexPath(): string {
  return path.resolve(envValue("BUILD_DIR"), "content", "index.json");
}

/** Where content:build prints the materials' attachments: beside the index, so a server never reads content/. */
export function compiledAttachmentsDir(): string {
  return path.join(path.dirname(compiledIndexPath()), "bilagor");
}

export function compiledAttachmentPath(materialSlug: string, fileName: string): string {
  return path.join(compiledAttachmentsDir(), materialSlug, fileName);
}

export function formatContentError(root: string, error: ContentError): string {
  return `${root}/${error.file}:${error.line}: ${error.field ? `${error.field}: ` : ""}${error.message}`;
}

class ContentInvalidError extends Error {
  constructor(root: string, errors: ContentError[]) {
    super(`Innehållet i ${root} har ${errors.length} fel (kör npm run content:check):\n${errors.map((e) => formatContentError(root, e)).join("\n")}`);
    this.name = "ContentInvalidError";
  }
}

interface Loaded {
  index: ContentIndex;
  /** For compiled-on-the-fly content: the folder and the state of its files. */
  dir?: string;
  signature?: string;
}

declare global {
  // Survives Vite's module reloads in development, so an unchanged folder is not compiled again.
  // eslint-disable-next-line no-var
  var __coachportalenContent: Loaded | undefined;
}

function compileOrThrow(dir: string): ContentIndex {
  const { index, errors } = compileContent(dir);
  if (errors.length) throw new ContentInvalidError(path.relative(process.cwd(), dir) || ".", errors);
  return index;
}

/** Names, sizes and modification times of every file: cheap to take, changes with any edit. */
function folderSignature(dir: string): string {
  const parts: string[] = [];
  const walk = (current: string) => {
    if (!fs.existsSync(current)) return;
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        parts.push(`${full}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(dir);
  return parts.sort().join("\n");
}

function loadCompiled(): ContentIndex {
  const file = compiledIndexPath();
  if (!fs.existsSync(file)) {
    // A build made without content:build still serves, at the cost of one compile per process.
    logWarn(`${file} saknas; innehållet kompileras från ${contentDir()}. Kör npm run build.`);
    return compileOrThrow(contentDir());
  }
  const index = JSON.parse(fs.readFileSync(file, "utf8")) as ContentIndex;
  if (index.formatVersion !== CONTENT_FORMAT_VERSION) throw new Error(`${file} har ett äldre format: kör npm run content:build.`);
  return index;
}

/** The typed content index, with quizzes and their answers: server only. */
export function getContent(): ContentIndex {
  const cached = globalThis.__coachportalenContent;
  if (envValue("NODE_ENV") === "production") {
    if (!cached) globalThis.__coachportalenContent = { index: loadCompiled() };
    return globalThis.__coachportalenContent!.index;
  }
  const dir = contentDir();
  const signature = folderSignature(dir);
  if (cached?.dir === dir && cached.signature === signature) return cached.index;
  const index = compileOrThrow(dir);
  globalThis.__coachportalenContent = { index, dir, signature };
  return index;
}

export function findTrack(content: ContentIndex, slug: string): Track | undefined {
  return content.tracks.find((t) => t.slug === slug);
}

/** A module as part of a track: undefined when the track does not list it. */
export function findTrackModule(content: ContentIndex, track: Track, slug: string): Module | undefined {
  return track.modules.includes(slug) ? content.modules[slug] : undefined;
}

/**
 * Turns the track-independent links of compiled HTML into links within the track being
 * read; a module outside it is reached through the first track that holds it.
 */
export function resolveLessonLinks(content: ContentIndex, html: string, trackSlug: string): string {
  const prefix = `/utbildning/${TRACK_PLACEHOLDER}/`;
  if (!html.includes(prefix)) return html;
  const current = findTrack(content, trackSlug);
  return html.replace(/href="\/utbildning\/~\/([a-z0-9-]+)/g, (_match, module: string) => {
    const track = current?.modules.includes(module) ? current : content.tracks.find((t) => t.modules.includes(module));
    return track ? `href="/utbildning/${track.slug}/${module}` : `href="/utbildning`;
  });
}
