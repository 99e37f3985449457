// SPDX-License-Identifier: EUPL-1.2
// Issue #16, a course day's paperwork: the attendance list to print and sign (everyone booked, by
// name, with their municipality, a signature column, empty lines for walk-ins, page numbers and
// the header on every page), and one PDF of the certificates the day's attendance issued, each
// page as that certificate's own PDF. For the coordinators who manage the day; each sees the
// certificates of their own municipality. Another municipality's day answers 404, a coach 403.
import fs from "node:fs";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTrack, getContent } from "~/content/content.server";
import type { SessionUser } from "~/modules/access/permissions.server";
import { certificatePdf } from "~/modules/certification/certificate-document.server";
import { getCertificateForOwner, issueCertificateIfEligible } from "~/modules/certification/certification.server";
import { registerPriorTraining } from "~/modules/certification/credits.server";
import { markAttendance } from "~/modules/course-days/attendance.server";
import { signUp } from "~/modules/course-days/booking.server";
import { answerPartnership, cancelTrainingSession, createTrainingSession, type SessionFormInput, type TrainingSession } from "~/modules/course-days/course-days.server";
import { action as sessionAction, loader as sessionPage } from "~/routes/samordnare.traffar.$id";
import { loader as certificatesLoader } from "~/routes/samordnare.traffar.$id.intyg[.pdf]";
import { loader as attendanceListLoader } from "~/routes/samordnare.traffar.$id.narvarolista[.pdf]";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post, testContext } from "../helpers/requests";
import { attendSession, readLesson, takeTest } from "../helpers/training";
import { BOOSTER, blendedContent, DAY_1, DAY_2 } from "../helpers/blended-content";

let contentDir: string;
beforeAll(() => {
  contentDir = blendedContent([DAY_1, DAY_2, BOOSTER], { prefix: "traffens-papper" });
  process.env.CONTENT_DIR = contentDir;
});
afterAll(() => {
  fs.rmSync(contentDir, { recursive: true, force: true });
});

const content = () => getContent();
const grund = () => findTrack(content(), "grund")!;
const NOW = new Date("2026-03-01T10:00:00Z");
const AFTER_THE_DAY = new Date("2026-03-29T15:00:00Z");

type Person = Awaited<ReturnType<typeof createUser>>;
const asActor = (user: Person): SessionUser & { municipalityId: string } => ({
  ...user,
  municipalityId: user.municipalityId!,
  municipalitySlug: null,
  municipalityName: null,
  school: null,
});

/** Every lesson read and every test passed, at `at`, and the first course day attended. */
async function readyForDay2(userId: string, at: Date) {
  for (const slug of grund().modules) {
    const module = content().modules[slug]!;
    for (const lesson of module.lessons) await readLesson(testDb(), { userId, track: "grund", module: slug, lesson: lesson.slug, at, hash: module.contentHash });
    const max = module.quiz.perAttempt;
    await takeTest(testDb(), { userId, track: "grund", module: slug, at, hash: module.contentHash, score: max, maxScore: max, passed: true });
  }
  await attendSession(testDb(), { userId, track: "grund", stepKey: "dag-1", at: new Date("2026-02-20T08:00:00Z") });
}

/**
 * Högsby holds day 2 jointly with Mönsterås. Two coaches of each are booked; one of each has done
 * everything else, so the day's attendance certifies them. Oskarshamn is a bystander.
 */
