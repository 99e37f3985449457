// SPDX-License-Identifier: EUPL-1.2
// Markdown to sanitized HTML, checking on the way what the content format promises:
// headings start at ##, no raw HTML, web links are https, links to other content files
// resolve (and are rewritten to app URLs), and images exist and have alternative text.
// It also hands back the prose a reader reads (not code or written-out addresses) for
// the spelling check.
import path from "node:path/posix";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { isLocalSlot, LOCAL_DIRECTIVE, LOCAL_SLOTS, PROMISE_DIRECTIVE } from "./local-slots";
import type { ContentError, ContentProse } from "./types";

/**
 * Links to lessons and module pages carry this in place of the track, because a module may
 * sit in several tracks: the page resolves it to the track being read (resolveLessonLinks).
 */
export const TRACK_PLACEHOLDER = "~";

/** What a relative link may point at, by its path below the content folder. */
export interface LinkTargets {
  lessons: Map<string, { module: string; lesson: string }>;
  modules: Map<string, string>;
  materials: Map<string, string>;
  /** "modules/<module>/bilder/<file>" → the image's URL. */
  images: Map<string, string>;
}

export interface MarkdownInput {
  /** Path below the content folder, e.g. "modules/andts-och-uppdraget/01-vad-ar-andts.md". */
  file: string;
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
  /** Only module texts (introduction and lessons) may show images. */
  allowImages: boolean;
}

export interface CompiledMarkdown {
  html: string;
  words: number;
  errors: ContentError[];
  prose: ContentProse[];
}

// The few fields of Markdown and HTML syntax trees read here. (The @types/mdast and
// @types/hast at the top of node_modules belong to an older unified, so they are not imported.)
interface MdNode {
  type: string;
  data?: Record<string, unknown>;
  value?: string;
  depth?: number;
  url?: string;
  alt?: string | null;
  children?: MdNode[];
  position?: { start: { line: number } };
}

interface HtmlNode {
  type: string;
  tagName?: string;
  properties?: Record<string, unknown>;
  children?: HtmlNode[];
}

const parser = unified().use(remarkParse).use(remarkGfm);

const toHtml = unified()
  // rehype-sanitize adds the "user-content-" prefix itself; a second one would break footnote links.
  .use(remarkRehype, { clobberPrefix: "", footnoteLabel: "Fotnoter", footnoteBackLabel: "Tillbaka till texten" })
  // GitHub's schema: no scripts, styles or event handlers; ids are prefixed "user-content-".
  // The one addition is the empty place a municipality's own text goes (::lokalt{namn}).
  .use(rehypeSanitize, { ...defaultSchema, attributes: { ...defaultSchema.attributes, div: [...(defaultSchema.attributes?.div ?? []), "dataLokalt", "dataLofte"] } })
  .use(rehypeReadable)
  .use(rehypeStringify);

