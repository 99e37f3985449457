// SPDX-License-Identifier: EUPL-1.2
// The Database interface: every table, as Kysely sees it. The same schema runs on
// SQLite and PostgreSQL, so timestamps are ISO-8601 UTC text, ids are random text and
// flags are nullable timestamps (who did what when) rather than booleans.
import type { Generated, Selectable } from "kysely";

export const ROLES = ["coach", "school_staff", "coordinator", "admin", "polis"] as const;
export type Role = (typeof ROLES)[number];

export interface MunicipalityTable {
  id: string;
  slug: string;
  name: string;
  county: string;
  created_at: string;
  /** 1 unless the coordinator turned reminders off for the municipality. */
  reminders_enabled: Generated<number>;
  // The profile (migration 0013): null until someone fills it in.
  official_name: string | null;
  contact_name: string | null;
  contact_title: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  postal_address: string | null;
  website: string | null;
  /** The display name on the municipality's emails, e.g. "Högsby kommun – ANDTS-coacher". */
  email_sender_name: string | null;
  /** Printed on its certificates as the issuer. */
  issuer_name: string | null;
  issuer_title: string | null;
  /** A municipality that has left: its people cannot sign in, its public pages stay. */
  deactivated_at: string | null;
  profile_updated_at: string | null;
  /** 1 when an admin requires a second factor of every role in the municipality (migration 0017). */
  mfa_all_roles: Generated<number>;
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
  /** When the person's personal data was removed (retention or an admin's decision); the row stays, nameless. */
  anonymised_at: string | null;
  /** 1 when a coordinator asked for the monthly summary email. */
  wants_monthly_summary: Generated<number>;
}

export interface SessionTable {
  id: string;
  secret_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  user_agent: string | null;
  /** Set while the password is given but the second factor is not (migration 0017); such a session is not a sign-in. */
  second_factor_pending: SecondFactorPending | null;
  /** How the person signed in (migration 0018). */
  sign_in_method: Generated<SignInMethod>;
  /** The identity provider's name for 'oidc' and 'saml'; null otherwise. */
  sign_in_provider: string | null;
}

export type SecondFactorPending = "verify" | "enrol";