async function setting(options: { extraBooked?: number } = {}) {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const oskarshamn = await createMunicipality(db, "oskarshamn", "Oskarshamns kommun");
  const sara = await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" });
  const mats = await createUser(db, { role: "coordinator", municipalityId: monsteras.id, name: "Mats Samordnare" });
  const olle = await createUser(db, { role: "coordinator", municipalityId: oskarshamn.id, name: "Olle Samordnare" });
  const coach = (name: string, municipalityId: string) => createUser(db, { role: "coach", municipalityId, name });
  const people = {
    orjan: await coach("Örjan Öst", hogsby.id),
    anna: await coach("Anna Andersson", hogsby.id),
    asa: await coach("Åsa Åberg", monsteras.id),
    bertil: await coach("Bertil Berg", monsteras.id),
  };
  await readyForDay2(people.orjan.id, NOW);
  await readyForDay2(people.asa.id, NOW);

  const form: SessionFormInput = { step: "grund/dag-2", date: "2026-03-29", start: "09:00", end: "16:00", place: "Fågelfors bygdegård", capacity: 60, deadline: "2026-03-25", partner: monsteras.id };
  const created = await createTrainingSession(db, { actor: asActor(sara), form, content: content(), now: NOW });
  if (created.status !== "saved") throw new Error(JSON.stringify(created));
  await answerPartnership(db, { actor: asActor(mats), sessionId: created.session.id, answer: "accept", content: content(), now: NOW });
  const extra: Person[] = [];
  for (let i = 0; i < (options.extraBooked ?? 0); i++) extra.push(await coach(`Extra ${String(i + 1).padStart(2, "0")}`, hogsby.id));
  for (const person of [...Object.values(people), ...extra]) {
    const booked = await signUp(db, { sessionId: created.session.id, coach: person, content: content(), now: NOW });
    expect(booked).toMatchObject({ outcome: "booked" });
  }
  const cookies = { sara: await cookieFor(sara.id), mats: await cookieFor(mats.id), olle: await cookieFor(olle.id), coach: await cookieFor(people.anna.id) };
  return { db, hogsby, monsteras, sara, mats, olle, people, session: created.session, cookies };
}
type Setting = Awaited<ReturnType<typeof setting>>;

const mark = (s: Setting, attended: Person[], now = AFTER_THE_DAY) =>
  markAttendance(s.db, { actor: asActor(s.sara), session: s.session, attendedUserIds: attended.map((p) => p.id), content: content(), now });

async function pdfOf(loader: typeof attendanceListLoader, url: string, id: string, cookie: string) {
  const response = (await loader({ request: get(url, cookie), params: { id }, context: testContext() })) as Response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const document = await getDocumentProxy(bytes);
  const { text, totalPages } = await extractText(document, { mergePages: false });
  return { response, pages: text as string[], totalPages };
}

const listUrl = (s: Setting) => `/samordnare/traffar/${s.session.id}/narvarolista.pdf`;
const certificatesUrl = (s: Setting) => `/samordnare/traffar/${s.session.id}/intyg.pdf`;

