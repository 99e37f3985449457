// SPDX-License-Identifier: EUPL-1.2
// Reading content files so that every problem can be placed on a line: frontmatter is
// split by hand (its YAML starts on line 2) and parsed with a LineCounter, and a zod
// issue's path is walked back through the YAML nodes to the line that holds it.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { ContentError } from "./types";

/** Line endings normalised and a byte-order mark dropped, so Windows editors change nothing. */
export function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
}

export interface LocatedYaml {
  doc: Document;
  /** The YAML as written, for reading a value over several lines the way its author wrote it. */
  source: string;
  lineCounter: LineCounter;
  /** Lines before the YAML in its file (1 for frontmatter after the opening ---). */
  lineOffset: number;
}

export interface SplitFile {
  yaml: string;
  body: string;
  /** File line on which the body starts. */
  bodyLine: number;
}

/** Splits `---\n<yaml>\n---\n<body>`; null when the file does not start with a frontmatter block. */
export function splitFrontmatter(text: string): SplitFile | null {
  const lines = normaliseText(text).split("\n");
  if (lines[0]?.trimEnd() !== "---") return null;
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === "---");
  if (end < 0) return null;
  return { yaml: lines.slice(1, end).join("\n"), body: lines.slice(end + 1).join("\n"), bodyLine: end + 2 };
}

/** Formats a zod/YAML path the way authors see it: `questions[2].options`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function parseYaml(file: string, yaml: string, lineOffset: number): { located: LocatedYaml; errors: ContentError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yaml, { lineCounter, prettyErrors: true });
  const errors: ContentError[] = doc.errors.map((error) => ({
    file,
    line: (error.linePos?.[0].line ?? 1) + lineOffset,
    field: "",
    // The YAML library words its own messages; the first line says what is wrong.
    message: `YAML-fel: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
  }));
  return { located: { doc, source: yaml, lineCounter, lineOffset }, errors };
}

/**
 * The file line of the field at `path`: a key's own line (so `options:` rather than its
 * first item), a list item's line, or the nearest ancestor's when the field is missing.
 */
export function lineOf(located: LocatedYaml, path: ReadonlyArray<PropertyKey>): number {
  return walk(located, path).line;
}

/**
 * The text at `path` and the file line its value starts on, or null when it is not text.
 * A value written over several lines is given as written (line breaks and all), so that
 * each of its words can be placed on its own line.
 */
export function textAt(located: LocatedYaml, path: ReadonlyArray<PropertyKey>): { line: number; text: string } | null {
  const { node, found } = walk(located, path);
  if (!found || !isScalar(node) || typeof node.value !== "string" || !node.range) return null;
  const [start, end] = node.range;
  const line = located.lineCounter.linePos(start).line;
  const written = located.source.slice(start, end).trimEnd();
  return { line: line + located.lineOffset, text: written.includes("\n") ? written : node.value };
}

function walk(located: LocatedYaml, path: ReadonlyArray<PropertyKey>): { node: unknown; line: number; found: boolean } {
  const { doc, lineCounter, lineOffset } = located;
  const lineAt = (range: unknown) => (Array.isArray(range) ? lineCounter.linePos(range[0] as number).line + lineOffset : undefined);
  let node: unknown = doc.contents;
  let line = (isMap(node) || isSeq(node) ? lineAt(node.range) : undefined) ?? 1 + lineOffset;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && item.key.value === key);
      if (!pair) return { node, line, found: false };
      line = (isScalar(pair.key) ? lineAt(pair.key.range) : undefined) ?? line;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      line = (node && typeof node === "object" && "range" in node ? lineAt(node.range) : undefined) ?? line;
    } else return { node, line, found: false };
    if (!node) return { node, line, found: false };
  }
  return { node, line, found: true };
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: ContentError[] };

/** Runs a zod schema over parsed YAML and places every issue on its line and field. */
export function validateYaml<S extends z.ZodType>(file: string, located: LocatedYaml, schema: S): Validated<z.output<S>> {
  const result = schema.safeParse(located.doc.toJS() ?? {});
  if (result.success) return { ok: true, data: result.data };
  const errors: ContentError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        errors.push({ file, line: lineOf(located, path), field: formatPath(path), message: "okänt fält (stavfel?)" });
      }
      continue;
    }
    errors.push({ file, line: lineOf(located, issue.path), field: formatPath(issue.path), message: issue.message });
  }
  return { ok: false, errors };
}
