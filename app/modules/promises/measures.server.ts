// SPDX-License-Identifier: EUPL-1.2
// The built-in measures a commitment can be linked to (issue #14): the live figures that
// already exist for coach training, course days and material use, added up over the
// municipalities a promise covers. Each is a count that citizens read, so each leaves here
// through suppressCount ("färre än 5"), like every other public count.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { suppressCount, type PublicCount } from "~/lib/suppression";
import { iso } from "~/lib/time";
import { heldBy } from "~/modules/course-days/session-records.server";
import { countFollowupFigures } from "~/modules/followup/public-figures.server";
import type { Database, PromiseMeasure } from "~db/schema";
import { toCount } from "~db/sql";
import { MEASURE_LABELS } from "./promises.server";

export interface MeasureFigure {
  measure: PromiseMeasure;
  label: string;
  count: PublicCount;
}

/** Every built-in measure now, for the promise's municipalities together. */
export async function measureFigures(
  db: Kysely<Database>,
  input: { municipalityIds: string[]; content: ContentIndex; now?: Date },
): Promise<Record<PromiseMeasure, MeasureFigure>> {
  const now = input.now ?? new Date();
  const ids = [...new Set(input.municipalityIds)];
  const [coaches, held, materials] = await Promise.all([
    Promise.all(ids.map((municipalityId) => countFollowupFigures(db, { municipalityId, periodStart: null, content: input.content, now }))),
    // The same rule as the municipalities' own "held" figure (inPersonFigures), with a joint day
    // held by two of the promise's municipalities counted once: the promise is theirs together.
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("training_session as s")
          .select("s.id")
          .where((eb) => eb.or(ids.map((id) => heldBy(id))))
          .where("s.cancelled_at", "is", null)
          .where("s.ends_at", "<=", iso(now))
          .execute(),
    ids.length === 0
      ? Promise.resolve({ uses: 0 })
      : db
          .selectFrom("material_use")
          .select((eb) => [eb.fn.sum<string | number>(eb("views", "+", eb.ref("downloads"))).as("uses")])
          .where("municipality_id", "in", ids)
          .executeTakeFirstOrThrow(),
  ]);
  const counts: Record<PromiseMeasure, number> = {
    certified_coaches: coaches.reduce((sum, f) => sum + (f.current.certified ?? 0), 0),
    coaches_in_training: coaches.reduce((sum, f) => sum + (f.current.inTraining ?? 0), 0),
    course_days_held: new Set(held.map((s) => s.id)).size,
    materials_used: toCount(materials.uses ?? 0),
  };
  const figure = (measure: PromiseMeasure): MeasureFigure => ({ measure, label: MEASURE_LABELS[measure], count: suppressCount(counts[measure]) });
  return {
    certified_coaches: figure("certified_coaches"),
    coaches_in_training: figure("coaches_in_training"),
    course_days_held: figure("course_days_held"),
    materials_used: figure("materials_used"),
  };
}
