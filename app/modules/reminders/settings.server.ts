// SPDX-License-Identifier: EUPL-1.2
// What a coordinator decides about reminders: whether their municipality's coaches get
// them at all, and whether they themselves get the monthly summary. Turning reminders off
// or on is recorded in the audit log, and so is a change of the summary subscription.
import type { Kysely } from "kysely";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import type { Database } from "~db/schema";

export interface ReminderSettings {
  remindersEnabled: boolean;
  wantsMonthlySummary: boolean;
}

export async function getReminderSettings(db: Kysely<Database>, input: { municipalityId: string; userId: string }): Promise<ReminderSettings> {
  const [municipality, user] = await Promise.all([
    db.selectFrom("municipality").select("reminders_enabled").where("id", "=", input.municipalityId).executeTakeFirstOrThrow(),
    db.selectFrom("user").select("wants_monthly_summary").where("id", "=", input.userId).executeTakeFirstOrThrow(),
  ]);
  return { remindersEnabled: Number(municipality.reminders_enabled) === 1, wantsMonthlySummary: Number(user.wants_monthly_summary) === 1 };
}

export type SettingChange = "changed" | "unchanged";

/** Turns the municipality's reminders on or off; audited when it changes anything. */
export async function setMunicipalityReminders(
  db: Kysely<Database>,
  input: { municipalityId: string; actorId: string; enabled: boolean; now?: Date },
): Promise<SettingChange> {
  const value = input.enabled ? 1 : 0;
  return db.transaction().execute(async (trx) => {
    const update = await trx
      .updateTable("municipality")
      .set({ reminders_enabled: value })
      .where("id", "=", input.municipalityId)
      .where("reminders_enabled", "!=", value)
      .executeTakeFirst();
    if (Number(update.numUpdatedRows) === 0) return "unchanged";
    await recordAuditEvent(trx, {
      action: input.enabled ? "reminders.enabled" : "reminders.disabled",
      actorId: input.actorId,
      subject: input.municipalityId,
      municipalityId: input.municipalityId,
      now: input.now,
    });
    return "changed";
  });
}

/** The coordinator's own subscription to the monthly summary; audited when it changes. */
export async function setMonthlySummary(
  db: Kysely<Database>,
  input: { userId: string; municipalityId: string; enabled: boolean; now?: Date },
): Promise<SettingChange> {
  const value = input.enabled ? 1 : 0;
  return db.transaction().execute(async (trx) => {
    const update = await trx
      .updateTable("user")
      .set({ wants_monthly_summary: value })
      .where("id", "=", input.userId)
      .where("wants_monthly_summary", "!=", value)
      .executeTakeFirst();
    if (Number(update.numUpdatedRows) === 0) return "unchanged";
    await recordAuditEvent(trx, {
      action: input.enabled ? "summary.subscribed" : "summary.unsubscribed",
      actorId: input.userId,
      subject: input.userId,
      municipalityId: input.municipalityId,
      now: input.now,
    });
    return "changed";
  });
}
