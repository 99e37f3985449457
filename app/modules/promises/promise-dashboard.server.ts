// SPDX-License-Identifier: EUPL-1.2
// The coordinator's dashboard (issue #14): which commitments of the municipality's promises
// now under way have had no activity recorded for a while, so that nothing promised to the
// citizens is quietly forgotten.
import type { Kysely } from "kysely";
import { addDays, isoLocalDate, stockholmDate } from "~/lib/dates";
import type { Database } from "~db/schema";
import { periodState, promisesOfMunicipality } from "./promises.server";

export interface QuietCommitment {
  promiseId: string;
  promiseTitle: string;
  commitmentId: string;
  summary: string;
  /** YYYY-MM-DD of the newest activity, or null when none was ever recorded. */
  lastActivityOn: string | null;
}

/**
 * Commitments of the municipality's live promises (published, not replaced, period under way)
 * with no activity in the last `days` days. A commitment whose status is "Genomfört" is kept
 * out: it is done, and needs no more activity to be kept.
 */
export async function commitmentsWithoutActivity(
  db: Kysely<Database>,
  input: { municipalityId: string; now?: Date; days?: number },
): Promise<QuietCommitment[]> {
  const now = input.now ?? new Date();
  const first = addDays(stockholmDate(now), -(input.days ?? 90));
  const since = isoLocalDate(first);
  const live = (await promisesOfMunicipality(db, input.municipalityId, { publishedOnly: true })).filter(
    (p) => !p.replacedById && periodState(p, now) === "ongoing",
  );
  if (live.length === 0) return [];
  const ids = live.map((p) => p.id);
  const [commitments, lastActivities, statuses] = await Promise.all([
    db
      .selectFrom("promise_commitment as c")
      .innerJoin("promise_focus_area as f", "f.id", "c.focus_area_id")
      .select(["c.id", "c.promise_id", "c.summary"])
      .where("c.promise_id", "in", ids)
      .orderBy("c.promise_id")
      .orderBy("f.position")
      .orderBy("c.position")
      .execute(),
    db
      .selectFrom("commitment_activity as a")
      .innerJoin("promise_commitment as c", "c.id", "a.commitment_id")
      .select((eb) => ["a.commitment_id", eb.fn.max("a.happened_on").as("last")])
      .where("c.promise_id", "in", ids)
      .groupBy("a.commitment_id")
      .execute(),
    db
      .selectFrom("commitment_status as s")
      .innerJoin("promise_commitment as c", "c.id", "s.commitment_id")
      .select(["s.commitment_id", "s.status", "s.recorded_at", "s.id"])
      .where("c.promise_id", "in", ids)
      .orderBy("s.recorded_at", "desc")
      .orderBy("s.id")
      .execute(),
  ]);
  const last = new Map(lastActivities.map((a) => [a.commitment_id, a.last as string | null]));
  const current = new Map<string, string>();
  for (const s of statuses) if (!current.has(s.commitment_id)) current.set(s.commitment_id, s.status);
  const titles = new Map(live.map((p) => [p.id, p.title]));
  return commitments
    .filter((c) => current.get(c.id) !== "done")
    .filter((c) => {
      const on = last.get(c.id) ?? null;
      return on === null || on < since;
    })
    .map((c) => ({ promiseId: c.promise_id, promiseTitle: titles.get(c.promise_id)!, commitmentId: c.id, summary: c.summary, lastActivityOn: last.get(c.id) ?? null }));
}
