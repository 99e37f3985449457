// SPDX-License-Identifier: EUPL-1.2
// A material's attachments (worksheets, cards, invitations) are written in the material's own
// Markdown file, each after a line `::bilaga{namn}` at the end of the text, and printed as PDFs
// (docs/content-format.md, "Attachments"). Here that text is split off the page's text and
// compiled into blocks a printed page has; every problem is placed on its line, and what a
// reader reads goes to the spelling check like the rest of the content.
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { LOCAL_DIRECTIVE } from "./local-slots";
import type { AttachmentBlock, AttachmentListItem, AttachmentRun, ContentError, ContentProse } from "./types";

/** `::bilaga{namn}` alone on its line: from there to the next one (or the end) is that attachment's text. */
export const ATTACHMENT_DIRECTIVE = /^::bilaga\{([^}]*)\}\s*$/;

export interface AttachmentSection {
  name: string;
  /** File line of the `::bilaga{…}` line. */
  line: number;
  body: string;
  /** File line on which the section's text starts. */
  bodyLine: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The page's text, and each attachment's text after it. A `::bilaga` inside a code block is code. */
export function splitAttachmentSections(body: string, bodyLine: number): { text: string; sections: AttachmentSection[] } {
  const lines = body.split("\n");
  const sections: AttachmentSection[] = [];
  let fence: string | null = null;
  let pageEnd = lines.length;
  lines.forEach((line, i) => {
    const opening = FENCE.exec(line)?.[1];
    if (opening && (fence === null || (opening[0] === fence[0] && opening.length >= fence.length))) fence = fence === null ? opening : null;
    if (fence !== null) return;
    const match = ATTACHMENT_DIRECTIVE.exec(line.trim());
    if (!match) return;
    if (sections.length === 0) pageEnd = i;
    sections.push({ name: match[1]!.trim(), line: bodyLine + i, body: "", bodyLine: bodyLine + i + 1 });
  });
  sections.forEach((section, i) => {
    const from = section.line - bodyLine + 1;
    const to = i + 1 < sections.length ? sections[i + 1]!.line - bodyLine : lines.length;
    section.body = lines.slice(from, to).join("\n");
  });
  return { text: lines.slice(0, pageEnd).join("\n"), sections };
}

interface MdNode {
  type: string;
  value?: string;
  depth?: number;
  url?: string;
  ordered?: boolean | null;
  start?: number | null;
  checked?: boolean | null;
  children?: MdNode[];
  position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } };
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** Neighbouring runs in the same style as one, so a line break stays with the text it breaks. */
function joined(runs: AttachmentRun[]): AttachmentRun[] {
  const out: AttachmentRun[] = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (last && (last.bold === run.bold || run.text === "\n") && (last.italic === run.italic || run.text === "\n")) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

export interface CompiledAttachment {
  blocks: AttachmentBlock[];
  errors: ContentError[];
  prose: ContentProse[];
}

/** One attachment's text as printable blocks. Only what prints well is allowed: no images, HTML or code. */
export function compileAttachmentText(file: string, section: AttachmentSection): CompiledAttachment {
  const tree = parser.parse(section.body) as unknown as MdNode;
  const errors: ContentError[] = [];
  const prose: ContentProse[] = [];
  const lineOf = (node: MdNode) => section.bodyLine + (node.position?.start.line ?? 1) - 1;
  const report = (node: MdNode, field: string, message: string) => errors.push({ file, line: lineOf(node), field, message });
  let previousDepth = 1;

  const inline = (nodes: MdNode[] | undefined, style: Omit<AttachmentRun, "text"> = {}): AttachmentRun[] => joined(runsOf(nodes, style));
  const runsOf = (nodes: MdNode[] | undefined, style: Omit<AttachmentRun, "text">): AttachmentRun[] =>
    (nodes ?? []).flatMap((node): AttachmentRun[] => {
      switch (node.type) {
        case "text":
          prose.push({ file, line: lineOf(node), text: node.value ?? "" });
          // A line break in the source is a space, as on the web page; a hard break (\ or two spaces) is not.
          return [{ text: (node.value ?? "").replace(/[ \t]*\n[ \t]*/g, " "), ...style }];
        case "inlineCode":
          return [{ text: node.value ?? "", ...style }];
        case "break":
          return [{ text: "\n", ...style }];
        case "strong":
          return runsOf(node.children, { ...style, bold: true });
        case "emphasis":
          return runsOf(node.children, { ...style, italic: true });
        case "delete":
          return runsOf(node.children, style);
        case "link": {
          const url = node.url ?? "";
          if (!/^(https:\/\/|mailto:)/i.test(url)) {
            report(node, "länk", `en bilaga skrivs ut: länka bara till webbadresser som börjar med https:// eller mailto: (${url})`);
            return runsOf(node.children, style);
          }
          const text = (node.children ?? []).map((child) => child.value ?? "").join("");
          const address = url.replace(/^mailto:/i, "");
          // On paper a link is its address: written out after its text, unless the text is the address.
          if (text === url || text === address || `https://${text}` === url) return [{ text, ...style }];
          return [...runsOf(node.children, style), { text: ` (${address})`, ...style }];
        }
        case "html":
          report(node, "html", "HTML är inte tillåtet i texten: skriv med Markdown");
          return [];
        case "image":
          report(node, "bild", "en bilaga kan inte ha bilder");
          return [];
        default:
          report(node, "bilaga", `${node.type} går inte att skriva ut i en bilaga`);
          return [];
      }
    });

  const isUnderscores = (node: MdNode) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    return start !== undefined && end !== undefined && section.body.slice(start, end).trim().startsWith("_");
  };

  const blocks = (nodes: MdNode[] | undefined): AttachmentBlock[] => {
    const out: AttachmentBlock[] = [];
    for (const node of nodes ?? []) {
      switch (node.type) {
        case "heading": {
          const depth = node.depth ?? 1;
          if (depth === 1) report(node, "rubrik", "rubriker börjar på ## (nivå 2): bilagans titel kommer från title");
          else if (depth > 4) report(node, "rubrik", "en bilaga har rubriker på högst tre nivåer (##, ### och ####)");
          else if (depth > previousDepth + 1)
            report(
              node,
              "rubrik",
              previousDepth === 1 ? `första rubriken ska ha nivå ## (inte ${"#".repeat(depth)})` : `rubriknivån hoppar från ${"#".repeat(previousDepth)} till ${"#".repeat(depth)}: ta en nivå i taget`,
            );
          previousDepth = depth;
          out.push({ type: "heading", level: Math.min(Math.max(depth, 2), 4) as 2 | 3 | 4, runs: inline(node.children) });
          break;
        }
        case "paragraph": {
          const only = node.children?.length === 1 && node.children[0]!.type === "text" ? node.children[0]!.value?.trim() : undefined;
          if (only && LOCAL_DIRECTIVE.test(only)) {
            report(node, "lokalt", "en bilaga skrivs ut likadan för alla kommuner och kan inte ha lokal text (::lokalt)");
            break;
          }
          out.push({ type: "paragraph", runs: inline(node.children) });
          break;
        }
        case "list":
          out.push({
            type: "list",
            ordered: node.ordered === true,
            start: node.start ?? 1,
            items: (node.children ?? []).map((item): AttachmentListItem => ({ checkbox: typeof item.checked === "boolean", blocks: blocks(item.children) })),
          });
          break;
        case "thematicBreak": {
          if (!isUnderscores(node)) {
            out.push({ type: "cut" });
            break;
          }
          const previous = out.at(-1);
          if (previous?.type === "answerLines") previous.count += 1;
          else out.push({ type: "answerLines", count: 1 });
          break;
        }
        case "table": {
          const [head, ...rows] = node.children ?? [];
          const cells = (row: MdNode | undefined) => (row?.children ?? []).map((cell) => inline(cell.children));
          out.push({ type: "table", header: cells(head), rows: rows.map(cells) });
          break;
        }
        case "blockquote":
          out.push({ type: "quote", blocks: blocks(node.children) });
          break;
        case "html":
          report(node, "html", "HTML är inte tillåtet i texten: skriv med Markdown");
          break;
        case "code":
          report(node, "bilaga", "kodblock går inte att skriva ut i en bilaga");
          break;
        case "definition":
        case "footnoteDefinition":
          report(node, "bilaga", "en bilaga kan inte ha fotnoter eller länkdefinitioner");
          break;
        default:
          report(node, "bilaga", `${node.type} går inte att skriva ut i en bilaga`);
      }
    }
    return out;
  };

  const compiled = blocks(tree.children);
  if (compiled.length === 0) errors.push({ file, line: section.line, field: "bilaga", message: `bilagan ${section.name} har ingen text` });
  return { blocks: compiled, errors, prose };
}