/** A person's authenticator app (TOTP, RFC 6238). */
export interface UserTotpTable {
  user_id: string;
  /** Base32, as the person typed or scanned it. */
  secret: string;
  /** Null while enrolment waits for the first code. */
  confirmed_at: string | null;
  /** The last 30-second step whose code was accepted: no code is accepted twice. */
  last_used_step: number | null;
  created_at: string;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

export type SignInMethod = "password" | "link" | "oidc" | "saml";

/** A municipality's own sign-in service (migrations 0018, 0019): OpenID Connect or SAML. */
export interface IdentityProviderTable {
  id: string;
  municipality_id: string;
  kind: IdentityProviderKind;
  /** Comma-separated, lower case, without "@". */
  email_domains: string;
  email_attribute: string;
  coordinator_attribute: string | null;
  coordinator_value: string | null;
  account_policy: AccountPolicy;
  oidc_issuer: string | null;
  oidc_client_id: string | null;
  /** AES-256-GCM under SECRETS_KEY (app/modules/auth/secrets.server.ts). */
  oidc_client_secret_encrypted: string | null;
  /** Where the IdP's metadata is fetched from; null when it was pasted. */
  saml_metadata_url: string | null;
  saml_metadata_xml: string | null;
  saml_metadata_fetched_at: string | null;
  saml_entity_id: string | null;
  saml_sso_url: string | null;
  /** A JSON list of the IdP's signing certificates, base64 DER. */
  saml_certificates: string | null;
  created_at: string;
  updated_at: string;
}

export type IdentityProviderKind = "oidc" | "saml";

/** An AuthnRequest waiting for its answer (migration 0019); its id is the request's ID and the RelayState. */
export interface SamlRequestTable {
  id: string;
  provider_id: string;
  redirect_to: string | null;
  created_at: string;
  expires_at: string;
  answered_at: string | null;
}

/** An assertion already accepted, kept until it expires so that it is never accepted again. */
export interface SamlAssertionTable {
  id: string;
  provider_id: string;
  expires_at: string;
}

/** Who gets an account on first sign-in: 'invited' people only, or anyone in the allowed 'domain's (as coach). */
export type AccountPolicy = "invited" | "domain";

/** A sign-in on its way through a provider, bound to one browser by a cookie with its id. */
export interface OidcSignInTable {
  id: string;
  provider_id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_to: string | null;
  created_at: string;
  expires_at: string;
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
  /** The name an earlier-training import gave for someone without an account; offered when they accept. */
  name: string | null;
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
  /** JSON array of { filename, contentType, base64 }, or null. */
  attachments: string | null;
  /** The display name the message is sent under (a municipality's sender name), or null for the default. */
  from_name: string | null;
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

/** A lesson marked as read; one row per person, track, module and lesson. */
export interface LessonCompletionTable {
  id: string;
  user_id: string;
  track: string;
  module: string;
  lesson: string;
  content_hash: string;
  completed_at: string;
}

/** One submitted knowledge test. `answers` is JSON: question id → chosen option ids. */
export interface QuizAttemptTable {
  id: string;
  user_id: string;
  track: string;
  module: string;
  content_hash: string;
  answers: string;
  score: number;
  max_score: number;
  /** 1 when passed, 0 otherwise: the same on SQLite and PostgreSQL. */
  passed: number;
  submitted_at: string;
}

/** The questions of an open knowledge-test attempt, as drawn when it was first shown (one per person and module). */
export interface QuizDrawTable {
  id: string;
  user_id: string;
  track: string;
  module: string;
  /** The module's version the questions were drawn from. */
  content_hash: string;
  /** JSON: [{ id, options: [option ids in the order shown] }] in the order shown. */
  questions: string;
  opened_at: string;
}

/** How often a material was opened and its attachments downloaded, per municipality and day: never per person. */
export interface MaterialUseTable {
  material: string;
  /** '' for visitors without an account. */
  municipality_id: string;
  /** YYYY-MM-DD in Europe/Stockholm. */
  day: string;
  views: Generated<number>;
  downloads: Generated<number>;
}

export type CertificationSource = "online" | "registered";

export interface CertificationTable {
  id: string;
  user_id: string;
  track: string;
  /** The municipality the coach belonged to when the certificate was issued. */
  municipality_id: string | null;
  issued_at: string;
  expires_at: string;
  /** Unguessable, unambiguous, shown on the certificate and used at /verifiera/:kod. */
  code: string;
  source: Generated<CertificationSource>;
  /** The certificate this one renewed, if it came from the refresher. */
  renews_id: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
  revoked_reason: string | null;
}

export interface ReminderSentTable {
  id: string;
  user_id: string;
  kind: string;
  reference: string;
  sent_at: string;
}

/** A date of a track's in-person step ("träff"), scheduled by a coordinator. Times are UTC ISO text. */
export interface TrainingSessionTable {
  id: string;
  municipality_id: string;
  /**
   * The municipality asked to hold the session jointly. It takes part (its coordinators manage the
   * session, its coaches book it) only once partner_status is 'accepted' (migration 0009).
   */
  partner_municipality_id: string | null;
  /** Null without a partner; the partner's answer to the request otherwise. */
  partner_status: PartnerStatus | null;
  /** When the partner's coordinator answered; null while pending, and for partners agreed before 0009. */
  partner_answered_at: string | null;
  partner_answered_by: string | null;
  track: string;
  /** The session step's key in the track file. */
  step_key: string;
  starts_at: string;
  ends_at: string;
  place: string;
  details: string | null;
  capacity: number;
  signup_deadline: string;
  /** The calendar event's SEQUENCE, raised on every change sent to attendees. */
  sequence: Generated<number>;
  cancelled_at: string | null;
  cancel_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export type BookingStatus = "booked" | "waitlisted" | "cancelled";

/** A joint session's request to its partner municipality: asked, agreed to, or turned down. */
export type PartnerStatus = "pending" | "accepted" | "declined";

export interface SessionBookingTable {
  id: string;
  session_id: string;
  user_id: string;
  status: BookingStatus;
  /** The order of sign-ups in the session, the waiting list's order; set anew on every sign-up. */
  position: number;
  /** When the person last signed up. */
  queued_at: string;
  created_at: string;
  updated_at: string;
}

export interface SessionAttendanceTable {
  session_id: string;
  user_id: string;
  /** 1 attended, 0 a no-show: the same on SQLite and PostgreSQL. */
  attended: number;
  marked_by: string | null;
  marked_at: string;
}

/** A step of a track completed before the portal, registered by a coordinator. */
export interface PriorTrainingTable {
  id: string;
  user_id: string;
  municipality_id: string | null;
  track: string;
  /** A module slug or a session step key of the track. */
  step_key: string;
  /** YYYY-MM-DD. */
  completed_on: string;
  note: string | null;
  registered_by: string | null;
  created_at: string;
}

/** Earlier training waiting on an invitation: moved to prior_training when it is accepted (issue #16). */
export interface InvitationCreditTable {
  id: string;
  invitation_id: string;
  track: string;
  step_key: string;
  /** YYYY-MM-DD. */
  completed_on: string;
  note: string | null;
  registered_by: string | null;
  created_at: string;
}

/**
 * One coach's progress as the roster reads it, kept by roster/progress-summary.server.ts in the
 * same transaction as each write that changes it (docs/decisions/021-progress-summary.md).
 * Counts are against the coach tracks of the content named by content_version.
 */
export interface ProgressSummaryTable {
  user_id: string;
  content_version: string;
  modules_done: number;
  modules_total: number;
  lessons_done: number;
  lessons_total: number;
  /** The module the coach works on next, if any. */
  current_module: string | null;
  /** The last lesson read or test taken (in-person activity is read beside it). */
  last_activity_at: string | null;
  /** 1 if some lesson or test was done on an earlier version of its module. */
  older_version: number;
  /** The non-revoked certificate that lasts longest: it speaks for the coach while it is valid. */
  valid_certificate_id: string | null;
  valid_expires_at: string | null;
  /** When its refresher window opens ("expiring" from then on). */
  valid_refresher_at: string | null;
  /** The newest certificate, revoked or not: it speaks for the coach once none is valid. */
  newest_certificate_id: string | null;
  newest_revoked_at: string | null;
  updated_at: string;
}

/** One coach's state in one module of a coach track (0/1 flags). */
export interface ProgressModuleTable {
  user_id: string;
  track: string;
  module: string;
  started: number;
  lessons_done: number;
  test_passed: number;
  complete: number;
  /** The person's municipality, copied so the funnel counts from an index alone (migration 0011). */
  municipality_id: string | null;
}

/** A published follow-up for citizens. Never updated: a correction is a new row with replaces_id set. */
export interface FollowupReportTable {
  id: string;
  municipality_id: string;
  title: string;
  /** ISO 8601 interval of two calendar days: "2025-01-01/2025-06-30". */
  period: string;
  /** Limited Markdown as written; sanitized when shown. */
  commentary: string;
  /** JSON of the figures at publication (FollowupFigures in app/modules/followup/public-figures.server.ts). */
  figures: string;
  published_at: string;
  published_by: string | null;
  replaces_id: string | null;
  /** The promise the report follows up (migration 0012); null only for a report of a municipality without one. */
  promise_id: string | null;
  /** The police's part of the commentary, as it stood at publication. */
  police_commentary: string | null;
  /** JSON: every commitment of the promise frozen at publication (FrozenCommitment[]). */
  commitments: string | null;
}

/** A promise's state: a draft may change; a published version never does (a correction is a new version). */
export type PromiseState = "draft" | "published";
/** Who made a commitment: the municipalities, the police, or both. */
export type CommitmentOwner = "kommunen" | "polisen" | "bada";
export type CommitmentStatus = "not_started" | "in_progress" | "done";
/** The figures a commitment may be linked to. */
export type PromiseMeasure = "certified_coaches" | "coaches_in_training" | "course_days_held" | "materials_used";

export interface PromiseTable {
  id: string;
  title: string;
  police_area: string;
  /** YYYY-MM-DD, both days included. */
  period_start: string;
  period_end: string;
  signed_on: string | null;
  promised_reports: Generated<number>;
  reporting_wording: string | null;
  state: PromiseState;
  replaces_id: string | null;
  correction_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  published_by: string | null;
}

export interface PromiseMunicipalityTable {
  promise_id: string;
  municipality_id: string;
}

export interface PromiseFocusAreaTable {
  id: string;
  promise_id: string;
  position: number;
  title: string;
}

export interface PromiseCommitmentTable {
  id: string;
  promise_id: string;
  focus_area_id: string;
  /** Shared with the commitment's counterparts in other versions of the promise. */
  lineage: string;
  position: number;
  wording: string;
  summary: string;
  owner: CommitmentOwner;
  target: string | null;
  target_count: number | null;
  measure: PromiseMeasure | null;
  /** The slug of a public guide (content/guider/) that tells citizens more, or null. */
  guide: string | null;
}

export interface PromiseDocumentTable {
  promise_id: string;
  file_name: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  uploaded_by: string | null;
  uploaded_at: string;
}

export interface PromisePartnerTable {
  promise_id: string;
  user_id: string;
  added_by: string | null;
  added_at: string;
}

/** Which side recorded something: shown to citizens instead of a person's name. */
export type RecordedAs = "kommunen" | "polisen";

export interface CommitmentActivityTable {
  id: string;
  commitment_id: string;
  /** YYYY-MM-DD */
  happened_on: string;
  title: string;
  description: string;
  participants: number | null;
  place: string | null;
  recorded_as: RecordedAs;
  recorded_by: string | null;
  recorded_at: string;
}

export interface CommitmentStatusTable {
  id: string;
  commitment_id: string;
  status: CommitmentStatus;
  note: string;
  recorded_as: RecordedAs;
  recorded_by: string | null;
  recorded_at: string;
}

export interface PromisePoliceTextTable {
  promise_id: string;
  text: string;
  updated_by: string | null;
  updated_at: string;
}

/** Facts about this installation (migration 0012): 'demo_data' = 'true' once the demo seed ran. */
export interface InstanceSettingTable {
  key: string;
  value: string;
  updated_at: string;
}

/** An Ed25519 key that signs the Open Badges credentials; "1" is made on first use (0016_credentials). */
export interface CredentialKeyTable {
  id: string;
  public_key_multibase: string;
  secret_key_multibase: string;
  created_at: string;
  /** Rotated out: signs nothing new, and is still published so that what it signed verifies. */
  retired_at: string | null;
}

/** A certificate's place in its municipality's revocation status list (Bitstring Status List). */
export interface CredentialStatusTable {
  certification_id: string;
  municipality_id: string;
  status_index: number;
  created_at: string;
}

export interface MunicipalityLogoTable {
  municipality_id: string;
  content_type: "image/png" | "image/jpeg" | "image/svg+xml";
  data: Uint8Array;
  sha256: string;
  width: number | null;
  height: number | null;
  uploaded_by: string | null;
  uploaded_at: string;
}

/** A slug a renamed municipality used before: its old addresses redirect. */
export interface MunicipalitySlugHistoryTable {
  slug: string;
  municipality_id: string;
  retired_at: string;
}

export interface ContactCardTable {
  id: string;
  municipality_id: string;
  position: number;
  name: string;
  description: string;
  phone: string | null;
  email: string | null;
  web: string | null;
  opening_hours: string | null;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface LocalTextTable {
  municipality_id: string;
  /** The place in the content it fills (docs/content-format.md, the `lokalt` directive). */
  slot: string;
  /** Limited Markdown as written; sanitized each time it is shown. */
  text: string;
  updated_by: string | null;
  updated_at: string;
}

export type ApprovalKind = "module" | "material";

export interface ContentApprovalTable {
  id: string;
  municipality_id: string;
  kind: ApprovalKind;
  slug: string;
  content_hash: string;
  comment: string | null;
  approved_by: string | null;
  approved_at: string;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
}

export interface ContentVersionTextTable {
  kind: ApprovalKind;
  slug: string;
  content_hash: string;
  title: string;
  text: string;
  first_seen_at: string;
}

export interface Database {
  municipality: MunicipalityTable;
  user: UserTable;
  session: SessionTable;
  user_totp: UserTotpTable;
  recovery_code: RecoveryCodeTable;
  invitation: InvitationTable;
  email_token: EmailTokenTable;
  outbox: OutboxTable;
  audit_event: AuditEventTable;
  login_attempt: LoginAttemptTable;
  lesson_completion: LessonCompletionTable;
  quiz_attempt: QuizAttemptTable;
  quiz_draw: QuizDrawTable;
  material_use: MaterialUseTable;
  certification: CertificationTable;
  reminder_sent: ReminderSentTable;
  followup_report: FollowupReportTable;
  training_session: TrainingSessionTable;
  session_booking: SessionBookingTable;
  session_attendance: SessionAttendanceTable;
  prior_training: PriorTrainingTable;
  invitation_credit: InvitationCreditTable;
  progress_summary: ProgressSummaryTable;
  progress_module: ProgressModuleTable;
  municipality_logo: MunicipalityLogoTable;
  municipality_slug_history: MunicipalitySlugHistoryTable;
  contact_card: ContactCardTable;
  local_text: LocalTextTable;
  content_approval: ContentApprovalTable;
  content_version_text: ContentVersionTextTable;
  promise: PromiseTable;
  promise_municipality: PromiseMunicipalityTable;
  promise_focus_area: PromiseFocusAreaTable;
  promise_commitment: PromiseCommitmentTable;
  promise_document: PromiseDocumentTable;
  promise_partner: PromisePartnerTable;
  commitment_activity: CommitmentActivityTable;
  commitment_status: CommitmentStatusTable;
  promise_police_text: PromisePoliceTextTable;
  instance_setting: InstanceSettingTable;
  credential_key: CredentialKeyTable;
  credential_status: CredentialStatusTable;
  identity_provider: IdentityProviderTable;
  oidc_sign_in: OidcSignInTable;
  saml_request: SamlRequestTable;
  saml_assertion: SamlAssertionTable;
}

export type Session = Selectable<SessionTable>;
