// SPDX-License-Identifier: EUPL-1.2
import {
  OperationNodeTransformer,
  sql,
  SqliteAdapter,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type PrimitiveValueListNode,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  type UnknownRow,
  type ValueNode,
} from "kysely";

// The few places where SQLite and PostgreSQL answer differently, handled once.

export type Dialect = "sqlite" | "postgres";

/** Which store a handle talks to, for the rare code that must differ. */
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof SqliteAdapter ? "sqlite" : "postgres";
}

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

const SQLITE_LOCK_WAIT_MS = 60_000;
const SQLITE_LOCK_POLL_MS = 50;

/**
 * Runs `work` on one SQLite connection inside a write transaction (BEGIN IMMEDIATE), so that
 * a second process doing the same waits until the first commits. better-sqlite3 would wait for
 * the lock synchronously (busy_timeout) and freeze its process, so this polls instead.
 * `work` gets the connection and must not start transactions of its own; if it throws or
 * returns `{ error }`, everything it did is rolled back.
 */
export async function inSqliteWriteTransaction<T>(db: Kysely<any>, work: (connection: Kysely<any>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection);
    const busyTimeout = Number(rows[0]?.timeout ?? 0);
    await sql`pragma busy_timeout = 0`.execute(connection);
    try {
      const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
      for (;;) {
        try {
          await sql`begin immediate`.execute(connection);
          break;
        } catch (error) {
          if ((error as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, SQLITE_LOCK_POLL_MS));
        }
      }
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(busyTimeout)}`.execute(connection);
    }
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
    const failed = result && typeof result === "object" && "error" in result && (result as { error?: unknown }).error !== undefined;
    await sql.raw(failed ? "rollback" : "commit").execute(connection);
    return result;
  });
}

/**
 * Runs `work` in a transaction that holds `table`'s row `id` against every other writer of it
 * until commit, so a check and the write it allows (places left → a booking) cannot interleave
 * with another request's. SQLite locks the whole database for writing from the first statement
 * (BEGIN IMMEDIATE, see inSqliteWriteTransaction); PostgreSQL locks the row (SELECT … FOR UPDATE),
 * and under READ COMMITTED every statement after it sees what the previous holder committed.
 * As with inSqliteWriteTransaction, a result with an `error` set is rolled back on SQLite: return
 * outcomes in another shape.
 */
export async function inLockedTransaction<DB, T>(
  db: Kysely<DB>,
  lock: { table: string; id: string },
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (dialectOf(db) === "sqlite") return inSqliteWriteTransaction(db, (connection) => work(connection as Kysely<DB>));
  return db.transaction().execute(async (trx) => {
    await sql`select id from ${sql.table(lock.table)} where id = ${lock.id} for update`.execute(trx);
    return work(trx);
  });
}

/**
 * PostgreSQL refuses a NUL character in text ("invalid byte sequence"), where SQLite stores it,
 * so an id or search term with one from a URL or form failed with a 500 on PostgreSQL only.
 * No real value holds NUL: it is replaced by U+FFFD in every bound value on both stores, so
 * such a lookup finds nothing (404) and validation rejects it as it rejects other control
 * characters. Installed on every handle by db/client.server.ts.
 */
class NulFreeValues extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return typeof node.value === "string" && node.value.includes("\u0000") ? { ...node, value: withoutNul(node.value) } : node;
  }

  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return node.values.some((v) => typeof v === "string" && v.includes("\u0000"))
      ? { ...node, values: node.values.map((v) => (typeof v === "string" ? withoutNul(v) : v)) }
      : node;
  }
}

const withoutNul = (text: string) => text.replaceAll("\u0000", "\uFFFD");

export class NulFreeValuesPlugin implements KyselyPlugin {
  private readonly transformer = new NulFreeValues();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.transformer.transformNode(args.node, args.queryId);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}
