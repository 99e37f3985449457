// SPDX-License-Identifier: EUPL-1.2
// Who may reach each route, one row per file in app/routes, and the runner that checks a
// route answers every kind of caller as its row says. The authorization matrix
// (tests/integration/authorization-matrix.test.ts) runs it over every route file; a file
// without a row fails there, so no route reaches users without a decided permission.
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { getContent } from "~/content/content.server";
import { createEmailToken } from "~/modules/auth/email-token.server";
import { saveOidcProvider, saveSamlProvider } from "~/modules/auth/identity-providers.server";
import { createInvitation } from "~/modules/auth/invitation.server";
import { signingKey } from "~/modules/certification/open-badges/keys.server";
import { saveMunicipalityLogo } from "~/modules/municipalities/profile.server";
import { attachPartner } from "~/modules/promises/police-partners.server";
import { addCommitment, addFocusArea, createPromiseDraft, publishPromise, savePromiseFacts, uploadPromiseDocument } from "~/modules/promises/promise-editing.server";
import { publishReport } from "~/modules/followup/reports.server";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { createTrainingSession, findTrainingSession, sessionFormSchema, sessionFormValues, updateTrainingSession } from "~/modules/course-days/course-days.server";
import { markAttendance } from "~/modules/course-days/attendance.server";
import { signUp } from "~/modules/course-days/booking.server";
import { formatIsoDate } from "~/lib/dates";
import { newId } from "~db/ids.server";
import type { Database, Role } from "~db/schema";
import { BOOSTER, blendedContent } from "./blended-content";
import { createMunicipality, createUser, testDb } from "./db";
import { call, cookieFor, get, post } from "./requests";
import { certify, completeTrack } from "./training";

/** Everyone the matrix sends: a visitor, each role in municipality A, a coordinator of B, an admin, a police partner of A's promise. */
export const CALLERS = ["anonymous", "coach", "school_staff", "coordinator", "otherCoordinator", "admin", "polis"] as const;
export type Caller = (typeof CALLERS)[number];

const CALLER_TEXT: Record<Caller, string> = {
  anonymous: "anonym besökare",
  coach: "ANDTS-coach i kommun A",
  school_staff: "skolpersonal i kommun A",
  coordinator: "samordnare i kommun A",
  otherCoordinator: "samordnare i kommun B",
  admin: "administratör",
  polis: "polis kopplad till kommun A:s löfte",
};

const CALLER_ROLE: Record<Exclude<Caller, "anonymous">, Role> = {
  coach: "coach",
  school_staff: "school_staff",
  coordinator: "coordinator",
  otherCoordinator: "coordinator",
  admin: "admin",
  polis: "polis",
};

export type Params = Record<string, string>;

export interface MatrixFixtures {
  db: Kysely<Database>;
  municipalityA: { id: string; slug: string; name: string };
  municipalityB: { id: string; slug: string; name: string };
  /** The callers' accounts. The coach and school staff in A are also the records a coordinator of A looks after. */
  users: Record<Exclude<Caller, "anonymous">, { id: string; email: string; name: string; role: Role; municipalityId: string | null }>;
  cookies: Record<Caller, string | undefined>;
  /** A pending invitation into municipality A. */
  invitationA: { id: string; token: string };
  /** A valid certificate of the coach in A. */
  certificateA: { id: string; code: string };
  /** A published medborgarlöfte of A with its signed PDF, the police caller attached to it. */
  promiseA: { id: string };
}

export interface RequestContext {
  fixtures: MatrixFixtures;
  caller: Caller;
}

export interface RouteAccess {
  /**
   * public: anyone, nobody is asked to sign in. signed-in: every role. roles: only these; other roles get 403.
   * half-signed: only a session between password and second factor; every caller here, holding none, goes to sign in.
   */
  access: "public" | "signed-in" | "half-signed" | { roles: Role[] };
  /** The URL names a record of municipality A: a coordinator of municipality B gets 404, as if it did not exist. */
  ownMunicipality?: true;
  /** The URL names this caller's own record: everyone else whose role may use the route gets 404. */
  ownRecordOf?: Caller;
  /** An area's page for addresses no page answers: whoever may enter the area gets 404 there. */
  unknownPage?: true;
  /** The URL params, for every route with $params. Runs before each request, so it may make a fresh token or prepare the caller's state. */
  params?: (context: RequestContext) => Params | Promise<Params>;
}

