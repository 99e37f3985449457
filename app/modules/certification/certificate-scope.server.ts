// SPDX-License-Identifier: EUPL-1.2
// What a certificate covers, as its PDF states it (issue #15): the track's modules, the course
// days it required with the day each was done, and the estimated time in all. An employer reading
// the certificate sees what the holder went through, not only that they passed.
import type { Kysely } from "kysely";
import type { ContentIndex, Track } from "~/content/content.server";
import { formatDate } from "~/lib/dates";
import { attendancesOf } from "~/modules/course-days/attendance-records.server";
import type { Database } from "~db/schema";
import { creditedSteps } from "./credited-steps.server";

export interface CertificateScope {
  modules: Array<{ title: string; minutes: number; credited: boolean }>;
  /** The required course days, each with the day it was done ("14 mars 2025"). */
  courseDays: Array<{ title: string; on: string | null; credited: boolean }>;
  /** Modules' estimated time and the course days attended, rounded to whole hours (at least 1). */
  estimatedHours: number;
}

/** The scope of `track` as the person completed it by `until` (the certificate's issue). */
export async function certificateScope(db: Kysely<Database>, input: { userId: string; track: Track; content: ContentIndex; until: string }): Promise<CertificateScope> {
  const [credits, attendances, sessions] = await Promise.all([
    creditedSteps(db, input.userId, input.track.slug),
    attendancesOf(db, input.userId, input.track.slug),
    db.selectFrom("training_session").select(["id", "starts_at", "ends_at"]).where("track", "=", input.track.slug).execute(),
  ]);
  const modules = input.track.modules.flatMap((slug) => {
    const module = input.content.modules[slug];
    return module ? [{ title: module.title, minutes: module.estimatedMinutes, credited: credits.has(slug) }] : [];
  });
  const lengths = new Map(sessions.map((s) => [s.id, new Date(s.ends_at).getTime() - new Date(s.starts_at).getTime()]));
  let courseMinutes = 0;
  const courseDays = input.track.sessions
    .filter((step) => step.required)
    .map((step) => {
      // The last attendance before the certificate counts, as certification counts it.
      const attended = attendances.filter((a) => a.stepKey === step.key && a.at <= input.until).at(-1);
      if (attended) {
        courseMinutes += Math.max(0, (lengths.get(attended.sessionId) ?? 0) / 60_000);
        return { title: step.title, on: formatDate(attended.at), credited: false };
      }
      const credited = credits.get(step.key);
      return { title: step.title, on: credited ? formatDate(credited) : null, credited: Boolean(credited) };
    });
  const minutes = modules.reduce((sum, m) => sum + m.minutes, 0) + courseMinutes;
  return { modules, courseDays, estimatedHours: Math.max(1, Math.round(minutes / 60)) };
}
