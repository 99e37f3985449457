// SPDX-License-Identifier: EUPL-1.2
// Knowing cheaply whether the data may have changed, so that figures computed from thousands
// of rows can be reused until it has: the public follow-up's quarter-by-quarter history and the
// in-person figures. (The coordinator's roster no longer needs it: it reads the per-person
// progress summary, which each write keeps up to date; decision 021.) Two sources:
//  - every write this process makes through Kysely bumps a counter (a plugin on the handle);
//  - on SQLite, PRAGMA data_version changes when another connection (another worker, a
//    script, a test process) commits. PostgreSQL has no such cheap signal, so there a reuse
//    is also bounded in time by the caller (docs/decisions: derived-figures cache).
import {
  sql,
  type Kysely,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";

let writes = 0;

const WRITE_NODES = new Set(["InsertQueryNode", "UpdateQueryNode", "DeleteQueryNode", "MergeQueryNode", "CreateTableNode", "AlterTableNode", "DropTableNode"]);

function isWrite(node: RootOperationNode): boolean {
  if (WRITE_NODES.has(node.kind)) return true;
  // Raw SQL: anything that is not plainly a read counts as a write, to be safe.
  if (node.kind === "RawNode") {
    const text = node.sqlFragments.join("?").trimStart().slice(0, 12).toLowerCase();
    return !(text.startsWith("select") || text.startsWith("pragma data_") || text.startsWith("with"));
  }
  return false;
}

/** Counts the writes made through the handle it is installed on (db/client.server.ts). */
export class WriteTrackingPlugin implements KyselyPlugin {
  private readonly pending = new WeakSet<object>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (isWrite(args.node)) this.pending.add(args.queryId);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    // Counted after the statement ran, so a reader that saw the old count cannot keep
    // figures computed before it.
    if (this.pending.has(args.queryId)) writes++;
    return args.result;
  }
}

/**
 * A value that differs whenever the data may have changed since it was last read. On
 * PostgreSQL it only sees this process's writes; callers bound their reuse in time there.
 */
const sqliteHandles = new WeakSet<Kysely<any>>();

/** Marks a handle as an SQLite connection, whose data_version sees other connections' commits. */
export function watchSqliteCommits(db: Kysely<any>): void {
  sqliteHandles.add(db);
}

export async function changeStamp(db: Kysely<any>): Promise<{ stamp: string; complete: boolean }> {
  if (!sqliteHandles.has(db)) return { stamp: `w${writes}`, complete: false };
  const { rows } = await sql<{ data_version: number }>`pragma data_version`.execute(db);
  return { stamp: `w${writes}:d${rows[0]?.data_version ?? ""}`, complete: true };
}

// ---------------------------------------------------------------------------------------
// Reuse of figures computed from many rows (a municipality's public follow-up, its in-person figures).
// One level only: what these compute reads the roster's figures, which are not cached themselves.

/** How long a computed value may be reused at most: statuses that turn with the clock, and other instances on PostgreSQL. */
export const REUSE_MAX_MS = 30_000;
const KEPT_PER_HANDLE = 64;

interface Kept {
  inputs: readonly unknown[];
  stamp: string;
  until: number;
  value: Promise<unknown>;
}
const keptByHandle = new WeakMap<Kysely<any>, Map<string, Kept>>();

/**
 * The value computed earlier under this key, while the data cannot have changed (changeStamp),
 * the inputs are the same objects (a new content build is a new object) and REUSE_MAX_MS has
 * not passed; otherwise computed anew. Kept as a promise, so a burst of requests shares one
 * computation; a failed one is forgotten.
 */
export async function reuseWhileUnchanged<T>(db: Kysely<any>, key: string, inputs: readonly unknown[], compute: () => Promise<T>): Promise<T> {
  const { stamp } = await changeStamp(db);
  let kept = keptByHandle.get(db);
  if (!kept) keptByHandle.set(db, (kept = new Map()));
  const entry = kept.get(key);
  const sameInputs = entry && entry.inputs.length === inputs.length && entry.inputs.every((input, i) => input === inputs[i]);
  if (entry && sameInputs && entry.stamp === stamp && Date.now() < entry.until) return entry.value as Promise<T>;
  const value = compute();
  kept.delete(key);
  if (kept.size >= KEPT_PER_HANDLE) kept.delete(kept.keys().next().value!);
  kept.set(key, { inputs, stamp, until: Date.now() + REUSE_MAX_MS, value });
  value.catch(() => {
    if (kept.get(key)?.value === value) kept.delete(key);
  });
  return value;
}
