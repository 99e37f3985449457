// SPDX-License-Identifier: EUPL-1.2
// The coordinator's commentary in a follow-up report: plain text with a little Markdown
// (paragraphs, **fet**, *kursiv*, lists, quotes and links). It is published on a public page,
// so anything else is taken as text: HTML typed into the box is shown as the characters typed,
// never run, and the sanitizer (the same unified stack as the content, with a narrower schema)
// removes whatever would still slip through.
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";

// The few fields of the Markdown syntax tree read here (see app/content/markdown.server.ts on why not @types/mdast).
interface MdNode {
  type: string;
  value?: string;
  alt?: string | null;
  children?: MdNode[];
}

const schema = {
  ...defaultSchema,
  tagNames: ["p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code"],
  attributes: { a: ["href"], ol: ["start"] },
  protocols: { href: ["https", "http", "mailto"] },
  clobber: [],
  // Nothing of a removed element survives but its text.
  strip: ["script", "style"],
};

const parser = unified().use(remarkParse);
const toHtml = unified().use(remarkRehype).use(rehypeSanitize, schema).use(rehypeStringify);

/**
 * Narrows the Markdown to what the commentary offers: raw HTML becomes its own text, a heading
 * a bold paragraph (the page owns its headings), an image its description, a rule nothing.
 */
function limit(node: MdNode): MdNode[] {
  switch (node.type) {
    case "html":
      return [{ type: "text", value: node.value ?? "" }];
    case "heading":
      return [{ type: "paragraph", children: [{ type: "strong", children: (node.children ?? []).flatMap(limit) }] }];
    case "image":
      return node.alt ? [{ type: "text", value: node.alt }] : [];
    case "imageReference":
    case "definition":
    case "thematicBreak":
      return [];
    case "code":
      return [{ type: "paragraph", children: [{ type: "inlineCode", value: node.value ?? "" }] }];
    default:
      return [{ ...node, ...(node.children ? { children: node.children.flatMap(limit) } : {}) }];
  }
}

/** The commentary as sanitized HTML, ready to be put into the page. */
export function renderCommentary(text: string): string {
  const tree = parser.parse(text) as unknown as MdNode;
  const limited = { ...tree, children: (tree.children ?? []).flatMap(limit) };
  return toHtml.stringify(toHtml.runSync(limited as never) as never);
}
