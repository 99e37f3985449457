// SPDX-License-Identifier: EUPL-1.2
import { sql, type Kysely } from "kysely";
import type { ContentIndex } from "~/content/types";
import { iso } from "~/lib/time";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { foldedLower, likePattern, toCount } from "~db/sql";
import { describeAuditDetails, referencedIds, type AuditNames } from "./describe.server";

export type AuditAction =
  | "signin.success"
  | "signin.failure"
  | "signin.link"
  | "mfa.enrolled"
  | "mfa.failure"
  | "mfa.recovery_used"
  | "mfa.recovery_renewed"
  | "mfa.reset"
  | "mfa.required_all"
  | "mfa.required_default"
  | "signin.sso"
  | "signin.sso_failure"
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
  | "municipality.updated"
  | "municipality.deactivated"
  | "municipality.reactivated"
  | "contact.created"
  | "contact.updated"
  | "contact.removed"
  | "localtext.saved"
  | "content.approved"
  | "content.approval_withdrawn"
  | "municipality.profile"
  | "municipality.logo"
  | "person.viewed"
  | "person.deactivated"
  | "person.reactivated"
  | "person.anonymised"
  | "export.csv"
  | "export.xlsx"
  | "certificate.issued"
  | "certificate.renewed"
  | "certificate.revoked"
  | "municipality.created"
  | "user.created"
  | "reminders.enabled"
  | "reminders.disabled"
  | "summary.subscribed"
  | "summary.unsubscribed"
  | "summary.sent"
  | "session.created"
  | "session.updated"
  | "session.cancelled"
  | "session.attendance"
  | "session.partner_requested"
  | "session.partner_accepted"
  | "session.partner_declined"
  | "prior.registered"
  | "prior.removed"
  | "prior.imported"
  | "followup.published"
  | "followup.promise"
  | "promise.created"
  | "promise.edited"
  | "promise.document"
  | "promise.published"
  | "promise.correction_started"
  | "promise.activity_recorded"
  | "promise.activity_removed"
  | "promise.status_set"
  | "promise.police_commentary"
  | "promise.partner_attached"
  | "promise.partner_detached"
  | "identity_provider.saved"
  | "identity_provider.removed";

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

// Reading the log: what an administrator sees at /admin/logg.

export type AuditGroup = "signin" | "account" | "invitation" | "person" | "certificate" | "reminders" | "sessions" | "followup" | "administration";

const AUDIT_GROUP_LABELS: Record<AuditGroup, string> = {
  signin: "Inloggning",
  account: "Eget konto",
  invitation: "Inbjudningar",
  person: "Personer",
  certificate: "Intyg",
  reminders: "Påminnelser och sammanfattningar",
  sessions: "Träffar",
  followup: "Uppföljning för invånarna",
  administration: "Administration",
};