export function compileMarkdown(input: MarkdownInput, targets: LinkTargets): CompiledMarkdown {
  const tree = parser.parse(input.body) as unknown as MdNode;
  const errors: ContentError[] = [];
  const lineOfNode = (node: MdNode) => input.bodyLine + (node.position?.start.line ?? 1) - 1;
  const report = (node: MdNode, field: string, message: string) => errors.push({ file: input.file, line: lineOfNode(node), field, message });
  const prose: ContentProse[] = [];
  const read = (node: MdNode, text: string) => prose.push({ file: input.file, line: lineOfNode(node), text });

  let words = 0;
  let previousDepth = 1;
  const visit = (node: MdNode, readable: boolean) => {
    switch (node.type) {
      case "paragraph": {
        const only = node.children?.length === 1 && node.children[0]!.type === "text" ? node.children[0]!.value?.trim() : undefined;
        const directive = only ? LOCAL_DIRECTIVE.exec(only) : null;
        if (directive) {
          const slot = directive[1]!;
          if (!isLocalSlot(slot)) report(node, "lokalt", `okänd plats för lokal text: ${slot} (finns: ${Object.keys(LOCAL_SLOTS).join(", ")})`);
          // An empty element that the page fills with the reader's municipality's text (local-text.server.ts).
          node.type = "localText";
          node.children = [];
          node.data = { hName: "div", hProperties: { dataLokalt: slot } };
          return;
        }
        if (only && PROMISE_DIRECTIVE.test(only)) {
          // Filled with the reader's municipality's current promise (local-text.server.ts).
          node.type = "localText";
          node.children = [];
          node.data = { hName: "div", hProperties: { dataLofte: "aktuellt" } };
          return;
        }
        break;
      }
      case "text":
        if (node.value?.includes("::lokalt")) report(node, "lokalt", "skriv ::lokalt{namn} ensamt på en egen rad, med tomma rader före och efter");
        if (node.value?.includes("::medborgarlofte")) report(node, "lokalt", "skriv ::medborgarlofte ensamt på en egen rad, med tomma rader före och efter");
        words += countWords(node.value ?? "");
        if (readable) read(node, node.value ?? "");
        break;
      case "inlineCode":
        words += countWords(node.value ?? "");
        break;
      case "heading": {
        // The page's h1 is the title, so the text starts at ## and goes down one level at a time.
        const depth = node.depth ?? 1;
        if (depth === 1) report(node, "rubrik", "rubriker börjar på ## (nivå 2): sidans titel kommer från title");
        else if (depth > previousDepth + 1)
          report(
            node,
            "rubrik",
            previousDepth === 1
              ? `första rubriken ska ha nivå ## (inte ${"#".repeat(depth)})`
              : `rubriknivån hoppar från ${"#".repeat(previousDepth)} till ${"#".repeat(depth)}: ta en nivå i taget`,
          );
        previousDepth = depth;
        break;
      }
      case "html":
        report(node, "html", "HTML är inte tillåtet i texten: skriv med Markdown");
        break;
      case "link":
        // An address written out in the text (www.can.se, info@kommun.se) is a name, not prose.
        if (isAddressLink(node)) readable = false;
        node.url = rewriteLink(node.url ?? "", input.file, targets, (message) => report(node, "länk", message));
        break;
      case "definition":
        node.url = rewriteLink(node.url ?? "", input.file, targets, (message) => report(node, "länk", message));
        break;
      case "image":
        if (readable) read(node, node.alt ?? "");
        if (!node.alt?.trim()) report(node, "bild", "bilden saknar alternativtext: beskriv bilden mellan [ och ]");
        node.url = rewriteImage(node.url ?? "", input, targets, (message) => report(node, "bild", message));
        break;
      case "imageReference":
        report(node, "bild", "skriv bilder som ![alternativ text](bilder/fil.svg)");
        break;
    }
    for (const child of node.children ?? []) visit(child, readable);
  };
  visit(tree, true);

  const html = toHtml.stringify(toHtml.runSync(tree as never));
  return { html, words, errors, prose };
}

function linkText(node: MdNode): string {
  return (node.children ?? []).map((child) => child.value ?? linkText(child)).join("");
}

