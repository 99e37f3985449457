// SPDX-License-Identifier: EUPL-1.2
// Who may do what: the one place for every permission rule. Every loader and action
// starts here. A record of another municipality answers 404, so that its existence
// does not leak.
import { data, redirect } from "@remix-run/node";
import type { RequestArgs } from "~/load-context";
import { ROLE_HOME } from "~/lib/roles";
import { readCookie, SESSION_COOKIE } from "~/modules/auth/cookie.server";
import { validateSessionToken, type RequestSession, type SessionUser } from "~/modules/auth/session.server";
import { getDb } from "~db/client.server";
import type { CommitmentOwner, Role, SecondFactorPending } from "~db/schema";

export type { RequestArgs, SessionUser };

/** A person as the rules see them. */
export interface Subject {
  id?: string;
  role: Role;
  municipalityId: string | null;
}

/** The people a coordinator looks after in their municipality. */
export const MEMBER_ROLES: Role[] = ["coach", "school_staff"];

export const can = {
  /** Coordinators invite coaches and school staff into their own municipality; admins invite anyone anywhere. */
  invite(actor: SessionUser, role: Role, municipalityId: string | null): boolean {
    // Admins and police partners belong to no municipality; everyone else to one.
    if (actor.role === "admin") return role === "admin" || role === "polis" ? municipalityId === null : municipalityId !== null;
    if (actor.role === "coordinator") return MEMBER_ROLES.includes(role) && municipalityId !== null && municipalityId === actor.municipalityId;
    return false;
  },
  /** Seeing a person's record: themselves, their municipality's coordinator (for coaches and school staff), or an admin. */
  viewPerson(actor: SessionUser, person: Subject): boolean {
    if (person.id && person.id === actor.id) return true;
    if (actor.role === "admin") return true;
    if (actor.role === "coordinator") return MEMBER_ROLES.includes(person.role) && person.municipalityId !== null && person.municipalityId === actor.municipalityId;
    return false;
  },
  /** Deactivating follows the same line as inviting: coordinators for their members, admins for everyone but themselves. */
  deactivatePerson(actor: SessionUser, person: Subject): boolean {
    if (person.id === actor.id) return false;
    if (actor.role === "admin") return true;
    return actor.role === "coordinator" && can.viewPerson(actor, person);
  },
  /**
   * Removing a person's personal data for good: an admin's act, never on their own account.
   * Coordinators only deactivate; what retention removes on its own is the law's period, not a person's choice.
   */
  anonymisePerson(actor: SessionUser, person: Subject): boolean {
    return actor.role === "admin" && person.id !== actor.id;
  },
  followMunicipality(actor: SessionUser, municipalityId: string): boolean {
    return actor.role === "admin" || (actor.role === "coordinator" && actor.municipalityId === municipalityId);
  },
  /** The municipality's profile and logo: its own coordinators, or an admin. */
  editMunicipalityProfile(actor: SessionUser, municipalityId: string): boolean {
    return actor.role === "admin" || (actor.role === "coordinator" && actor.municipalityId === municipalityId);
  },
  /**
   * Resetting a person's second factor (a lost phone): an admin's act, never on their own account,
   * so that a borrowed admin session cannot swap the admin's own authenticator.
   */
  resetSecondFactor(actor: SessionUser, person: Subject): boolean {
    return actor.role === "admin" && person.id !== actor.id;
  },
  manageMunicipalities(actor: SessionUser): boolean {
    return actor.role === "admin";
  },
  readOutbox(actor: SessionUser): boolean {
    return actor.role === "admin";
  },
  readAuditLog(actor: SessionUser): boolean {
    return actor.role === "admin";
  },
  /**
   * Keeping training pages in the browser to read offline (docs/decisions/036-offline-lessons.md):
   * learners only, whose saved pages show nothing but their own training. Coordinators and admins
   * see other people's data, so their browsers keep nothing.
   */
  keepLessonsOffline(actor: SessionUser): boolean {
    return MEMBER_ROLES.includes(actor.role);
  },
  /** Revoking a certificate: a coordinator of the municipality that issued it, or an admin. */
  revokeCertificate(actor: SessionUser, certificate: { municipalityId: string | null }): boolean {
    if (actor.role === "admin") return true;
    return actor.role === "coordinator" && certificate.municipalityId !== null && certificate.municipalityId === actor.municipalityId;
  },
  /** A certificate as a coordinator reads or prints it (a course day's certificates): as for revoking, the municipality that issued it, or an admin. */
  viewCertificate(actor: SessionUser, certificate: { municipalityId: string | null }): boolean {
    return can.revokeCertificate(actor, certificate);
  },
  /**
   * An in-person session: managed by the coordinators of its municipality and of its partner in a
   * joint session. `partnerMunicipalityId` is set only once the partner has accepted (sessions.server.ts
   * partnerTakesPart): a partner that is asked, or declined, manages nothing.
   */
  manageSession(actor: Subject, session: { municipalityId: string; partnerMunicipalityId: string | null }): boolean {
    if (actor.role !== "coordinator" || !actor.municipalityId) return false;
    return actor.municipalityId === session.municipalityId || actor.municipalityId === session.partnerMunicipalityId;
  },
  /** Coaches of the session's municipality, or of its partner once it has accepted, see and book it. */
  bookSession(actor: Subject, session: { municipalityId: string; partnerMunicipalityId: string | null }): boolean {
    if (actor.role !== "coach" || !actor.municipalityId) return false;
    return actor.municipalityId === session.municipalityId || actor.municipalityId === session.partnerMunicipalityId;
  },
  /**
   * A request to hold a session jointly is answered by the coordinators of the municipality asked,
   * and by nobody else: not the owner who asked, not an admin. Whether it still waits for an
   * answer is the request's state (sessions.server.ts answerPartnership), not a permission.
   */
  answerPartnership(actor: Subject, session: { municipalityId: string; partnerRequest: { municipalityId: string } | null }): boolean {
    if (actor.role !== "coordinator" || !actor.municipalityId || !session.partnerRequest) return false;
    return actor.municipalityId === session.partnerRequest.municipalityId && actor.municipalityId !== session.municipalityId;
  },
  /**
   * Writing a medborgarlöfte (a draft, its publication, a correction): a coordinator of one of the
   * municipalities it covers. Admins manage partners, not the promise's words.
   */
  editPromise(actor: Subject, promise: { municipalityIds: string[] }): boolean {
    return actor.role === "coordinator" && actor.municipalityId !== null && promise.municipalityIds.includes(actor.municipalityId);
  },
  /** Seeing a promise's internal follow-up pages: its coordinators, and the police partners attached to it. */
  followPromise(actor: Subject & { id: string }, promise: { municipalityIds: string[]; partnerIds: string[] }): boolean {
    return can.editPromise(actor, promise) || (actor.role === "polis" && promise.partnerIds.includes(actor.id));
  },
  /**
   * Recording activities and setting the status of a commitment: each side acts on what it
   * promised. The municipalities' coordinators on kommunen's and shared commitments, the attached
   * police partners on polisen's and shared ones.
   */
  followUpCommitment(actor: Subject & { id: string }, promise: { municipalityIds: string[]; partnerIds: string[] }, owner: CommitmentOwner): boolean {
    if (can.editPromise(actor, promise)) return owner === "kommunen" || owner === "bada";
    if (actor.role === "polis" && promise.partnerIds.includes(actor.id)) return owner === "polisen" || owner === "bada";
    return false;
  },
  /** The police's part of a report's commentary: the police partners attached to the promise. */
  writePoliceCommentary(actor: Subject & { id: string }, promise: { partnerIds: string[] }): boolean {
    return actor.role === "polis" && promise.partnerIds.includes(actor.id);
  },
  /** Inviting police partners and attaching them to promises: an admin's task. */
  managePolicePartners(actor: Subject): boolean {
    return actor.role === "admin";
  },
  /** Coaches and school staff take the tracks written for their role (a track's `audience`). */
  takeTrack(actor: SessionUser, track: { audience: Role }): boolean {
    return MEMBER_ROLES.includes(actor.role) && track.audience === actor.role;
  },
  /**
   * A municipality's own sign-in (its identity provider, issue #18): an admin's task, since it
   * decides who may get an account and holds a secret shared with the municipality's IT.
   */
  configureSignIn(actor: Subject): boolean {
    return actor.role === "admin";
  },
};