// ---------------------------------------------------------------------------------------
// THE TABLE. Adding a route file to app/routes? Add its row here, keyed by the file name:
//   access          "public", "signed-in" or { roles: [...] }, as designed for the page;
//   ownMunicipality true if the URL names a record that belongs to one municipality
//                   (then params must give a record of municipality A, from the fixtures);
//   ownRecordOf     the caller whose own record the URL names (a coach's certificate):
//                   other callers whose role may use the route get 404;
//   params          for every $param in the file name: a record in A, a valid token, ….
// The matrix then calls the loader, and the action with an empty form, as every caller in
// CALLERS, and expects:
//   anonymous                              → redirect to sign in (unless public);
//   a role not listed                      → 403;
//   the coordinator of B (ownMunicipality) → 404, and so does anyone but the owner (ownRecordOf);
//   everyone else                          → anything but those: 200, 400, a redirect elsewhere …
// Never a 500 or a thrown error. The fixtures (createMatrixFixtures) hold the records of
// municipality A that params can name; add one there when a new kind of record needs it.
// ---------------------------------------------------------------------------------------

const admins = { roles: ["admin"] } satisfies RouteAccess["access"];
const coordinators = { roles: ["coordinator"] } satisfies RouteAccess["access"];
const learners = { roles: ["coach", "school_staff"] } satisfies RouteAccess["access"];
const coaches = { roles: ["coach"] } satisfies RouteAccess["access"];
const police = { roles: ["polis"] } satisfies RouteAccess["access"];