/** Every action in Swedish, and the group it is filed under. A new action does not compile without its label here. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, { group: AuditGroup; label: string }> = {
  "signin.success": { group: "signin", label: "Inloggning med lösenord" },
  "signin.failure": { group: "signin", label: "Misslyckad inloggning" },
  "signin.link": { group: "signin", label: "Inloggning med e-postlänk" },
  "mfa.enrolled": { group: "signin", label: "Tvåstegsverifiering påslagen" },
  "mfa.failure": { group: "signin", label: "Fel kod i tvåstegsverifieringen" },
  "mfa.recovery_used": { group: "signin", label: "Inloggning med reservkod" },
  "mfa.recovery_renewed": { group: "signin", label: "Nya reservkoder skapade" },
  "mfa.reset": { group: "person", label: "Tvåstegsverifiering återställd av administratör" },
  "mfa.required_all": { group: "administration", label: "Tvåstegsverifiering krävs av alla roller i kommunen" },
  "mfa.required_default": { group: "administration", label: "Tvåstegsverifiering krävs bara av samordnare och administratörer i kommunen" },
  "signin.sso": { group: "signin", label: "Inloggning med kommunens konto" },
  "signin.sso_failure": { group: "signin", label: "Misslyckad inloggning med kommunens konto" },
  signout: { group: "signin", label: "Utloggning" },
  "signout.everywhere": { group: "signin", label: "Utloggning på alla enheter" },
  "password.changed": { group: "account", label: "Lösenordet bytt" },
  "password.reset": { group: "account", label: "Lösenordet återställt" },
  "account.updated": { group: "account", label: "Kontouppgifter ändrade" },
  "account.exported": { group: "account", label: "Registerutdrag hämtat" },
  "invitation.created": { group: "invitation", label: "Inbjudan skickad" },
  "invitation.resent": { group: "invitation", label: "Inbjudan skickad igen" },
  "invitation.withdrawn": { group: "invitation", label: "Inbjudan återkallad" },
  "invitation.accepted": { group: "invitation", label: "Inbjudan antagen, konto skapat" },
  "municipality.updated": { group: "administration", label: "Kommun ändrad" },
  "municipality.deactivated": { group: "administration", label: "Kommun avaktiverad" },
  "municipality.reactivated": { group: "administration", label: "Kommun aktiverad igen" },
  "contact.created": { group: "administration", label: "Kontaktkort tillagt" },
  "contact.updated": { group: "administration", label: "Kontaktkort ändrat" },
  "contact.removed": { group: "administration", label: "Kontaktkort borttaget" },
  "localtext.saved": { group: "administration", label: "Lokal text i innehållet ändrad" },
  "content.approved": { group: "administration", label: "Innehåll granskat och godkänt" },
  "content.approval_withdrawn": { group: "administration", label: "Godkännande av innehåll återkallat" },
  "municipality.profile": { group: "administration", label: "Kommunens profil ändrad" },
  "municipality.logo": { group: "administration", label: "Kommunens logotyp ändrad" },
  "person.viewed": { group: "person", label: "Uppgifter om en person visade" },
  "person.deactivated": { group: "person", label: "Konto avaktiverat" },
  "person.reactivated": { group: "person", label: "Konto återaktiverat" },
  "person.anonymised": { group: "person", label: "Personuppgifter borttagna (anonymiserad)" },
  "export.csv": { group: "person", label: "Personlistan exporterad som CSV" },
  "export.xlsx": { group: "person", label: "Personlistan exporterad som Excel" },
  "certificate.issued": { group: "certificate", label: "Intyg utfärdat" },
  "certificate.renewed": { group: "certificate", label: "Intyg förnyat efter repetitionen" },
  "certificate.revoked": { group: "certificate", label: "Intyg återkallat" },
  "municipality.created": { group: "administration", label: "Kommun tillagd" },
  "user.created": { group: "administration", label: "Konto skapat från kommandoraden" },
  "reminders.enabled": { group: "reminders", label: "Påminnelser till kommunens coacher påslagna" },
  "reminders.disabled": { group: "reminders", label: "Påminnelser till kommunens coacher avstängda" },
  "summary.subscribed": { group: "reminders", label: "Månadssammanfattning beställd" },
  "summary.unsubscribed": { group: "reminders", label: "Månadssammanfattning avbeställd" },
  "summary.sent": { group: "reminders", label: "Månadssammanfattning med personlistan skickad" },
  "session.created": { group: "sessions", label: "Träff skapad" },
  "session.updated": { group: "sessions", label: "Träff ändrad" },
  "session.cancelled": { group: "sessions", label: "Träff inställd" },
  "session.attendance": { group: "sessions", label: "Närvaro på en träff registrerad" },
  "session.partner_requested": { group: "sessions", label: "Förfrågan om gemensam träff skickad" },
  "session.partner_accepted": { group: "sessions", label: "Förfrågan om gemensam träff godkänd" },
  "session.partner_declined": { group: "sessions", label: "Förfrågan om gemensam träff avböjd" },
  "prior.registered": { group: "person", label: "Tidigare utbildning registrerad för en person" },
  "prior.removed": { group: "person", label: "Registrerad tidigare utbildning borttagen" },
  "prior.imported": { group: "person", label: "Tidigare utbildning importerad från fil" },
  "followup.published": { group: "followup", label: "Uppföljningsrapport publicerad" },
  "followup.promise": { group: "followup", label: "Löftets period och antal rapporter ändrade" },
  "promise.created": { group: "followup", label: "Utkast till medborgarlöfte skapat" },
  "promise.edited": { group: "followup", label: "Utkast till medborgarlöfte ändrat" },
  "promise.document": { group: "followup", label: "Undertecknat medborgarlöfte (PDF) uppladdat" },
  "promise.published": { group: "followup", label: "Medborgarlöfte publicerat" },
  "promise.correction_started": { group: "followup", label: "Rättelse av medborgarlöfte påbörjad" },
  "promise.activity_recorded": { group: "followup", label: "Aktivitet i ett medborgarlöfte registrerad" },
  "promise.activity_removed": { group: "followup", label: "Aktivitet i ett medborgarlöfte borttagen" },
  "promise.status_set": { group: "followup", label: "Status för ett åtagande i ett medborgarlöfte satt" },
  "promise.police_commentary": { group: "followup", label: "Polisens kommentar till nästa rapport sparad" },
  "promise.partner_attached": { group: "administration", label: "Polis kopplad till ett medborgarlöfte" },
  "promise.partner_detached": { group: "administration", label: "Polis bortkopplad från ett medborgarlöfte" },
  "identity_provider.saved": { group: "administration", label: "Kommunens inloggningstjänst sparad" },
  "identity_provider.removed": { group: "administration", label: "Kommunens inloggningstjänst borttagen" },
};

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTION_LABELS, value);
}

export function isAuditGroup(value: string): value is AuditGroup {
  return Object.hasOwn(AUDIT_GROUP_LABELS, value);
}

export function actionsInGroup(group: AuditGroup): AuditAction[] {
  return (Object.keys(AUDIT_ACTION_LABELS) as AuditAction[]).filter((action) => AUDIT_ACTION_LABELS[action].group === group);
}

/** The groups and their actions in the order a filter offers them. */
export function auditActionGroups(): Array<{ group: AuditGroup; label: string; actions: Array<{ action: AuditAction; label: string }> }> {
  return (Object.keys(AUDIT_GROUP_LABELS) as AuditGroup[]).map((group) => ({
    group,
    label: AUDIT_GROUP_LABELS[group],
    actions: actionsInGroup(group).map((action) => ({ action, label: AUDIT_ACTION_LABELS[action].label })),
  }));
}

