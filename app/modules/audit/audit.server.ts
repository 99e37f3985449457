import type { Kysely } from "kysely";
import { iso } from "~/lib/time";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";

export type AuditAction =
  | "signin.success"
  | "signin.failure"
  | "signin.link"
  | "signout"
  | "signout.everywhere"
  | "password.changed"
  | "password.reset"
  | "account.updated"
  | "account.exported"
  | "invitation.created"
  | "invitation.resent"
  | "invitation.withdrawn"
  | "invitation.accepted"
  | "person.viewed"
  | "person.deactivated"
  | "person.reactivated"
  | "municipality.created"
  | "user.created";

export async function recordAuditEvent(
  db: Kysely<Database>,
  event: {
    action: AuditAction;
    actorId?: string | null;
    subject?: string | null;
    municipalityId?: string | null;
    details?: Record<string, unknown>;
    now?: Date;
  },
): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      id: newId(),
      at: iso(event.now ?? new Date()),
      actor_id: event.actorId ?? null,
      action: event.action,
      subject: event.subject ?? null,
      municipality_id: event.municipalityId ?? null,
      details: event.details ? JSON.stringify(event.details) : null,
    })
    .execute();
}
