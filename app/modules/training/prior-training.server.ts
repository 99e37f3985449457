// Earlier training registered by a coordinator (issue #5, "Earlier training"). A placeholder
// with the agreed signature until that part lands: the certification rules already read it.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";

/**
 * The steps of `track` (its slug) credited to the person from earlier training: a module's
 * slug or a session step's key → the date it was completed (ISO). Certification treats a
 * credited module as read and passed, and a credited session step as attended, on that date.
 */
export async function creditedSteps(_db: Kysely<Database>, _userId: string, _track: string): Promise<Map<string, string>> {
  return new Map();
}