export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  "_index.tsx": { access: "public" },
  "personuppgifter.tsx": { access: "public" },
  "tillganglighet.tsx": { access: "public" },
  "healthz.ts": { access: "public" },

  // Sign-in pages: open to visitors; signed-in callers are sent to their home page.
  "logga-in.tsx": { access: "public" },
  "logga-in_.lank.tsx": { access: "public" },
  "glomt-losenord.tsx": { access: "public" },
  // The token in the link is the permission.
  "logga-in_.lank_.$token.tsx": { access: "public", params: ({ fixtures }) => emailTokenParams(fixtures, "login_link") },
  "aterstall.$token.tsx": { access: "public", params: ({ fixtures }) => emailTokenParams(fixtures, "password_reset") },
  "inbjudan.$token.tsx": { access: "public", params: ({ fixtures }) => ({ token: fixtures.invitationA.token }) },
  // Signing out without a session simply ends on the sign-in page.
  "logga-ut.tsx": { access: "public" },
  // The code step's permission is the half-signed session a right password gives: without one,
  // anyone (signed in or not) is sent to /logga-in. tests/integration/second-factor.test.ts covers its holder.
  "logga-in_.kod.tsx": { access: "half-signed" },
  // Signing in through a municipality's own provider (issue #18): open to visitors, as the password form is.
  "logga-in_.oidc.$id.tsx": { access: "public", params: ({ fixtures }) => identityProviderParams(fixtures) },
  "logga-in_.oidc.svar.tsx": { access: "public" },
  // SAML (Skolfederation): the start, the IdP's answer, and the metadata the federation reads.
  "logga-in_.saml.$id.tsx": { access: "public", params: ({ fixtures }) => samlProviderParams(fixtures) },
  "logga-in_.saml.svar.tsx": { access: "public" },
  "logga-in_.saml.metadata.ts": { access: "public" },

  // Public materials for anyone; staff materials ask for an account (the fixture material is public).
  "material._index.tsx": { access: "public" },
  "material.$slug.tsx": { access: "public", params: () => ({ slug: publicMaterial().slug }) },
  "material.$slug.bilagor.$file.ts": { access: "public", params: () => publicAttachmentParams() },
  // Guides for citizens (issue #17): read without an account.
  "guider._index.tsx": { access: "public" },
  "guider.$slug.tsx": { access: "public", params: () => ({ slug: getContent().guides[0]!.slug }) },
  // The follow-up for citizens: aggregate figures and published reports, open to anyone.
  "uppfoljning._index.tsx": { access: "public" },
  "uppfoljning.$kommun._index.tsx": { access: "public", params: ({ fixtures }) => ({ kommun: fixtures.municipalityA.slug }) },
  "uppfoljning.$kommun.siffror[.csv].ts": { access: "public", params: ({ fixtures }) => ({ kommun: fixtures.municipalityA.slug }) },
  "uppfoljning.$kommun.rapporter.$id.tsx": { access: "public", params: ({ fixtures }) => followupReportParams(fixtures) },
  // Teaching pictures of the training content: nothing personal in them.
  "innehall.$module.$file.ts": { access: "public", params: () => contentImageParams() },
  // Who runs the service in a municipality, and its logo: public, like its follow-up.
  "om.$kommun.tsx": { access: "public", params: ({ fixtures }) => ({ kommun: fixtures.municipalityA.slug }) },
  "om.$kommun.logotyp.ts": { access: "public", params: ({ fixtures }) => withLogo(fixtures) },

  "konto.tsx": { access: "signed-in" },
  // Enrolling in the second factor: anyone signed in, of their own accord; or a half-signed session sent there by sign-in.
  "konto_.tvastegsverifiering.tsx": { access: "signed-in" },
  // Lokalt hos oss: the contact cards of the member's own municipality.
  "lokalt.tsx": { access: { roles: ["coach", "school_staff", "coordinator"] } },
  "konto_.mina-uppgifter[.json].ts": { access: "signed-in" },

  "utbildning.tsx": { access: learners },
  "utbildning.$.tsx": { access: learners, unknownPage: true },
  "utbildning._index.tsx": { access: learners },
  "utbildning.$track.$module._index.tsx": { access: learners, params: ({ caller }) => learningParams(caller) },
  "utbildning.$track.$module.$lesson.tsx": { access: learners, params: ({ caller }) => learningParams(caller) },
  // The test opens when the lessons are read: learners have read them, so the action reaches its form check.
  "utbildning.$track.$module.kunskapstest.tsx": {
    access: learners,
    params: async ({ fixtures, caller }) => {
      const params = learningParams(caller);
      if (caller === "coach" || caller === "school_staff") await readAllLessons(fixtures.users[caller].id, params);
      return { track: params.track, module: params.module };
    },
  },

  "intyg._index.tsx": { access: learners },
  // /intyg/<id>.pdf: only the holder downloads their certificate.
  "intyg.$file.ts": { access: learners, ownRecordOf: "coach", params: ({ fixtures }) => ({ file: `${fixtures.certificateA.id}.pdf` }) },
  // Anyone shown a certificate may check its code.
  "verifiera._index.tsx": { access: "public" },
  "verifiera.$kod.tsx": { access: "public", params: ({ fixtures }) => ({ kod: fixtures.certificateA.code }) },
  // What verifiers of a municipality's Open Badges credentials fetch: its issuer profile, its key, its revocation list. Nothing personal.
  "openbadges.utfardare.$id.ts": { access: "public", params: ({ fixtures }) => ({ id: fixtures.municipalityA.id }) },
  "openbadges.utfardare.$id_.nyckel.$nyckel.ts": {
    access: "public",
    params: async ({ fixtures }) => ({ id: fixtures.municipalityA.id, nyckel: (await signingKey(fixtures.db)).id }),
  },
  "openbadges.utfardare.$id_.status.$lista.ts": { access: "public", params: ({ fixtures }) => ({ id: fixtures.municipalityA.id, lista: "1" }) },

  "samordnare.tsx": { access: coordinators },
  "samordnare.$.tsx": { access: coordinators, unknownPage: true },
  "samordnare._index.tsx": { access: coordinators },
  "samordnare.coacher._index.tsx": { access: coordinators },
  "samordnare.coacher.$id.tsx": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => ({ id: fixtures.users.coach.id }) },
  "samordnare.intyg.$id.tsx": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => ({ id: fixtures.certificateA.id }) },
  "samordnare.inbjudningar.tsx": { access: coordinators },
  "samordnare.material.tsx": { access: coordinators },
  // The review state of the shared content: nothing of any municipality's.
  "samordnare.granskning.tsx": { access: coordinators },
  "samordnare.tidigare-utbildning.tsx": { access: coordinators },
  // Always the coordinator's own municipality: nothing in the address names another.
  "samordnare.export[.csv].ts": { access: coordinators },
  "samordnare.export[.xlsx].ts": { access: coordinators },
  // The municipality's reminders and the coordinator's own summary: both taken from the session.
  "samordnare.installningar.tsx": { access: coordinators },
  // The municipality's profile, contact cards, local text: always the coordinator's own, from the session.
  "samordnare.profil.tsx": { access: coordinators },
  "samordnare.kontakter.tsx": { access: coordinators },
  "samordnare.lokalt.tsx": { access: coordinators },
  // Reports are always published for the coordinator's own municipality, taken from the session.
  "samordnare.uppfoljning.tsx": { access: coordinators },
  // Medborgarlöften: written and followed up by the coordinators of the municipalities they cover.
  "samordnare.loften._index.tsx": { access: coordinators },
  "samordnare.loften.$id._index.tsx": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => ({ id: fixtures.promiseA.id }) },
  "samordnare.loften.$id.dokument[.pdf].ts": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => ({ id: fixtures.promiseA.id }) },
  "samordnare.loften.$id.uppfoljning.tsx": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => ({ id: fixtures.promiseA.id }) },
  // The police partner: the promises they are attached to (a promise they are not attached to is 404:
  // tests/integration/police-partners.test.ts), never anything of a coach.
  "polis.tsx": { access: police },
  "polis.$.tsx": { access: police, unknownPage: true },
  "polis._index.tsx": { access: police },
  "polis.loften.$id.tsx": { access: police, params: ({ fixtures }) => ({ id: fixtures.promiseA.id }) },
  // A published promise, its commitments' follow-up and its signed PDF are for everyone.
  "uppfoljning.$kommun.loften.$id.tsx": { access: "public", params: ({ fixtures }) => ({ kommun: fixtures.municipalityA.slug, id: fixtures.promiseA.id }) },
  "uppfoljning.$kommun.loften.$id.dokument[.pdf].ts": {
    access: "public",
    params: ({ fixtures }) => ({ kommun: fixtures.municipalityA.slug, id: fixtures.promiseA.id }),
  },

  // In-person sessions: coaches book those of their municipality (and joint ones); coordinators manage them.
  // A request to hold one jointly is answered by intent on samordnare.traffar.$id.tsx: PARTNERSHIP_ANSWER below.
  "traffar._index.tsx": { access: coaches },
  "traffar.$id.tsx": { access: coaches, ownMunicipality: true, params: ({ fixtures }) => sessionParams(fixtures) },
  "traffar.$id_.kalender[.ics].ts": { access: coaches, ownMunicipality: true, params: ({ fixtures }) => sessionParams(fixtures) },
  "samordnare.traffar._index.tsx": { access: coordinators },
  "samordnare.traffar.$id.tsx": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => sessionParams(fixtures) },
  // The day's paperwork: its attendance list, and the certificates its attendance issued (a day that certified someone).
  "samordnare.traffar.$id.narvarolista[.pdf].ts": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => sessionParams(fixtures) },
  "samordnare.traffar.$id.intyg[.pdf].ts": { access: coordinators, ownMunicipality: true, params: ({ fixtures }) => certifyingSessionParams(fixtures) },

  "admin.tsx": { access: admins },
  "admin.$.tsx": { access: admins, unknownPage: true },
  "admin._index.tsx": { access: admins },
  "admin.anvandare.tsx": { access: admins },
  "admin.kommuner._index.tsx": { access: admins },
  "admin.kommuner.$id.tsx": { access: admins, params: ({ fixtures }) => ({ id: fixtures.municipalityA.id }) },
  "admin.kommuner_.$id.inloggning.tsx": { access: admins, params: ({ fixtures }) => ({ id: fixtures.municipalityA.id }) },
  "admin.kommuner_.$id.inloggning_.saml.tsx": { access: admins, params: ({ fixtures }) => ({ id: fixtures.municipalityA.id }) },
  "admin.utskick.tsx": { access: admins },
  "admin.logg.tsx": { access: admins },
  "admin.polis.tsx": { access: admins },
};

