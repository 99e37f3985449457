// The Database interface: every table, as Kysely sees it. The same schema runs on
// SQLite and PostgreSQL, so timestamps are ISO-8601 UTC text, ids are random text and
// flags are nullable timestamps (who did what when) rather than booleans.
import type { Generated, Insertable, Selectable, Updateable } from "kysely";

export const ROLES = ["coach", "school_staff", "coordinator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export interface MunicipalityTable {
  id: string;
  slug: string;
  name: string;
  county: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  municipality_id: string | null;
  school: string | null;
  password_hash: string | null;
  created_at: string;
  deactivated_at: string | null;
}

export interface SessionTable {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface InvitationTable {
  id: string;
  token_hash: string;
  email: string;
  role: Role;
  municipality_id: string | null;
  school: string | null;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  withdrawn_at: string | null;
}

/** Single-use links sent by email: password resets and one-time sign-in links. */
export interface EmailTokenTable {
  id: string;
  token_hash: string;
  purpose: "password_reset" | "login_link";
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  created_at: string;
  /** Set by the instance that takes the message, so that several instances send it once. */
  claimed_at: string | null;
  sent_at: string | null;
  error: string | null;
  attempts: Generated<number>;
}

export interface AuditEventTable {
  id: string;
  at: string;
  actor_id: string | null;
  action: string;
  subject: string | null;
  municipality_id: string | null;
  details: string | null;
}

export interface LoginAttemptTable {
  id: string;
  key: string;
  at: string;
}

export interface Database {
  municipality: MunicipalityTable;
  user: UserTable;
  session: SessionTable;
  invitation: InvitationTable;
  email_token: EmailTokenTable;
  outbox: OutboxTable;
  audit_event: AuditEventTable;
  login_attempt: LoginAttemptTable;
}

export type Municipality = Selectable<MunicipalityTable>;
export type User = Selectable<UserTable>;
export type NewUser = Insertable<UserTable>;
export type UserUpdate = Updateable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Invitation = Selectable<InvitationTable>;
export type OutboxMessage = Selectable<OutboxTable>;
