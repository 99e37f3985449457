// The few places where SQLite and PostgreSQL answer differently, handled once.

/** count(*) is a number in SQLite and a string (bigint) in PostgreSQL. */
export function toCount(value: string | number | bigint | null | undefined): number {
  return value == null ? 0 : Number(value);
}

/** Escapes LIKE wildcards in user input; use with `escape '\\'`. */
export function likePattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