// Params that depend on the content (tests/fixtures/content/valid) or need a fresh token.

/** Municipality A with a logo, uploaded through the profile as an admin would. */
async function withLogo(fixtures: MatrixFixtures): Promise<Params> {
  const admin = fixtures.users.admin;
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><rect width="4" height="4"/></svg>';
  await saveMunicipalityLogo(fixtures.db, {
    actor: { ...admin, municipalitySlug: null, municipalityName: null, school: null },
    municipalityId: fixtures.municipalityA.id,
    file: new File([svg], "logga.svg", { type: "image/svg+xml" }),
  });
  return { kommun: fixtures.municipalityA.slug };
}

function publicMaterial() {
  const material = getContent().materials.find((m) => m.visibility === "public" && m.attachments.length > 0);
  if (!material) throw new Error("the test content has no public material with an attachment");
  return material;
}

function publicAttachmentParams(): Params {
  const material = publicMaterial();
  return { slug: material.slug, file: material.attachments[0]!.fileName };
}

function contentImageParams(): Params {
  const key = Object.keys(getContent().images)[0];
  if (!key) throw new Error("the test content has no image");
  const [module, file] = key.split("/") as [string, string];
  return { module, file };
}

/** A lesson of the track written for the caller's role; callers who take no track get the coach track. */
function learningParams(caller: Caller): { track: string; module: string; lesson: string } {
  const content = getContent();
  const audience = caller === "school_staff" ? "school_staff" : "coach";
  const track = content.tracks.find((t) => t.audience === audience);
  const module = track ? content.modules[track.modules[0]!] : undefined;
  const lesson = module?.lessons[0];
  if (!track || !module || !lesson) throw new Error(`the test content has no ${audience} track with a lesson`);
  return { track: track.slug, module: module.slug, lesson: lesson.slug };
}

async function readAllLessons(userId: string, params: { track: string; module: string }): Promise<void> {
  const module = getContent().modules[params.module]!;
  for (const lesson of module.lessons) {
    await recordLessonCompletion(testDb(), { userId, track: params.track, module: module.slug, lesson: lesson.slug, contentHash: module.contentHash });
  }
}

let matrixContent: string | undefined;