/** An action stored before it was renamed shows as stored rather than not at all. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTION_LABELS[action].label : action;
}

export interface AuditFilter {
  /** null: events that belong to no municipality. */
  municipalityId?: string | null;
  actions?: AuditAction[];
  /** Part of the acting person's email address. */
  actorEmail?: string;
  /** From this instant, inclusive. */
  from?: Date;
  /** Up to this instant, exclusive. */
  until?: Date;
  page: number;
  pageSize: number;
}

export interface AuditPerson {
  id: string;
  name: string;
  email: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  action: string;
  actionLabel: string;
  actor: AuditPerson | null;
  /** What the event is about: a person when the subject is a user id, otherwise the stored text (an email, a municipality). */
  subject: { person: AuditPerson } | { text: string } | null;
  municipalityName: string | null;
  /** The details as Swedish sentences (describe.server.ts), plain text. */
  details: string[];
}

export interface AuditPage {
  events: AuditEntry[];
  total: number;
  /** The page shown: the one asked for, or the last one if it asked past the end. */
  page: number;
  pageCount: number;
  pageSize: number;
}

function filteredEvents(db: Kysely<Database>, filter: Omit<AuditFilter, "page" | "pageSize">) {
  let query = db
    .selectFrom("audit_event")
    .leftJoin("user as actor", "actor.id", "audit_event.actor_id")
    .leftJoin("municipality", "municipality.id", "audit_event.municipality_id");
  if (filter.municipalityId !== undefined) {
    query =
      filter.municipalityId === null
        ? query.where("audit_event.municipality_id", "is", null)
        : query.where("audit_event.municipality_id", "=", filter.municipalityId);
  }
  if (filter.actions) query = filter.actions.length > 0 ? query.where("audit_event.action", "in", filter.actions) : query.where(sql<boolean>`1 = 0`);
  const actorEmail = filter.actorEmail?.trim();
  if (actorEmail) query = query.where(sql<boolean>`${foldedLower(sql.ref("actor.email"))} like ${likePattern(actorEmail)} escape '\\'`);
  if (filter.from) query = query.where("audit_event.at", ">=", iso(filter.from));
  if (filter.until) query = query.where("audit_event.at", "<", iso(filter.until));
  return query;
}

