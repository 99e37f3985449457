import { sql, type RawBuilder } from "kysely";

// The few places where SQLite and PostgreSQL answer differently, handled once.

/** count(*) is a number in SQLite and a string (bigint) in PostgreSQL. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value == null ? 0 : Number(value);
}

/** Escapes LIKE wildcards in user input; use with `escape '\\'`. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * lower() for Swedish text on both dialects: SQLite's lower() folds only ASCII, so Å, Ä and Ö
 * are folded first. Compare it with a lower-cased pattern (likePattern).
 */
export function foldedLower(expression: RawBuilder<unknown> | ReturnType<typeof sql.ref>): RawBuilder<string> {
  return sql<string>`lower(replace(replace(replace(${expression}, 'Å', 'å'), 'Ä', 'ä'), 'Ö', 'ö'))`;
}