/**
 * The fixture content with an optional booster (träff) in its coach track, copied once per test
 * file: session pages need a step that the content really has, and a booster, unlike a course
 * day, is not required for the certificate the fixtures' coach holds.
 */
export function matrixContentDir(): string {
  matrixContent ??= blendedContent([BOOSTER], { prefix: "matris" });
  return matrixContent;
}

const sessionsOfFixtures = new WeakMap<MatrixFixtures, string>();

/** A session of municipality A a week ahead, made once per set of fixtures. */
async function sessionParams(fixtures: MatrixFixtures): Promise<Params> {
  let id = sessionsOfFixtures.get(fixtures);
  if (!id) {
    id = await newSessionOfA(fixtures);
    sessionsOfFixtures.set(fixtures, id);
  }
  return { id };
}

const certifyingSessionsOfFixtures = new WeakMap<MatrixFixtures, Promise<string>>();

/**
 * A session of municipality A held three days ago whose attendance issued a certificate: a coach
 * of A who had done the track online, with no certificate issued yet, was marked present on the
 * coordinator's attendance form function, which issued it. Made once per set of fixtures.
 */
async function certifyingSessionParams(fixtures: MatrixFixtures): Promise<Params> {
  let id = certifyingSessionsOfFixtures.get(fixtures);
  if (!id) {
    id = (async () => {
      const content = getContent();
      const track = content.tracks.find((t) => t.audience === "coach" && t.sessions.length > 0);
      if (!track) throw new Error("the test content has no coach track with a course day");
      const actor = { ...fixtures.users.coordinator, municipalityId: fixtures.municipalityA.id, municipalitySlug: fixtures.municipalityA.slug, municipalityName: fixtures.municipalityA.name, school: null };
      const coach = await createUser(fixtures.db, { role: "coach", municipalityId: fixtures.municipalityA.id, name: "Närvarande Coach" });
      const booked = new Date(Date.now() - 10 * 24 * 3_600_000);
      await completeTrack(fixtures.db, content, { userId: coach.id, track: track.slug, at: booked });
      const day = formatIsoDate(new Date(Date.now() - 3 * 24 * 3_600_000));
      const form = sessionFormSchema.parse({ step: `${track.slug}/${track.sessions[0]!.key}`, date: day, start: "09:00", end: "15:00", place: "Kommunhuset i A", capacity: "10", deadline: day });
      const created = await createTrainingSession(fixtures.db, { actor, form, content, now: booked });
      if (created.status !== "saved") throw new Error(`the session was not made: ${JSON.stringify(created.errors)}`);
      await signUp(fixtures.db, { sessionId: created.session.id, coach, content, now: booked });
      const marked = await markAttendance(fixtures.db, { actor, session: created.session, attendedUserIds: [coach.id], content });
      if (marked.status !== "saved" || marked.certificates.length !== 1) throw new Error(`no certificate from the attendance: ${JSON.stringify(marked)}`);
      return created.session.id;
    })();
    certifyingSessionsOfFixtures.set(fixtures, id);
  }
  return { id: await id };
}

/**
 * A fresh session of municipality A whose coordinator has asked municipality B to hold it
 * jointly, through the edit form's module function: the request waits for B's answer.
 */
export async function partnershipRequestParams(fixtures: MatrixFixtures): Promise<Params> {
  const id = await newSessionOfA(fixtures);
  const session = (await findTrainingSession(fixtures.db, id))!;
  const form = sessionFormSchema.parse({ ...sessionFormValues(session), partner: fixtures.municipalityB.id });
  const actor = { ...fixtures.users.coordinator, municipalityId: fixtures.municipalityA.id, municipalitySlug: fixtures.municipalityA.slug, municipalityName: fixtures.municipalityA.name, school: null };
  const result = await updateTrainingSession(fixtures.db, { actor, session, form, content: getContent() });
  if (result.status !== "saved" || result.session.partnerRequest?.status !== "pending") throw new Error(`the request was not made: ${JSON.stringify(result)}`);
  return { id };
}

/** Who may answer a request to hold a session jointly (intent accept or decline): only the coordinator of the municipality asked (B). */
export const PARTNERSHIP_ANSWER: Record<Caller, Outcome> = {
  anonymous: "sign-in",
  coach: "forbidden",
  school_staff: "forbidden",
  // The owner who asked does not answer for the partner.
  coordinator: "forbidden",
  otherCoordinator: "allowed",
  admin: "forbidden",
  polis: "forbidden",
};

