// SPDX-License-Identifier: EUPL-1.2
// The people of the portal as coordinators and admins see them: finding them, one
// person's record, and turning an account off and on again. Who may see or change
// whom is decided in modules/access; these functions do what they are asked.
import { sql, type Kysely } from "kysely";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import type { Database, Role } from "~db/schema";
import { foldedLower, likePattern, toCount } from "~db/sql";

/** The people a coordinator looks after in their municipality (the same line modules/access draws). */
export { MEMBER_ROLES } from "~/modules/access/permissions.server";

export type PersonStatus = "active" | "deactivated";

export interface PeopleFilter {
  /** null: people without a municipality (admins). */
  municipalityId?: string | null;
  roles?: Role[];
  search?: string;
  status?: PersonStatus;
  page: number;
  pageSize: number;
}

export interface PersonSummary {
  id: string;
  name: string;
  email: string;
  role: Role;
  school: string | null;
  municipalityId: string | null;
  municipalityName: string | null;
  createdAt: string;
  deactivatedAt: string | null;
  /** Set when the personal data was removed (modules/people/retention.server.ts): the row stays, nameless. */
  anonymisedAt: string | null;
}

export interface PeoplePage {
  people: PersonSummary[];
  total: number;
  /** The page shown: the one asked for, or the last one if it asked past the end. */
  page: number;
  pageCount: number;
  pageSize: number;
}


const PERSON_COLUMNS = [
  "user.id",
  "user.name",
  "user.email",
  "user.role",
  "user.school",
  "user.municipality_id",
  "user.created_at",
  "user.deactivated_at",
  "user.anonymised_at",
  "municipality.name as municipalityName",
] as const;

function toPersonSummary(row: {
  id: string;
  name: string;
  email: string;
  role: Role;
  school: string | null;
  municipality_id: string | null;
  created_at: string;
  deactivated_at: string | null;
  anonymised_at: string | null;
  municipalityName: string | null;
}): PersonSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    school: row.school,
    municipalityId: row.municipality_id,
    municipalityName: row.municipalityName,
    createdAt: row.created_at,
    deactivatedAt: row.deactivated_at,
    anonymisedAt: row.anonymised_at,
  };
}

function filteredPeople(db: Kysely<Database>, filter: Omit<PeopleFilter, "page" | "pageSize">) {
  let query = db.selectFrom("user").leftJoin("municipality", "municipality.id", "user.municipality_id");
  if (filter.municipalityId !== undefined) {
    query = filter.municipalityId === null ? query.where("user.municipality_id", "is", null) : query.where("user.municipality_id", "=", filter.municipalityId);
  }
  if (filter.roles) query = filter.roles.length > 0 ? query.where("user.role", "in", filter.roles) : query.where(sql<boolean>`1 = 0`);
  if (filter.status === "active") query = query.where("user.deactivated_at", "is", null);
  if (filter.status === "deactivated") query = query.where("user.deactivated_at", "is not", null);
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    query = query.where((eb) =>
      eb.or([sql<boolean>`${foldedLower(sql.ref("user.name"))} like ${pattern} escape '\\'`, sql<boolean>`${foldedLower(sql.ref("user.email"))} like ${pattern} escape '\\'`]),
    );
  }
  return query;
}

/** One page of people matching the filter, ordered by name, with how many match in all. */
export async function listPeople(db: Kysely<Database>, filter: PeopleFilter): Promise<PeoplePage> {
  const pageSize = Math.max(1, Math.floor(filter.pageSize));
  const counted = await filteredPeople(db, filter)
    .select((eb) => eb.fn.countAll().as("count"))
    .executeTakeFirstOrThrow();
  const total = toCount(counted.count);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, Math.floor(filter.page)), pageCount);
  const rows = await filteredPeople(db, filter)
    .select(PERSON_COLUMNS)
    .orderBy("user.name")
    .orderBy("user.id")
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    people: rows.map(toPersonSummary),
    total,
    page,
    pageCount,
    pageSize,
  };
}

/** One person's record, with role and municipality so that the permission rules can decide who sees it. */
export async function getPerson(db: Kysely<Database>, id: string): Promise<PersonSummary | undefined> {
  const row = await db
    .selectFrom("user")
    .leftJoin("municipality", "municipality.id", "user.municipality_id")
    .select(PERSON_COLUMNS)
    .where("user.id", "=", id)
    .executeTakeFirst();
  return row ? toPersonSummary(row) : undefined;
}

/** The newest active members of a municipality, and how many joined since the given time. */
export async function listRecentlyJoined(
  db: Kysely<Database>,
  input: { municipalityId: string; roles: Role[]; since: Date; limit: number },
): Promise<{ total: number; people: Array<Pick<PersonSummary, "id" | "name" | "role" | "createdAt">> }> {
  const base = db
    .selectFrom("user")
    .where("municipality_id", "=", input.municipalityId)
    .where("role", "in", input.roles)
    .where("deactivated_at", "is", null)
    .where("created_at", ">=", iso(input.since));
  const counted = await base.select((eb) => eb.fn.countAll().as("count")).executeTakeFirstOrThrow();
  const rows = await base.select(["id", "name", "role", "created_at"]).orderBy("created_at", "desc").orderBy("id").limit(input.limit).execute();
  return { total: toCount(counted.count), people: rows.map((row) => ({ id: row.id, name: row.name, role: row.role, createdAt: row.created_at })) };
}

/**
 * Turns an account off: the person cannot sign in and every session of theirs ends at
 * once. Their history stays, so the account can be turned on again.
 */
export async function deactivatePerson(
  db: Kysely<Database>,
  input: { personId: string; actorId: string },
  now: Date = new Date(),
): Promise<"deactivated" | "already_deactivated"> {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("user").select(["role", "municipality_id"]).where("id", "=", input.personId).executeTakeFirstOrThrow();
    const result = await trx
      .updateTable("user")
      .set({ deactivated_at: iso(now) })
      .where("id", "=", input.personId)
      .where("deactivated_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return "already_deactivated";
    const endedSessions = await invalidateUserSessions(trx, input.personId);
    await recordAuditEvent(trx, {
      action: "person.deactivated",
      actorId: input.actorId,
      subject: input.personId,
      municipalityId: person.municipality_id,
      details: { role: person.role, endedSessions },
      now,
    });
    return "deactivated";
  });
}

export async function reactivatePerson(
  db: Kysely<Database>,
  input: { personId: string; actorId: string },
  now: Date = new Date(),
): Promise<"reactivated" | "already_active"> {
  return db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom("user").select(["role", "municipality_id"]).where("id", "=", input.personId).executeTakeFirstOrThrow();
    const result = await trx
      .updateTable("user")
      .set({ deactivated_at: null })
      .where("id", "=", input.personId)
      .where("deactivated_at", "is not", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return "already_active";
    await recordAuditEvent(trx, {
      action: "person.reactivated",
      actorId: input.actorId,
      subject: input.personId,
      municipalityId: person.municipality_id,
      details: { role: person.role },
      now,
    });
    return "reactivated";
  });
}

/** Looking at someone's record is itself recorded: the person may ask who has seen it. */
export async function recordPersonViewed(
  db: Kysely<Database>,
  input: { actorId: string; person: { id: string; municipalityId: string | null } },
  now: Date = new Date(),
): Promise<void> {
  await recordAuditEvent(db, { action: "person.viewed", actorId: input.actorId, subject: input.person.id, municipalityId: input.person.municipalityId, now });
}