// A half-signed session (password given, second factor not) is no sign-in: every page but the
// code step, the enrolment and sign-out treats its holder as a visitor.
function validateRequestSession(request: Request): Promise<RequestSession> {
  const token = readCookie(request, SESSION_COOKIE);
  return token
    ? validateSessionToken(getDb(), token).then((valid) =>
        valid && !valid.secondFactorPending ? { user: valid.user, sessionId: valid.session.id, brand: valid.brand ?? null } : null,
      )
    : Promise.resolve(null);
}

export interface PendingSecondFactor {
  user: SessionUser;
  sessionId: string;
  step: SecondFactorPending;
}

/** The half-signed session of a person between password and second factor, or null. */
export async function getPendingSecondFactor({ request }: RequestArgs): Promise<PendingSecondFactor | null> {
  const token = readCookie(request, SESSION_COOKIE);
  const valid = token ? await validateSessionToken(getDb(), token) : null;
  return valid?.secondFactorPending ? { user: valid.user, sessionId: valid.session.id, step: valid.secondFactorPending } : null;
}

/** Enrolment's check: anyone signed in (enrolling of their own accord), or a half-signed session sent to enrol. */
export async function requireSignedInOrEnrolling(args: RequestArgs): Promise<{ user: SessionUser; sessionId: string; enrolling: boolean }> {
  const session = await getSession(args);
  if (session) return { user: session.user, sessionId: session.sessionId, enrolling: false };
  const pending = await getPendingSecondFactor(args);
  if (!pending || pending.step !== "enrol") signInRedirect(args.request);
  return { user: pending.user, sessionId: pending.sessionId, enrolling: true };
}