/** Posts the form as every caller, each against fresh params; returns what differs from `expected`, in words. */
export async function checkPost(
  file: string,
  handler: unknown,
  form: Record<string, string>,
  expected: Record<Caller, Outcome>,
  params: (fixtures: MatrixFixtures) => Promise<Params>,
  fixtures: MatrixFixtures,
): Promise<string[]> {
  const problems: string[] = [];
  for (const caller of CALLERS) {
    const values = await params(fixtures);
    const url = routeUrl(file, values);
    const result = await call(handler as Handler, post(url, form, fixtures.cookies[caller]), values);
    const seen = observedOutcome(result.status, result.headers);
    if (seen !== expected[caller]) problems.push(`${file} POST ${JSON.stringify(form)} som ${CALLER_TEXT[caller]} (${url}): väntade ${OUTCOME_TEXT[expected[caller]]}, fick ${result.status}`);
  }
  return problems;
}

/** A session of municipality A a week ahead, with no partner. */
/**
 * A session of municipality A a week ahead, made through the coordinator's own form function.
 * The times are fixed daytime hours in Swedish time: a session built from "now + N hours" ended
 * on the next day when the tests ran in the evening, and the form refused it.
 */
async function newSessionOfA(fixtures: MatrixFixtures): Promise<string> {
  const inAWeek = formatIsoDate(new Date(Date.now() + 7 * 24 * 3_600_000));
  const actor = { ...fixtures.users.coordinator, municipalityId: fixtures.municipalityA.id, municipalitySlug: fixtures.municipalityA.slug, municipalityName: fixtures.municipalityA.name, school: null };
  const track = getContent().tracks.find((t) => t.audience === "coach" && t.sessions.length > 0);
  if (!track) throw new Error("the test content has no coach track with a course day");
  const form = sessionFormSchema.parse({ step: `${track.slug}/${track.sessions[0]!.key}`, date: inAWeek, start: "09:00", end: "15:00", place: "Kommunhuset i A", capacity: "10", deadline: inAWeek });
  const result = await createTrainingSession(fixtures.db, { actor, form, content: getContent() });
  if (result.status !== "saved") throw new Error(`the session was not made: ${JSON.stringify(result.errors)}`);
  return result.session.id;
}

const followupReports = new WeakMap<MatrixFixtures, Promise<string>>();

/** A published follow-up report of municipality A, made once per set of fixtures. */
async function followupReportParams(fixtures: MatrixFixtures): Promise<Params> {
  let id = followupReports.get(fixtures);
  if (!id) {
    const reportId = newId();
    id = publishReport(fixtures.db, {
      id: reportId,
      municipality: { id: fixtures.municipalityA.id },
      actorId: fixtures.users.coordinator.id,
      title: "Uppföljning 1",
      period: { from: "2025-01-01", to: "2025-06-30" },
      commentary: "Kommentar.",
      replacesId: null,
      content: getContent(),
    }).then(() => reportId);
    followupReports.set(fixtures, id);
  }
  return { kommun: fixtures.municipalityA.slug, id: await id };
}

/** Municipality A with its own sign-in, saved as an admin would; its provider is not running, so starting answers 400. */
async function identityProviderParams(fixtures: MatrixFixtures): Promise<Params> {
  // The test deployment's key: 32 bytes that are not all alike.
  process.env.SECRETS_KEY ??= Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256)).toString("base64");
  const form = new FormData();
  for (const [key, value] of Object.entries({ issuer: "http://127.0.0.1:9", clientId: "matrix", clientSecret: "hemlig", emailDomains: "kommun-a.se", accountPolicy: "invited" })) form.set(key, value);
  await saveOidcProvider(fixtures.db, { actorId: fixtures.users.admin.id, municipalityId: fixtures.municipalityA.id, form });
  const provider = await fixtures.db.selectFrom("identity_provider").select("id").where("municipality_id", "=", fixtures.municipalityA.id).where("kind", "=", "oidc").executeTakeFirstOrThrow();
  return { id: provider.id };
}

async function samlProviderParams(fixtures: MatrixFixtures): Promise<Params> {
  // An IdP's metadata as an admin pastes it; the certificate is never used, as the matrix posts no signed answer.
  const metadataXml = `<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.kommun-a.se/idp"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>TUFUUklY</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.kommun-a.se/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
  const form = new FormData();
  for (const [key, value] of Object.entries({ metadataXml, emailDomains: "skola.kommun-a.se", accountPolicy: "invited" })) form.set(key, value);
  const saved = await saveSamlProvider(fixtures.db, { actorId: fixtures.users.admin.id, municipalityId: fixtures.municipalityA.id, form });
  if (saved.kind !== "saved") throw new Error(`the matrix's SAML provider was not saved: ${JSON.stringify(saved.errors)}`);
  const provider = await fixtures.db.selectFrom("identity_provider").select("id").where("municipality_id", "=", fixtures.municipalityA.id).where("kind", "=", "saml").executeTakeFirstOrThrow();
  return { id: provider.id };
}

async function emailTokenParams(fixtures: MatrixFixtures, purpose: "login_link" | "password_reset"): Promise<Params> {
  const { token } = await createEmailToken(fixtures.db, fixtures.users.coach.id, purpose);
  return { token };
}