function isAddressLink(node: MdNode): boolean {
  const text = linkText(node).trim();
  const url = node.url ?? "";
  return text === url || `mailto:${text}` === url || `http://${text}` === url || `https://${text}` === url;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

function rewriteLink(url: string, file: string, targets: LinkTargets, fail: (message: string) => void): string {
  if (/^mailto:/i.test(url)) return url;
  if (/^https:\/\//i.test(url)) return url;
  if (/^http:\/\//i.test(url)) {
    fail(`webblänkar måste börja med https:// (${url})`);
    return url;
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    fail(`länken måste börja med https:// eller mailto:, eller vara en filsökväg till en .md-fil (${url})`);
    return "#";
  }
  if (url.startsWith("#")) {
    fail(`länkar till en plats på samma sida (${url}) stöds inte`);
    return "#";
  }
  if (url.startsWith("/") || url.includes("#") || url.includes("?")) {
    fail(`länka till andra filer med en relativ filsökväg, till exempel 02-namn.md eller ../modul/01-namn.md (${url})`);
    return "#";
  }
  const target = path.normalize(path.join(path.dirname(file), safeDecode(url)));
  const lesson = targets.lessons.get(target);
  if (lesson) return `/utbildning/${TRACK_PLACEHOLDER}/${lesson.module}/${lesson.lesson}`;
  const module = targets.modules.get(target);
  if (module) return `/utbildning/${TRACK_PLACEHOLDER}/${module}`;
  const material = targets.materials.get(target);
  if (material) return `/material/${material}`;
  if (!target.endsWith(".md")) fail(`länken ska peka på en lektion, en modul (index.md) eller ett material (.md): ${url}`);
  else fail(`länken pekar på ${target}, som inte finns`);
  return "#";
}

function rewriteImage(url: string, input: MarkdownInput, targets: LinkTargets, fail: (message: string) => void): string {
  if (!input.allowImages) {
    fail("bilder kan bara visas i modulernas texter (lägg dem i modulens mapp bilder/)");
    return "";
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("/")) {
    fail(`bilden ska ligga i modulens mapp bilder/ och anges som bilder/fil.svg (${url})`);
    return "";
  }
  const target = path.normalize(path.join(path.dirname(input.file), safeDecode(url)));
  const moduleDir = path.dirname(input.file);
  if (path.dirname(target) !== `${moduleDir}/bilder`) {
    fail(`bilden ska ligga i modulens mapp bilder/ och anges som bilder/fil.svg (${url})`);
    return "";
  }
  const src = targets.images.get(target);
  if (!src) {
    fail(`bildfilen ${target} finns inte`);
    return "";
  }
  return src;
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

function textOf(node: HtmlNode): string {
  if (node.type === "text") return String((node as { value?: unknown }).value ?? "");
  return (node.children ?? []).map(textOf).join("");
}

function collectCells(node: HtmlNode, tagName: string): string[] {
  if (node.tagName === tagName) return [textOf(node).trim()];
  return (node.children ?? []).flatMap((child) => collectCells(child, tagName));
}

/**
 * After sanitizing (so these additions are ours, not the author's): wide tables scroll on
 * their own on a phone and can be scrolled with the keyboard, header cells say what they
 * head, and images load when they come into view.
 */
function rehypeReadable() {
  return (tree: HtmlNode) => {
    // Names already given to a table in this text: a second table with the same column headings
    // gets its number, so a screen reader's landmark list can tell the two apart.
    const names = new Map<string, number>();
    const walk = (parent: HtmlNode, inHead: boolean) => {
      parent.children = parent.children?.map((child) => {
        if (child.type !== "element") return child;
        walk(child, inHead || child.tagName === "thead");
        if (child.tagName === "th" && inHead) child.properties = { ...child.properties, scope: "col" };
        if (child.tagName === "img") child.properties = { ...child.properties, loading: "lazy" };
        if (child.tagName === "table") {
          // A focusable scroll box is announced as a region, which needs a name; a Markdown
          // table has no caption, so its column headings name it.
          const headings = collectCells(child, "th").filter(Boolean);
          const base = headings.length > 0 ? `Tabell: ${headings.join(", ")}` : "Tabell";
          const seen = (names.get(base) ?? 0) + 1;
          names.set(base, seen);
          const wrapper: HtmlNode = {
            type: "element",
            tagName: "div",
            properties: { className: ["table-wrap"], tabIndex: 0, role: "region", ariaLabel: seen === 1 ? base : `${base} (${seen})` },
            children: [child],
          };
          return wrapper;
        }
        return child;
      });
    };
    walk(tree, false);
  };
}