/** The code step's own check: a half-signed session at `step`; anyone else starts at sign-in. */
export async function requirePendingSecondFactor(args: RequestArgs, step: SecondFactorPending): Promise<PendingSecondFactor> {
  const pending = await getPendingSecondFactor(args);
  if (!pending || pending.step !== step) throw redirect("/logga-in");
  return pending;
}

/**
 * The signed-in person, or null. Resolved on first use into the request's load context
 * (server/app.js makes one per request), so a page with a root loader and a route loader
 * validates the session once, and a page that never asks pays nothing.
 */
export function getSession({ request, context }: RequestArgs): Promise<RequestSession> {
  // An action may change what the session says (a new name, a signed-out session): it
  // resolves afresh and drops what was kept, so the loaders that follow it in the same
  // request see the change.
  if (request.method !== "GET" && request.method !== "HEAD") {
    context.session = undefined;
    return validateRequestSession(request);
  }
  context.session ??= validateRequestSession(request);
  return context.session;
}

export async function getOptionalUser(args: RequestArgs): Promise<SessionUser | null> {
  return (await getSession(args))?.user ?? null;
}

function signInRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(back === "/" ? "/logga-in" : `/logga-in?redirectTo=${encodeURIComponent(back)}`);
}

export function forbidden(message = "Du har inte behörighet till den här sidan."): never {
  throw data({ message }, { status: 403 });
}

export function notFound(message = "Sidan finns inte."): never {
  throw data({ message }, { status: 404 });
}

/** The signed-in person; anyone else is sent to sign in. With roles, other roles get 403. */
export async function requireUser(args: RequestArgs, options: { roles?: Role[] } = {}): Promise<SessionUser> {
  const user = await getOptionalUser(args);
  if (!user) signInRedirect(args.request);
  if (options.roles && !options.roles.includes(user.role)) forbidden();
  return user;
}

export async function requireSession(args: RequestArgs): Promise<{ user: SessionUser; sessionId: string }> {
  const session = await getSession(args);
  if (!session) signInRedirect(args.request);
  return session;
}

export type CoordinatorUser = SessionUser & { role: "coordinator"; municipalityId: string; municipalitySlug: string; municipalityName: string };

export async function requireCoordinator(args: RequestArgs): Promise<CoordinatorUser> {
  const user = await requireUser(args, { roles: ["coordinator"] });
  if (!user.municipalityId) forbidden("Ditt konto är inte kopplat till någon kommun. Kontakta en administratör.");
  return user as CoordinatorUser;
}

export async function requireAdmin(args: RequestArgs): Promise<SessionUser> {
  return requireUser(args, { roles: ["admin"] });
}

/** 404 unless the actor may see this person: another municipality's people do not exist for them. */
export function requireVisiblePerson<T extends Subject>(actor: SessionUser, person: T | undefined | null): T {
  if (!person || !can.viewPerson(actor, person)) notFound("Personen finns inte.");
  return person;
}

/** Signed-in visitors of sign-in pages go home instead. */
export async function redirectIfSignedIn(args: RequestArgs): Promise<void> {
  const user = await getOptionalUser(args);
  if (user) throw redirect(ROLE_HOME[user.role]);
}