// ---------------------------------------------------------------------------------------
// The runner.
// ---------------------------------------------------------------------------------------

export async function createMatrixFixtures(): Promise<MatrixFixtures> {
  const db = testDb();
  const municipalityA = await createMunicipality(db, "kommun-a", "Kommun A");
  const municipalityB = await createMunicipality(db, "kommun-b", "Kommun B");
  const users = {
    coach: await createUser(db, { role: "coach", municipalityId: municipalityA.id, name: "Coach i A" }),
    school_staff: await createUser(db, { role: "school_staff", municipalityId: municipalityA.id, name: "Skolpersonal i A", school: "Skolan" }),
    coordinator: await createUser(db, { role: "coordinator", municipalityId: municipalityA.id, name: "Samordnare i A" }),
    otherCoordinator: await createUser(db, { role: "coordinator", municipalityId: municipalityB.id, name: "Samordnare i B" }),
    admin: await createUser(db, { role: "admin", name: "Administratör" }),
    polis: await createUser(db, { role: "polis", name: "Polis i lokalpolisområdet" }),
  };
  const cookies: Record<Caller, string | undefined> = { anonymous: undefined, coach: "", school_staff: "", coordinator: "", otherCoordinator: "", admin: "", polis: "" };
  for (const caller of CALLERS) if (caller !== "anonymous") cookies[caller] = await cookieFor(users[caller].id);

  const invitation = await createInvitation(db, {
    email: "inbjuden@kommun-a.example",
    role: "coach",
    municipalityId: municipalityA.id,
    invitedBy: { id: users.coordinator.id, name: users.coordinator.name },
  });
  // The coach completes the track and the app issues the certificate.
  const { id, code } = await certify(db, { userId: users.coach.id, municipalityId: municipalityA.id, track: learningParams("coach").track, issuedAt: new Date() });
  const promiseA = await publishedPromiseOfA(db, municipalityA, users);
  return { db, municipalityA, municipalityB, users, cookies, invitationA: { id: invitation.id, token: invitation.token }, certificateA: { id, code }, promiseA };
}

/** A's coordinator writes and publishes a promise with its signed PDF; the admin attaches the police caller to it. */
async function publishedPromiseOfA(db: Kysely<Database>, municipalityA: MatrixFixtures["municipalityA"], users: MatrixFixtures["users"]): Promise<{ id: string }> {
  const actor = users.coordinator;
  const must = <T extends { ok: boolean }>(outcome: T): T & { ok: true } => {
    if (!outcome.ok) throw new Error(`the promise of A was not made: ${JSON.stringify(outcome)}`);
    return outcome as T & { ok: true };
  };
  const { id } = must(await createPromiseDraft(db, { actor, title: "Medborgarlöfte för kommun A" }));
  must(
    await savePromiseFacts(db, {
      actor,
      promiseId: id,
      form: {
        title: "Medborgarlöfte för kommun A",
        policeArea: "Lokalpolisområde A",
        periodStart: "2024-01-01",
        periodEnd: "2025-12-31",
        signedOn: "2023-12-18",
        promisedReports: "2",
        reportingWording: "",
        municipalityIds: [municipalityA.id],
      },
    }),
  );
  const area = must(await addFocusArea(db, { actor, promiseId: id, title: "Trygghet" }));
  for (const owner of ["kommunen", "polisen", "bada"] as const) {
    must(await addCommitment(db, { actor, promiseId: id, focusAreaId: area.id, form: { wording: `Åtagande för ${owner}.`, summary: `Sammanfattning för ${owner}.`, owner } }));
  }
  const pdf = new File([new TextEncoder().encode("%PDF-1.4\n%%EOF\n")], "medborgarlofte.pdf", { type: "application/pdf" });
  must(await uploadPromiseDocument(db, { actor, promiseId: id, file: pdf }));
  must(await publishPromise(db, { actor, promiseId: id }));
  const admin = { ...users.admin, municipalitySlug: null, municipalityName: null, school: null };
  must(await attachPartner(db, { actor: admin, promiseId: id, userId: users.polis.id }));
  return { id };
}

export type Outcome = "allowed" | "sign-in" | "forbidden" | "not-found";

const OUTCOME_TEXT: Record<Outcome, string> = {
  allowed: "att få svar (200, 400 eller en omdirigering)",
  "sign-in": "omdirigering till inloggningen",
  forbidden: "403",
  "not-found": "404",
};

