// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Promises as data (issue #14, docs/decisions/024-promises-as-data.md). A medborgarlöfte is kept
// by the municipalities and the police themselves instead of being written in code:
//   promise                 one version of a promise: title, police area, period, signing day,
//                           how many reports it promises; 'draft' until a coordinator publishes
//                           it. A correction is a new version whose replaces_id names the one it
//                           replaces (at most once), with a note; published wording never changes.
//   promise_municipality    the municipalities it covers (Högsby and Mönsterås share one)
//   promise_focus_area      its focus areas, in order
//   promise_commitment      what was promised, word for word, with a plain summary, who promised
//                           it, an optional measurable target and an optional built-in measure.
//                           `lineage` is shared by a commitment and its counterparts in later
//                           versions, so that activities follow a corrected wording.
//   promise_document        the signed document (a PDF, at most 10 MB), one per version
//   promise_partner         the police partners attached to a promise
//   commitment_activity     what was done: date, title, description, participants, place, by whom
//   commitment_status       the status history, each with a dated note; the newest is current
//   promise_police_text     the police's part of the next report's commentary, per promise
//   instance_setting        facts about this installation, such as 'demo_data' (the demo seed
//                           ran, so public pages label the example activities and reports)
//   followup_report         + promise_id, the police's commentary and every commitment frozen at publication
// Data moved: the Högsby–Mönsterås promise leaves app/modules/followup/promise.ts for these tables
// (db/frozen/medborgarlofte-hogsby-monsteras-2024-2025.ts); a municipality that had only set a
// period gets a draft promise with it; reports are linked to the promise whose period they were
// published in; the municipality's own period columns go.
import { randomBytes } from "node:crypto";
import { SqliteAdapter, type Kysely } from "kysely";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as FROZEN } from "../frozen/medborgarlofte-hogsby-monsteras-2024-2025";

/** 24 characters of lower-case base32, as the app's ids. */
function id(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  return [...randomBytes(24)].map((b) => alphabet[b % 32]).join("");
}