describe("the attendance list", () => {
  it("names everyone booked by name with their municipality, a signature column and empty lines, for both coordinators of a joint day", async () => {
    const s = await setting();
    for (const cookie of [s.cookies.sara, s.cookies.mats]) {
      const { response, pages, totalPages } = await pdfOf(attendanceListLoader, listUrl(s), s.session.id, cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toBe(
        `inline; filename="narvarolista-dag-2-2026-03-29.pdf"; filename*=UTF-8''${encodeURIComponent("närvarolista-dag-2-2026-03-29.pdf")}`,
      );
      expect(totalPages).toBe(1);
      const text = pages[0]!;
      expect(text).toContain("Närvarolista: Utbildningsdag 2");
      expect(text).toContain("Högsby kommun och Mönsterås kommun");
      expect(text).toContain("Datum: söndag 29 mars 2026");
      expect(text).toContain("Tid: 09:00–16:00");
      expect(text).toContain("Plats: Fågelfors bygdegård");
      for (const heading of ["Namn", "Kommun", "Underskrift"]) expect(text).toContain(heading);
      expect(text).toContain("4 anmälda");
      // In Swedish alphabetical order: Å and Ö come last.
      const order = ["Anna Andersson", "Bertil Berg", "Åsa Åberg", "Örjan Öst"].map((name) => text.indexOf(name));
      expect(order.every((at) => at >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      expect(text).toMatch(/Åsa Åberg\s+Mönsterås kommun/);
      expect(text).toMatch(/Anna Andersson\s+Högsby kommun/);
      expect(text).toContain("Sida 1 av 1");
    }
  });

  it("repeats the day's header and the column headings on every page, and numbers the pages", async () => {
    const s = await setting({ extraBooked: 36 });
    const { pages, totalPages } = await pdfOf(attendanceListLoader, listUrl(s), s.session.id, s.cookies.sara);
    expect(totalPages).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => {
      expect(text).toContain("Närvarolista: Utbildningsdag 2");
      expect(text).toContain("Fågelfors bygdegård");
      expect(text).toContain("Underskrift");
      expect(text).toContain(`Sida ${i + 1} av ${totalPages}`);
    });
    const all = pages.join("\n");
    for (let i = 1; i <= 36; i++) expect(all).toContain(`Extra ${String(i).padStart(2, "0")}`);
  });

  it("is linked from the day's page, answers 404 to another municipality and for a cancelled day, and 403 to a coach", async () => {
    const s = await setting();
    const page = await call(sessionPage, get(`/samordnare/traffar/${s.session.id}`, s.cookies.sara), { id: s.session.id });
    expect(page.data.paperwork).toEqual({ attendanceList: listUrl(s), certificates: null });
    expect((await call(attendanceListLoader, get(listUrl(s), s.cookies.olle), { id: s.session.id })).status).toBe(404);
    expect((await call(attendanceListLoader, get(listUrl(s), s.cookies.coach), { id: s.session.id })).status).toBe(403);
    expect((await call(attendanceListLoader, get("/samordnare/traffar/finnsinte/narvarolista.pdf", s.cookies.sara), { id: "finnsinte" })).status).toBe(404);

    await cancelTrainingSession(s.db, { actor: asActor(s.sara), session: s.session, reason: "", content: content(), now: NOW });
    const cancelled = await call(attendanceListLoader, get(listUrl(s), s.cookies.sara), { id: s.session.id });
    expect(cancelled.status).toBe(404);
    expect(cancelled.data.message).toBe("Träffen är inställd, så det finns ingen närvarolista.");
    const after = await call(sessionPage, get(`/samordnare/traffar/${s.session.id}`, s.cookies.sara), { id: s.session.id });
    expect(after.data.paperwork).toEqual({ attendanceList: null, certificates: null });
  });
});

describe("the certificates of the day", () => {
  it("puts the certificates the day's attendance issued in one PDF, each page as that certificate's own, each coordinator their own municipality's", async () => {
    const s = await setting();
    const none = await call(certificatesLoader, get(certificatesUrl(s), s.cookies.sara), { id: s.session.id });
    expect(none.status).toBe(404);
    expect(none.data.message).toBe("Ingen har fått sitt intyg genom närvaron på den här träffen ännu.");

    const marked = await mark(s, [s.people.orjan, s.people.anna, s.people.asa]);
    expect(marked).toMatchObject({ status: "saved", attended: 3 });
    expect(marked.status === "saved" && marked.certificates.map((c) => c.userId).sort()).toEqual([s.people.orjan.id, s.people.asa.id].sort());

    const page = await call(sessionPage, get(`/samordnare/traffar/${s.session.id}`, s.cookies.sara), { id: s.session.id });
    expect(page.data.paperwork.certificates).toEqual({ url: certificatesUrl(s), count: 1 });

    for (const [cookie, holder] of [
      [s.cookies.sara, s.people.orjan],
      [s.cookies.mats, s.people.asa],
    ] as const) {
      const { response, pages, totalPages } = await pdfOf(certificatesLoader, certificatesUrl(s), s.session.id, cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Disposition")).toContain('filename="intyg-dag-2-2026-03-29.pdf"');
      expect(totalPages).toBe(1);
      const certificate = (await s.db.selectFrom("certification").select("id").where("user_id", "=", holder.id).executeTakeFirstOrThrow()).id;
      const own = await certificatePdf(s.db, { certificate: (await getCertificateForOwner(s.db, { certificateId: certificate, userId: holder.id }))!, holderName: holder.name, content: content() });
      const ownText = (await extractText(await getDocumentProxy(new Uint8Array(own)), { mergePages: false })).text as string[];
      expect(pages).toEqual(ownText);
      expect(pages[0]).toContain(holder.name);
    }
    // Oskarshamn's coordinator and a coach get nothing.
    expect((await call(certificatesLoader, get(certificatesUrl(s), s.cookies.olle), { id: s.session.id })).status).toBe(404);
    expect((await call(certificatesLoader, get(certificatesUrl(s), s.cookies.coach), { id: s.session.id })).status).toBe(403);
  });

  it("keeps them when the attendance is saved again, and holds one page per certificate", async () => {
    const s = await setting();
    await mark(s, [s.people.orjan, s.people.anna, s.people.asa]);
    // Bertil is finished online afterwards and marked present later on the same page: certified then.
    await readyForDay2(s.people.bertil.id, new Date("2026-03-30T08:00:00Z"));
    const saved = await call(
      sessionAction,
      post(`/samordnare/traffar/${s.session.id}`, { intent: "attendance", attended: [s.people.orjan.id, s.people.anna.id, s.people.asa.id, s.people.bertil.id] }, s.cookies.mats),
      { id: s.session.id },
    );
    expect(saved.status).toBe(200);
    expect(saved.data.notice).toMatch(/1 coach fick sitt intyg/);
    const { pages, totalPages } = await pdfOf(certificatesLoader, certificatesUrl(s), s.session.id, s.cookies.mats);
    expect(totalPages).toBe(2);
    expect(pages[0]).toContain("Bertil Berg");
    expect(pages[1]).toContain("Åsa Åberg");
    // Högsby's certificate from the first marking is still the day's.
    const hogsby = await pdfOf(certificatesLoader, certificatesUrl(s), s.session.id, s.cookies.sara);
    expect(hogsby.totalPages).toBe(1);
    expect(hogsby.pages[0]).toContain("Örjan Öst");
  });

  it("counts a certificate completed with earlier training and dated from the day, and never one the day did not issue", async () => {
    const s = await setting();
    // Anna's modules and first day are credited from earlier training: attending this day completes the track.
    const credited = await registerPriorTraining(s.db, {
      actor: asActor(s.sara),
      content: content(),
      track: grund(),
      coachId: s.people.anna.id,
      all: false,
      steps: [...grund().modules, "dag-1"],
      date: "2026-02-10",
      note: null,
      now: NOW,
    });
    expect(credited).toMatchObject({ ok: true, certificates: 0 });
    await mark(s, [s.people.orjan, s.people.anna]);
    const anna = await s.db.selectFrom("certification").select("issued_at").where("user_id", "=", s.people.anna.id).executeTakeFirstOrThrow();
    expect(anna.issued_at).toBe(s.session.startsAt);
    // Bertil was certified online before the day, and attends it: his certificate is not the day's.
    await readyForDay2(s.people.bertil.id, NOW);
    await attendSession(s.db, { userId: s.people.bertil.id, track: "grund", stepKey: "dag-2", at: new Date("2026-03-10T08:00:00Z") });
    expect(await issueCertificateIfEligible(s.db, { userId: s.people.bertil.id, track: grund(), content: content(), now: new Date("2026-03-11T08:00:00Z") })).toMatchObject({ outcome: "issued" });
    await mark(s, [s.people.orjan, s.people.anna, s.people.bertil], new Date("2026-03-29T16:00:00Z"));

    const hogsby = await pdfOf(certificatesLoader, certificatesUrl(s), s.session.id, s.cookies.sara);
    expect(hogsby.totalPages).toBe(2);
    expect(hogsby.pages[0]).toContain("Anna Andersson");
    expect(hogsby.pages[1]).toContain("Örjan Öst");
    expect((await call(certificatesLoader, get(certificatesUrl(s), s.cookies.mats), { id: s.session.id })).status).toBe(404);
  });
});