/** One page of the log, newest first, with people and municipalities named where the log holds only their ids. */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter, content: ContentIndex): Promise<AuditPage> {
  const pageSize = Math.max(1, Math.floor(filter.pageSize));
  const counted = await filteredEvents(db, filter)
    .select((eb) => eb.fn.countAll().as("count"))
    .executeTakeFirstOrThrow();
  const total = toCount(counted.count);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(filter.page)), pageCount);
  const rows = await filteredEvents(db, filter)
    .select([
      "audit_event.id",
      "audit_event.at",
      "audit_event.action",
      "audit_event.subject",
      "audit_event.details",
      "actor.id as actorId",
      "actor.name as actorName",
      "actor.email as actorEmail",
      "municipality.name as municipalityName",
    ])
    .orderBy("audit_event.at", "desc")
    .orderBy("audit_event.id", "desc")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();

  const parsed = rows.map((row) => ({ row, details: parseDetails(row.details) }));
  const ids = new Set<string>();
  for (const { row, details } of parsed) {
    if (row.subject) ids.add(row.subject);
    for (const id of referencedIds(details ?? null)) ids.add(id);
  }
  const names = await namesFor(db, [...ids]);

  return {
    events: parsed.map(({ row, details }) => ({
      id: row.id,
      at: row.at,
      action: row.action,
      actionLabel: auditActionLabel(row.action),
      actor: row.actorId ? { id: row.actorId, name: row.actorName ?? "", email: row.actorEmail ?? "" } : null,
      subject: row.subject ? subjectOf(row.subject, names) : null,
      municipalityName: row.municipalityName,
      details: details === undefined ? [UNREADABLE_DETAILS] : describeAuditDetails(row.action, details, { names, content }),
    })),
    total,
    page,
    pageCount,
    pageSize,
  };
}

type KnownNames = AuditNames;

// Details are written by the app as JSON objects; anything else was not, and is not shown as code.
const UNREADABLE_DETAILS = "Uppgifterna är sparade i ett format som loggen inte kan visa.";

async function namesFor(db: Kysely<Database>, ids: string[]): Promise<KnownNames> {
  if (ids.length === 0) return { people: new Map(), municipalities: new Map() };
  const [people, municipalities] = await Promise.all([
    db.selectFrom("user").select(["id", "name", "email"]).where("id", "in", ids).execute(),
    db.selectFrom("municipality").select(["id", "name"]).where("id", "in", ids).execute(),
  ]);
  return { people: new Map(people.map((p) => [p.id, p])), municipalities: new Map(municipalities.map((m) => [m.id, m.name])) };
}

function subjectOf(subject: string, names: KnownNames): AuditEntry["subject"] {
  const person = names.people.get(subject);
  if (person) return { person };
  return { text: names.municipalities.get(subject) ?? subject };
}

/** The stored JSON as an object; null when there is none; undefined when it is not an object. */
function parseDetails(details: string | null): Record<string, unknown> | null | undefined {
  if (details === null) return null;
  try {
    const value: unknown = JSON.parse(details);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