export async function up(db: Kysely<any>): Promise<void> {
  const binary = db.getExecutor().adapter instanceof SqliteAdapter ? "blob" : "bytea";
  await db.schema
    .createTable("promise")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("police_area", "text", (c) => c.notNull())
    // YYYY-MM-DD calendar days in Europe/Stockholm, both included.
    .addColumn("period_start", "text", (c) => c.notNull())
    .addColumn("period_end", "text", (c) => c.notNull())
    .addColumn("signed_on", "text")
    .addColumn("promised_reports", "integer", (c) => c.notNull().defaultTo(2))
    // The promise's own words about reporting to citizens, if it has any.
    .addColumn("reporting_wording", "text")
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("replaces_id", "text", (c) => c.references("promise.id"))
    .addColumn("correction_note", "text")
    .addColumn("created_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("published_at", "text")
    .addColumn("published_by", "text", (c) => c.references("user.id"))
    .execute();
  // A version is replaced at most once, so corrections form a single line.
  await db.schema.createIndex("promise_replaces_idx").on("promise").column("replaces_id").unique().execute();

  await db.schema
    .createTable("promise_municipality")
    .addColumn("promise_id", "text", (c) => c.notNull().references("promise.id").onDelete("cascade"))
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addPrimaryKeyConstraint("promise_municipality_pk", ["promise_id", "municipality_id"])
    .execute();
  await db.schema.createIndex("promise_municipality_municipality_idx").on("promise_municipality").columns(["municipality_id", "promise_id"]).execute();

  await db.schema
    .createTable("promise_focus_area")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("promise_id", "text", (c) => c.notNull().references("promise.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("promise_focus_area_promise_idx").on("promise_focus_area").columns(["promise_id", "position"]).execute();

  await db.schema
    .createTable("promise_commitment")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("promise_id", "text", (c) => c.notNull().references("promise.id").onDelete("cascade"))
    .addColumn("focus_area_id", "text", (c) => c.notNull().references("promise_focus_area.id").onDelete("cascade"))
    .addColumn("lineage", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("wording", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    // 'kommunen' | 'polisen' | 'bada'
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("target", "text")
    .addColumn("target_count", "integer")
    // 'certified_coaches' | 'coaches_in_training' | 'course_days_held' | 'materials_used'
    .addColumn("measure", "text")
    .execute();
  await db.schema.createIndex("promise_commitment_promise_idx").on("promise_commitment").columns(["promise_id", "position"]).execute();
  await db.schema.createIndex("promise_commitment_lineage_idx").on("promise_commitment").column("lineage").execute();

  await db.schema
    .createTable("promise_document")
    .addColumn("promise_id", "text", (c) => c.primaryKey().references("promise.id").onDelete("cascade"))
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("data", binary, (c) => c.notNull())
    .addColumn("uploaded_by", "text", (c) => c.references("user.id"))
    .addColumn("uploaded_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("promise_partner")
    .addColumn("promise_id", "text", (c) => c.notNull().references("promise.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id"))
    .addColumn("added_by", "text", (c) => c.references("user.id"))
    .addColumn("added_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("promise_partner_pk", ["promise_id", "user_id"])
    .execute();
  await db.schema.createIndex("promise_partner_user_idx").on("promise_partner").columns(["user_id", "promise_id"]).execute();

  await db.schema
    .createTable("commitment_activity")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("commitment_id", "text", (c) => c.notNull().references("promise_commitment.id").onDelete("cascade"))
    .addColumn("happened_on", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("participants", "integer")
    .addColumn("place", "text")
    // 'kommunen' | 'polisen': whose activity it is, shown to citizens instead of a name.
    .addColumn("recorded_as", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("user.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("commitment_activity_commitment_idx").on("commitment_activity").columns(["commitment_id", "happened_on"]).execute();

  await db.schema
    .createTable("commitment_status")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("commitment_id", "text", (c) => c.notNull().references("promise_commitment.id").onDelete("cascade"))
    // 'not_started' | 'in_progress' | 'done'
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("recorded_as", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.references("user.id"))
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("commitment_status_commitment_idx").on("commitment_status").columns(["commitment_id", "recorded_at"]).execute();

  await db.schema
    .createTable("promise_police_text")
    .addColumn("promise_id", "text", (c) => c.primaryKey().references("promise.id").onDelete("cascade"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("updated_by", "text", (c) => c.references("user.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("instance_setting")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();

  // One column per statement: SQLite adds a single column per ALTER TABLE.
  await db.schema.alterTable("followup_report").addColumn("promise_id", "text", (c) => c.references("promise.id")).execute();
  await db.schema.alterTable("followup_report").addColumn("police_commentary", "text").execute();
  // JSON: every commitment of the promise as it stood at publication (status, activities, figures).
  await db.schema.alterTable("followup_report").addColumn("commitments", "text").execute();
  await db.schema.createIndex("followup_report_promise_idx").on("followup_report").columns(["promise_id", "municipality_id"]).execute();

  // The data.
  const now = new Date().toISOString();
  const municipalities: Array<{ id: string; slug: string; name: string; promise_period_start: string | null; promise_period_end: string | null; promised_reports: number }> =
    await db.selectFrom("municipality").select(["id", "slug", "name", "promise_period_start", "promise_period_end", "promised_reports"]).execute();
  const frozenMembers = municipalities.filter((m) => FROZEN.municipalities.includes(m.slug));
  const linkReports = async (promiseId: string, municipalityIds: string[], from: string, to: string) => {
    // Published within the period, in Stockholm days: a day's margin either side of UTC is
    // settled by comparing the date part, which is what the app showed as the publication day.
    for (const municipalityId of municipalityIds) {
      const reports: Array<{ id: string; published_at: string }> = await db
        .selectFrom("followup_report")
        .select(["id", "published_at"])
        .where("municipality_id", "=", municipalityId)
        .execute();
      const within = reports.filter((r) => {
        const day = new Date(r.published_at).toLocaleDateString("sv-SE", { timeZone: "Europe/Stockholm" });
        return day >= from && day <= to;
      });
      if (within.length > 0) await db.updateTable("followup_report").set({ promise_id: promiseId }).where("id", "in", within.map((r) => r.id)).execute();
    }
  };

  if (frozenMembers.length > 0) {
    const promiseId = id();
    await db
      .insertInto("promise")
      .values({
        id: promiseId,
        title: FROZEN.title,
        police_area: FROZEN.policeArea,
        period_start: FROZEN.periodStart,
        period_end: FROZEN.periodEnd,
        signed_on: FROZEN.signedOn,
        promised_reports: FROZEN.promisedReports,
        reporting_wording: FROZEN.reportingWording,
        state: "published",
        replaces_id: null,
        correction_note: null,
        created_by: null,
        created_at: now,
        updated_at: now,
        published_at: now,
        published_by: null,
      })
      .execute();
    for (const m of frozenMembers) await db.insertInto("promise_municipality").values({ promise_id: promiseId, municipality_id: m.id }).execute();
    let areaPosition = 0;
    for (const area of FROZEN.focusAreas) {
      const areaId = id();
      await db.insertInto("promise_focus_area").values({ id: areaId, promise_id: promiseId, position: ++areaPosition, title: area.title }).execute();
      let position = 0;
      for (const c of area.commitments) {
        await db
          .insertInto("promise_commitment")
          .values({
            id: id(),
            promise_id: promiseId,
            focus_area_id: areaId,
            lineage: id(),
            position: ++position,
            wording: c.wording,
            summary: c.summary,
            owner: c.owner,
            target: c.target,
            target_count: c.targetCount,
            measure: c.measure,
          })
          .execute();
      }
    }
    await linkReports(promiseId, frozenMembers.map((m) => m.id), FROZEN.periodStart, FROZEN.periodEnd);
  }

  // A municipality that had set a period of its own keeps it, as a draft its coordinator completes.
  for (const m of municipalities) {
    if (frozenMembers.includes(m) || !m.promise_period_start || !m.promise_period_end) continue;
    const promiseId = id();
    await db
      .insertInto("promise")
      .values({
        id: promiseId,
        title: `Medborgarlöfte för ${m.name} ${m.promise_period_start.slice(0, 4)}–${m.promise_period_end.slice(0, 4)}`,
        police_area: "",
        period_start: m.promise_period_start,
        period_end: m.promise_period_end,
        signed_on: null,
        promised_reports: m.promised_reports,
        reporting_wording: null,
        state: "draft",
        replaces_id: null,
        correction_note: null,
        created_by: null,
        created_at: now,
        updated_at: now,
        published_at: null,
        published_by: null,
      })
      .execute();
    await db.insertInto("promise_municipality").values({ promise_id: promiseId, municipality_id: m.id }).execute();
    await linkReports(promiseId, [m.id], m.promise_period_start, m.promise_period_end);
  }

  await db.schema.alterTable("municipality").dropColumn("promised_reports").execute();
  await db.schema.alterTable("municipality").dropColumn("promise_period_end").execute();
  await db.schema.alterTable("municipality").dropColumn("promise_period_start").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("municipality").addColumn("promise_period_start", "text").execute();
  await db.schema.alterTable("municipality").addColumn("promise_period_end", "text").execute();
  await db.schema.alterTable("municipality").addColumn("promised_reports", "integer", (c) => c.notNull().defaultTo(2)).execute();
  // Each municipality gets back the period of its newest promise.
  const rows: Array<{ municipality_id: string; period_start: string; period_end: string; promised_reports: number }> = await db
    .selectFrom("promise_municipality as pm")
    .innerJoin("promise as p", "p.id", "pm.promise_id")
    .select(["pm.municipality_id", "p.period_start", "p.period_end", "p.promised_reports"])
    .orderBy("p.period_start")
    .execute();
  for (const row of rows) {
    await db
      .updateTable("municipality")
      .set({ promise_period_start: row.period_start, promise_period_end: row.period_end, promised_reports: row.promised_reports })
      .where("id", "=", row.municipality_id)
      .execute();
  }
  await db.schema.dropIndex("followup_report_promise_idx").execute();
  await db.schema.alterTable("followup_report").dropColumn("commitments").execute();
  await db.schema.alterTable("followup_report").dropColumn("police_commentary").execute();
  await db.schema.alterTable("followup_report").dropColumn("promise_id").execute();
  for (const table of ["instance_setting", "promise_police_text", "commitment_status", "commitment_activity", "promise_partner", "promise_document", "promise_commitment", "promise_focus_area", "promise_municipality"]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropTable("promise").execute();
}