export function expectedOutcome(entry: RouteAccess, caller: Caller): Outcome {
  if (entry.access === "public") return "allowed";
  if (entry.access === "half-signed") return "sign-in";
  if (caller === "anonymous") return "sign-in";
  if (entry.access !== "signed-in" && !entry.access.roles.includes(CALLER_ROLE[caller])) return "forbidden";
  if (entry.unknownPage) return "not-found";
  if (entry.ownMunicipality && caller === "otherCoordinator") return "not-found";
  if (entry.ownRecordOf && caller !== entry.ownRecordOf) return "not-found";
  return "allowed";
}

function observedOutcome(status: number, headers: Headers): Outcome | "error" {
  if (status >= 500) return "error";
  if (status >= 300 && status < 400) {
    const location = new URL(headers.get("Location") ?? "/", "http://localhost:3000");
    const toSignIn = location.pathname === "/logga-in" && [...location.searchParams.keys()].every((key) => key === "redirectTo");
    return toSignIn ? "sign-in" : "allowed";
  }
  if (status === 401 || status === 403) return "forbidden";
  if (status === 404) return "not-found";
  return "allowed";
}

/** The file name's URL, as Remix flat routes read it: "konto_.mina-uppgifter[.json].ts" → "/konto/mina-uppgifter.json". */
export function routeUrl(file: string, params: Params): string {
  const name = file.replace(/\.tsx?$/, "");
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const char of name) {
    if (char === "[") escaped = true;
    else if (char === "]") escaped = false;
    else if (char === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  const parts = segments
    .filter((segment) => segment !== "_index" && !segment.startsWith("_"))
    .map((segment) => segment.replace(/_$/, ""))
    .map((segment) =>
      segment.replace(/^\$([A-Za-z0-9_]+)/, (_, param: string) => {
        const value = params[param];
        if (value === undefined) throw new Error(`${file}: params ger inget värde för $${param}`);
        return encodeURIComponent(value);
      }),
    );
  return `/${parts.join("/")}`;
}

function paramNames(file: string): string[] {
  return [...file.matchAll(/\$([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
}

type Handler = Parameters<typeof call>[0];
export interface RouteModule {
  loader?: unknown;
  action?: unknown;
}

/** Calls the route's loader and action as every caller; returns what differs from its row, in words. */
export async function checkRoute(file: string, module: RouteModule, entry: RouteAccess | undefined, fixtures: MatrixFixtures): Promise<string[]> {
  if (!entry) return [`Ny route utan behörighetsrad: ${file} (lägg till den i ROUTE_ACCESS i tests/helpers/route-access.ts)`];
  const missing = paramNames(file).length > 0 && !entry.params;
  if (missing) return [`${file}: raden behöver params för ${paramNames(file).map((p) => `$${p}`).join(", ")}`];

  const problems: string[] = [];
  const handlers = [
    ["GET", module.loader],
    ["POST", module.action],
  ] as const;
  for (const [method, handler] of handlers) {
    if (typeof handler !== "function") continue;
    for (const caller of CALLERS) {
      const where = `${file} ${method} som ${CALLER_TEXT[caller]}`;
      let url = "";
      try {
        const params = entry.params ? await entry.params({ fixtures, caller }) : {};
        url = routeUrl(file, params);
        const cookie = fixtures.cookies[caller];
        const request = method === "GET" ? get(url, cookie) : post(url, {}, cookie);
        const result = await call(handler as Handler, request, params);
        const seen = observedOutcome(result.status, result.headers);
        const expected = expectedOutcome(entry, caller);
        if (seen === "error") problems.push(`${where} (${url}): svarade ${result.status}`);
        else if (seen !== expected) {
          const location = result.headers.get("Location");
          problems.push(`${where} (${url}): väntade ${OUTCOME_TEXT[expected]}, fick ${result.status}${location ? ` till ${location}` : ""}`);
        }
      } catch (error) {
        problems.push(`${where}${url ? ` (${url})` : ""}: kastade ett oväntat fel: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
  return problems;
}

const IGNORED = /\.(test|server)\./;

/** The route files Remix serves (app/routes.ts ignores tests and .server files). */
export function routeFiles(dir = path.resolve("app/routes")): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      // Folder routes (routes/x/route.tsx) would escape the table as it reads files: refuse them until it learns.
      if (entry.isDirectory()) throw new Error(`app/routes/${entry.name}: mappar som route stöds inte av behörighetsmatrisen`);
      return entry.name;
    })
    .filter((name) => /\.tsx?$/.test(name) && !IGNORED.test(name))
    .sort();
}

/** Route files without a row, and rows without a file. */
export function compareWithTable(files: string[], table: Record<string, RouteAccess>): string[] {
  return [
    ...files.filter((file) => !Object.hasOwn(table, file)).map((file) => `Ny route utan behörighetsrad: ${file}`),
    ...Object.keys(table)
      .filter((file) => !files.includes(file))
      .map((file) => `Behörighetsrad utan route-fil: ${file}`),
  ];
}
