// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// In-person training ("träffar"): the sessions a coordinator schedules for a track's
// session step, the coaches' bookings (with a waiting list) and the attendance marked
// during or after a session.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("training_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    // A joint session with a neighbouring municipality: both coordinators manage it, both municipalities' coaches book it.
    .addColumn("partner_municipality_id", "text", (c) => c.references("municipality.id"))
    .addColumn("track", "text", (c) => c.notNull())
    // The session step's key in the track file (content/tracks/<track>.md, sessions[].key).
    .addColumn("step_key", "text", (c) => c.notNull())
    // UTC ISO-8601; entered and shown in Europe/Stockholm.
    .addColumn("starts_at", "text", (c) => c.notNull())
    .addColumn("ends_at", "text", (c) => c.notNull())
    .addColumn("place", "text", (c) => c.notNull())
    .addColumn("details", "text")
    .addColumn("capacity", "integer", (c) => c.notNull())
    .addColumn("signup_deadline", "text", (c) => c.notNull())
    // The calendar event's SEQUENCE: raised on every change attendees' calendars must follow.
    .addColumn("sequence", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("cancelled_at", "text")
    .addColumn("cancel_reason", "text")
    .addColumn("created_by", "text", (c) => c.references("user.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("training_session_municipality_idx").on("training_session").columns(["municipality_id", "starts_at"]).execute();
  await db.schema.createIndex("training_session_partner_idx").on("training_session").columns(["partner_municipality_id", "starts_at"]).execute();

  await db.schema
    .createTable("session_booking")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("session_id", "text", (c) => c.notNull().references("training_session.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    // booked | waitlisted | cancelled
    .addColumn("status", "text", (c) => c.notNull())
    // The order of sign-ups within the session (1, 2, …), given under the session's lock: the waiting
    // list's order. Set anew on every sign-up, so one who cancels and signs up again queues last.
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("queued_at", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("session_booking_once", ["session_id", "user_id"])
    .execute();
  await db.schema.createIndex("session_booking_session_idx").on("session_booking").columns(["session_id", "status", "position"]).execute();
  await db.schema.createIndex("session_booking_user_idx").on("session_booking").columns(["user_id", "status"]).execute();

  await db.schema
    .createTable("session_attendance")
    .addColumn("session_id", "text", (c) => c.notNull().references("training_session.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("user.id").onDelete("cascade"))
    // 1 attended, 0 did not come (a no-show stays visible).
    .addColumn("attended", "integer", (c) => c.notNull())
    .addColumn("marked_by", "text", (c) => c.references("user.id"))
    .addColumn("marked_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("session_attendance_pk", ["session_id", "user_id"])
    .execute();
  await db.schema.createIndex("session_attendance_user_idx").on("session_attendance").columns(["user_id", "attended"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("session_attendance").execute();
  await db.schema.dropTable("session_booking").execute();
  await db.schema.dropTable("training_session").execute();
}
