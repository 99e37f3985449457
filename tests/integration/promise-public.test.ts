// SPDX-License-Identifier: EUPL-1.2
// The medborgarlöfte as citizens follow it (issue #14): the public page shows the current promise
// by focus area with its activities and statuses, small participant counts as "färre än 5", no
// draft and no other municipality's promise; past promises stay readable at their own address;
// reports freeze every commitment and count "N av M" per promise; the coordinator's dashboard
// names the commitments nobody has followed up for 90 days; the demo seed shows a promise kept.
import path from "node:path";
import type { Kysely } from "kysely";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { commitmentsWithoutActivity } from "~/modules/promises/promise-dashboard.server";
import { promiseProgress, publishReport } from "~/modules/followup/reports.server";
import { recordActivity, setCommitmentStatus } from "~/modules/promises/commitment-followup.server";
import { attachPartner } from "~/modules/promises/police-partners.server";
import { createPromiseDraft, publishFrozenPromise, publishPromise, startCorrection, uploadPromiseDocument } from "~/modules/promises/promise-editing.server";
import { getPromise } from "~/modules/promises/promises.server";
import * as dashboard from "~/routes/samordnare._index";
import * as promisePage from "~/routes/uppfoljning.$kommun.loften.$id";
import * as promiseDocument from "~/routes/uppfoljning.$kommun.loften.$id.dokument[.pdf]";
import * as publicPage from "~/routes/uppfoljning.$kommun._index";
import * as reportPage from "~/routes/uppfoljning.$kommun.rapporter.$id";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { DEMO_PEOPLE, seedDemo } from "~db/seed";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";
import { certify, takeTest } from "../helpers/training";

let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

// The pages count "now" from the clock: a day in 2026, when the 2024–2025 promise has ended and the next is under way.
const TODAY = new Date("2026-06-15T10:00:00Z");
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(TODAY);
});
afterEach(() => vi.useRealTimers());

const NEXT = {
  ...SIGNED,
  title: "Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2026–2027",
  periodStart: "2026-01-01",
  periodEnd: "2027-12-31",
  signedOn: "2025-12-15",
};

function sessionUser(user: { id: string; email: string; name: string; role: SessionUser["role"]; municipalityId: string | null }): SessionUser {
  return { ...user, municipalitySlug: null, municipalityName: null, school: null };
}

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const kalmar = await createMunicipality(db, "kalmar", "Kalmar kommun");
  const coordinator = sessionUser(await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" }));
  const kalmarCoordinator = sessionUser(await createUser(db, { role: "coordinator", municipalityId: kalmar.id, name: "Kim i Kalmar" }));
  const admin = sessionUser(await createUser(db, { role: "admin", name: "Ada Admin" }));
  const police = sessionUser(await createUser(db, { role: "polis", name: "Per Polis" }));
  const published = await publishFrozenPromise(db, { actor: coordinator, promise: SIGNED, municipalityIds: [hogsby.id, monsteras.id], now: new Date("2023-12-20T10:00:00Z") });
  if (!published.ok) throw new Error(`not published: ${JSON.stringify(published)}`);
  expect((await attachPartner(db, { actor: admin, promiseId: published.id, userId: police.id, now: new Date("2024-01-08T10:00:00Z") })).ok).toBe(true);
  const promise = (await getPromise(db, published.id))!;
  const commitments = promise.focusAreas.flatMap((a) => a.commitments);
  return { db, hogsby, monsteras, kalmar, coordinator, kalmarCoordinator, admin, police, promiseId: published.id, commitments };
}

async function activity(db: Kysely<Database>, input: { actor: SessionUser; commitmentId: string; day: string; title: string; participants?: number }) {
  const outcome = await recordActivity(db, {
    actor: input.actor,
    commitmentId: input.commitmentId,
    form: { happenedOn: input.day, title: input.title, description: "Beskrivning.", participants: input.participants?.toString(), place: "Torget" },
    now: new Date(`${input.day}T12:00:00Z`),
  });
  if (!outcome.ok) throw new Error(`not recorded: ${JSON.stringify(outcome)}`);
  return outcome.id;
}

async function report(db: Kysely<Database>, input: { municipalityId: string; actorId: string; day: string; replacesId?: string }) {
  const id = newId();
  const outcome = await publishReport(db, {
    id,
    municipality: { id: input.municipalityId },
    actorId: input.actorId,
    title: `Uppföljning ${input.day}`,
    period: { from: "2024-01-01", to: input.day },
    commentary: "Kommunens kommentar.",
    replacesId: input.replacesId ?? null,
    content,
    now: new Date(`${input.day}T12:00:00Z`),
  });
  expect(outcome).toEqual({ status: "published", id });
  return id;
}

const loadPublic = (kommun: string, headers: Record<string, string> = {}) => {
  const request = get(`/uppfoljning/${kommun}`);
  for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
  return call(publicPage.loader, request, { kommun });
};

type Activity = { title: string; participants: unknown; recordedAs: string };
type Commitment = { wording: string; activities: Activity[]; statusLabel: string; status: unknown; progress: unknown; figure: unknown };
const commitmentsOf = (focusAreas: Array<{ commitments: Commitment[] }>) => focusAreas.flatMap((a) => a.commitments);

describe("the public page of the current promise", () => {
  it("shows every commitment word for word by focus area, with status, progress, activities by side and the linked figure", async () => {
    const { db, coordinator, police, commitments } = await setup();
    const dialogue = commitments.find((c) => c.targetCount === 2)!;
    await activity(db, { actor: coordinator, commitmentId: dialogue.id, day: "2024-04-17", title: "Medborgardialog i centrala Högsby", participants: 14 });
    await activity(db, { actor: police, commitmentId: dialogue.id, day: "2025-09-24", title: "Medborgardialog i centrala Mönsterås", participants: 19 });
    expect((await setCommitmentStatus(db, { actor: coordinator, commitmentId: dialogue.id, status: "done", note: "Båda är hållna.", now: new Date("2025-09-25T12:00:00Z") })).ok).toBe(true);

    const page = await loadPublic("hogsby");
    expect(page.status).toBe(200);
    const promise = page.data.promise;
    expect(promise).toMatchObject({ title: SIGNED.title, policeArea: "Lokalpolisområde Västervik", periodStart: "2024-01-01", periodEnd: "2025-12-31", signedOn: "2023-12-18" });
    expect(promise.municipalities.map((m: { name: string }) => m.name)).toEqual(["Högsby kommun", "Mönsterås kommun"]);
    expect(promise.focusAreas.map((a: { title: string }) => a.title)).toEqual(SIGNED.focusAreas.map((a) => a.title));
    const shown = commitmentsOf(promise.focusAreas);
    expect(shown.map((c) => c.wording)).toEqual(SIGNED.focusAreas.flatMap((a) => a.commitments.map((c) => c.wording)));
    const shownDialogue = shown.find((c) => c.wording === dialogue.wording)!;
    expect(shownDialogue).toMatchObject({ statusLabel: "Genomfört", progress: { done: 2, of: 2 } });
    expect(shownDialogue.activities.map((a) => [a.title, a.recordedAs])).toEqual([
      ["Medborgardialog i centrala Mönsterås", "polisen"],
      ["Medborgardialog i centrala Högsby", "kommunen"],
    ]);
    expect(shown.filter((c) => c !== shownDialogue).every((c) => c.statusLabel === "Ej påbörjat" && c.status === null)).toBe(true);
    // The ANDTS-coach commitment is linked to the live coach figures; no coach is certified yet.
    expect(shown.find((c) => c.figure)!.figure).toEqual({
      measure: "certified_coaches",
      label: "Certifierade ANDTS-coacher",
      count: { suppressed: false, value: 0, text: "0" },
      scope: "Högsby kommun och Mönsterås kommun tillsammans",
    });
    // A side, never a person: neither recorder's name reaches the page's data.
    expect(JSON.stringify(page.data)).not.toContain("Sara Samordnare");
    expect(JSON.stringify(page.data)).not.toContain("Per Polis");
  });

  it("shows fewer than 5 participants as “färre än 5”, with no number in the page's data, and 5 or more as the number", async () => {
    const { db, coordinator, commitments } = await setup();
    const fraud = commitments.find((c) => c.wording.includes("bedrägerier"))!;
    await activity(db, { actor: coordinator, commitmentId: fraud.id, day: "2024-11-05", title: "Liten träff", participants: 3 });
    await activity(db, { actor: coordinator, commitmentId: fraud.id, day: "2024-11-06", title: "Stor träff", participants: 28 });
    const page = await loadPublic("hogsby");
    const activities = commitmentsOf(page.data.promise.focusAreas).find((c) => c.wording === fraud.wording)!.activities;
    expect(activities.find((a) => a.title === "Liten träff")!.participants).toEqual({ suppressed: true, value: null, text: "färre än 5" });
    expect(activities.find((a) => a.title === "Stor träff")!.participants).toEqual({ suppressed: false, value: 28, text: "28" });
    expect(JSON.stringify(activities.find((a) => a.title === "Liten träff"))).not.toMatch(/3/);
  });

  it("changes its ETag when an activity is recorded or a status set, so no cache keeps the old page", async () => {
    const { db, coordinator, commitments } = await setup();
    const first = await loadPublic("hogsby");
    const etag = first.headers.get("ETag")!;
    expect(etag).toBeTruthy();
    expect((await loadPublic("hogsby", { "If-None-Match": etag })).status).toBe(304);

    await activity(db, { actor: coordinator, commitmentId: commitments[0]!.id, day: "2025-02-01", title: "Grannsamverkan" });
    const second = await loadPublic("hogsby", { "If-None-Match": etag });
    expect(second.status).toBe(200);
    const etag2 = second.headers.get("ETag")!;
    expect(etag2).not.toBe(etag);

    expect((await setCommitmentStatus(db, { actor: coordinator, commitmentId: commitments[0]!.id, status: "in_progress", note: "Pågår.", now: new Date("2025-02-02T12:00:00Z") })).ok).toBe(true);
    const third = await loadPublic("hogsby", { "If-None-Match": etag2 });
    expect(third.status).toBe(200);
    expect(third.headers.get("ETag")).not.toBe(etag2);
  });
});

describe("a commitment linked to a measure", () => {
  it("shows the live figure of all the promise's municipalities together, suppressed like every count of people", async () => {
    const { db, hogsby, monsteras } = await setup();
    const certifiedIn = async (municipalityId: string) => {
      const coach = await createUser(db, { role: "coach", municipalityId });
      for (const slug of content.tracks.find((t) => t.slug === "grund")!.modules) {
        const max = content.modules[slug]!.quiz.perAttempt;
        await takeTest(db, { userId: coach.id, track: "grund", module: slug, at: new Date("2026-05-01T10:00:00Z"), hash: content.modules[slug]!.contentHash, score: max, maxScore: max, passed: true });
      }
      await certify(db, { userId: coach.id, municipalityId, track: "grund", issuedAt: new Date("2026-05-02T10:00:00Z") });
    };
    for (let i = 0; i < 3; i++) await certifiedIn(hogsby.id);
    const fewer = commitmentsOf((await loadPublic("hogsby")).data.promise.focusAreas).find((c) => c.figure)!.figure;
    expect(fewer).toMatchObject({ count: { suppressed: true, value: null, text: "färre än 5" } });

    for (let i = 0; i < 3; i++) await certifiedIn(monsteras.id);
    const page = await loadPublic("hogsby");
    expect(commitmentsOf(page.data.promise.focusAreas).find((c) => c.figure)!.figure).toMatchObject({ count: { suppressed: false, value: 6, text: "6" } });
    // Högsby's own figure below stays its own, and small.
    expect(page.data.figures.figures.find((f: { key: string }) => f.key === "certified").count.text).toBe("färre än 5");
  });
});

describe("published reports", () => {
  it("freeze every commitment: an activity or status after publication changes the public page but not the report", async () => {
    const { db, hogsby, coordinator, commitments } = await setup();
    const fraud = commitments.find((c) => c.wording.includes("bedrägerier"))!;
    await activity(db, { actor: coordinator, commitmentId: fraud.id, day: "2024-11-05", title: "Informationsträff om bedrägerier", participants: 3 });
    const id = await report(db, { municipalityId: hogsby.id, actorId: coordinator.id, day: "2024-12-10" });

    await activity(db, { actor: coordinator, commitmentId: fraud.id, day: "2025-03-01", title: "Efter rapporten", participants: 40 });
    expect((await setCommitmentStatus(db, { actor: coordinator, commitmentId: fraud.id, status: "done", note: "Klart.", now: new Date("2025-03-02T12:00:00Z") })).ok).toBe(true);

    const frozen = await call(reportPage.loader, get(`/uppfoljning/hogsby/rapporter/${id}`), { kommun: "hogsby", id });
    expect(frozen.status).toBe(200);
    expect(frozen.data.report.promise).toEqual({ id: expect.any(String), title: SIGNED.title });
    const inReport = commitmentsOf(frozen.data.focusAreas);
    expect(inReport.map((c) => c.wording)).toEqual(SIGNED.focusAreas.flatMap((a) => a.commitments.map((c) => c.wording)));
    const fraudThen = inReport.find((c) => c.wording === fraud.wording)!;
    expect(fraudThen.statusLabel).toBe("Ej påbörjat");
    expect(fraudThen.activities).toHaveLength(1);
    // Suppressed before it was stored: the stored report holds no small number either.
    expect(fraudThen.activities[0]!.participants).toEqual({ suppressed: true, value: null, text: "färre än 5" });
    const stored = await db.selectFrom("followup_report").select("commitments").where("id", "=", id).executeTakeFirstOrThrow();
    expect(stored.commitments).toContain('"text":"färre än 5"');
    expect(stored.commitments).not.toContain('"participants":3');

    const live = commitmentsOf((await loadPublic("hogsby")).data.promise.focusAreas).find((c) => c.wording === fraud.wording)!;
    expect(live.statusLabel).toBe("Genomfört");
    expect(live.activities.map((a) => a.title)).toEqual(["Efter rapporten", "Informationsträff om bedrägerier"]);
  });

  it("count “N av M” per promise: the ended promise's reports stay with it, the next promise starts at 0", async () => {
    const { db, hogsby, monsteras, coordinator } = await setup();
    const first = await report(db, { municipalityId: hogsby.id, actorId: coordinator.id, day: "2024-12-10" });
    await report(db, { municipalityId: hogsby.id, actorId: coordinator.id, day: "2025-01-10", replacesId: first });
    await report(db, { municipalityId: hogsby.id, actorId: coordinator.id, day: "2025-11-20" });
    // Counted against the 2024–2025 promise while it is the current one.
    expect(await promiseProgress(db, hogsby, new Date("2025-12-01T12:00:00Z"))).toMatchObject({ promise: { title: SIGNED.title }, published: 2, promisedReports: 2 });
    expect((await promiseProgress(db, monsteras, new Date("2025-12-01T12:00:00Z"))).published).toBe(0);

    const next = await publishFrozenPromise(db, { actor: coordinator, promise: NEXT, municipalityIds: [hogsby.id, monsteras.id], now: new Date("2025-12-20T10:00:00Z") });
    if (!next.ok) throw new Error(JSON.stringify(next));
    expect(await promiseProgress(db, hogsby, TODAY)).toMatchObject({ promise: { id: next.id, title: NEXT.title }, published: 0, state: "ongoing" });
    await report(db, { municipalityId: hogsby.id, actorId: coordinator.id, day: "2026-06-01" });
    expect((await promiseProgress(db, hogsby, TODAY)).published).toBe(1);
    const reports = await db.selectFrom("followup_report").select(["promise_id"]).where("municipality_id", "=", hogsby.id).orderBy("published_at").execute();
    expect(reports.map((r) => r.promise_id === next.id)).toEqual([false, false, false, true]);
  });

  it("count only reports of the promise: one published before the municipality had a promise does not count for it", async () => {
    const { db, kalmar, kalmarCoordinator } = await setup();
    const before = await report(db, { municipalityId: kalmar.id, actorId: kalmarCoordinator.id, day: "2026-02-01" });
    const theirs = await publishFrozenPromise(db, { actor: kalmarCoordinator, promise: { ...NEXT, title: "Kalmars löfte" }, municipalityIds: [kalmar.id], now: new Date("2026-03-01T10:00:00Z") });
    if (!theirs.ok) throw new Error(JSON.stringify(theirs));
    expect((await db.selectFrom("followup_report").select("promise_id").where("id", "=", before).executeTakeFirstOrThrow()).promise_id).toBeNull();
    expect(await promiseProgress(db, kalmar, TODAY)).toMatchObject({ promise: { id: theirs.id }, published: 0 });
    await report(db, { municipalityId: kalmar.id, actorId: kalmarCoordinator.id, day: "2026-04-01" });
    expect((await promiseProgress(db, kalmar, TODAY)).published).toBe(1);
  });
});

describe("past, draft and other municipalities' promises", () => {
  it("lists the ended promise under the current one, at its own address, where it reads as it was", async () => {
    const { db, hogsby, monsteras, coordinator, promiseId } = await setup();
    const next = await publishFrozenPromise(db, { actor: coordinator, promise: NEXT, municipalityIds: [hogsby.id, monsteras.id], now: new Date("2025-12-20T10:00:00Z") });
    if (!next.ok) throw new Error(JSON.stringify(next));
    const page = await loadPublic("monsteras");
    expect(page.data.promise.id).toBe(next.id);
    expect(page.data.otherPromises.map((p: { id: string; title: string }) => [p.id, p.title])).toEqual([[promiseId, SIGNED.title]]);

    const archived = await call(promisePage.loader, get(`/uppfoljning/monsteras/loften/${promiseId}`), { kommun: "monsteras", id: promiseId });
    expect(archived.status).toBe(200);
    expect(archived.data.promise).toMatchObject({ title: SIGNED.title, periodEnd: "2025-12-31", replacedById: null });
    expect(commitmentsOf(archived.data.promise.focusAreas)).toHaveLength(7);
  });

  it("shows no draft, and answers 404 in Swedish for a draft or another municipality's promise", async () => {
    const { db, hogsby, kalmar, coordinator, kalmarCoordinator } = await setup();
    const draft = await createPromiseDraft(db, { actor: coordinator, title: "Nästa löfte, utkast" });
    if (!draft.ok) throw new Error(JSON.stringify(draft));
    const theirs = await publishFrozenPromise(db, { actor: kalmarCoordinator, promise: { ...NEXT, title: "Kalmars löfte" }, municipalityIds: [kalmar.id], now: new Date("2025-12-20T10:00:00Z") });
    if (!theirs.ok) throw new Error(JSON.stringify(theirs));

    const page = await loadPublic("hogsby");
    expect(JSON.stringify(page.data)).not.toContain("Nästa löfte, utkast");
    expect(JSON.stringify(page.data)).not.toContain("Kalmars löfte");
    for (const id of [draft.id, theirs.id, "finnsinte"]) {
      const response = await call(promisePage.loader, get(`/uppfoljning/hogsby/loften/${id}`), { kommun: "hogsby", id });
      expect(response.status, id).toBe(404);
      expect(response.data.message).toContain("Löftet finns inte");
    }
    // Kalmar's own page shows it, and not Högsby's.
    expect((await loadPublic("kalmar")).data.promise.title).toBe("Kalmars löfte");
    expect(hogsby.id).not.toBe(kalmar.id);
  });

  it("shows a replaced version as replaced, linking to its correction, whose reports count on", async () => {
    const { db, hogsby, coordinator, promiseId } = await setup();
    await report(db, { municipalityId: hogsby.id, actorId: coordinator.id, day: "2024-01-20" });
    const correction = await startCorrection(db, { actor: coordinator, promiseId, now: new Date("2024-02-01T10:00:00Z") });
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    expect((await publishPromise(db, { actor: coordinator, promiseId: correction.id, correctionNote: "Rätt datum för underskriften.", now: new Date("2024-02-02T10:00:00Z") })).ok).toBe(true);

    const old = await call(promisePage.loader, get(`/uppfoljning/hogsby/loften/${promiseId}`), { kommun: "hogsby", id: promiseId });
    expect(old.status).toBe(200);
    expect(old.data.promise.replacedById).toBe(correction.id);
    const page = await loadPublic("hogsby");
    expect(page.data.promise).toMatchObject({ id: correction.id, replacesId: promiseId, correctionNote: "Rätt datum för underskriften." });
    // The report published before the correction still counts for the promise.
    expect(page.data.progress).toMatchObject({ promise: { id: correction.id }, published: 1 });
  });
});

describe("the signed document", () => {
  it("is a download for anyone once the version is published, and 404 for a draft or under another municipality's address", async () => {
    const { db, coordinator, promiseId } = await setup();
    const correction = await startCorrection(db, { actor: coordinator, promiseId, now: new Date("2024-02-01T10:00:00Z") });
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    const bytes = new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
    const file = new File([bytes], "medborgarlofte.pdf", { type: "application/pdf" });
    expect((await uploadPromiseDocument(db, { actor: coordinator, promiseId: correction.id, file, now: new Date("2024-02-01T11:00:00Z") })).ok).toBe(true);
    const download = (kommun: string, id: string) => call(promiseDocument.loader, get(`/uppfoljning/${kommun}/loften/${id}/dokument.pdf`), { kommun, id });

    expect((await download("hogsby", correction.id)).status).toBe(404);
    expect((await publishPromise(db, { actor: coordinator, promiseId: correction.id, correctionNote: "Det undertecknade dokumentet.", now: new Date("2024-02-02T10:00:00Z") })).ok).toBe(true);
    const response = await promiseDocument.loader({ request: get(`/uppfoljning/monsteras/loften/${correction.id}/dokument.pdf`), params: { kommun: "monsteras", id: correction.id }, context: {} as never });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    expect((await download("kalmar", correction.id)).status).toBe(404);
    expect((await loadPublic("hogsby")).data.promise).toMatchObject({ id: correction.id, hasDocument: true });
  });
});

describe("the coordinator's dashboard", () => {
  it("names the commitments of the promise under way with no activity for 90 days, leaving out those done", async () => {
    const { db, hogsby, monsteras, coordinator } = await setup();
    const next = await publishFrozenPromise(db, { actor: coordinator, promise: NEXT, municipalityIds: [hogsby.id, monsteras.id], now: new Date("2025-12-20T10:00:00Z") });
    if (!next.ok) throw new Error(JSON.stringify(next));
    const commitments = (await getPromise(db, next.id))!.focusAreas.flatMap((a) => a.commitments);
    const [recent, old, done] = commitments.filter((c) => c.owner !== "polisen");
    await activity(db, { actor: coordinator, commitmentId: recent!.id, day: "2026-05-01", title: "Nyligen" });
    await activity(db, { actor: coordinator, commitmentId: old!.id, day: "2026-02-01", title: "För länge sedan" });
    expect((await setCommitmentStatus(db, { actor: coordinator, commitmentId: done!.id, status: "done", note: "Klart.", now: new Date("2026-01-20T12:00:00Z") })).ok).toBe(true);

    const quiet = await commitmentsWithoutActivity(db, { municipalityId: monsteras.id, now: TODAY });
    const ids = quiet.map((c) => c.commitmentId);
    expect(ids).not.toContain(recent!.id);
    expect(ids).not.toContain(done!.id);
    expect(quiet.find((c) => c.commitmentId === old!.id)).toMatchObject({ promiseId: next.id, promiseTitle: NEXT.title, lastActivityOn: "2026-02-01" });
    expect(quiet).toHaveLength(commitments.length - 2);
    // The ended 2024–2025 promise is not followed up any more.
    expect(quiet.every((c) => c.promiseId === next.id)).toBe(true);

    const page = await call(dashboard.loader, get("/samordnare", await cookieFor(coordinator.id)));
    expect(page.status).toBe(200);
    expect(page.data.quiet.map((c: { commitmentId: string }) => c.commitmentId)).toEqual(ids);
  });
});

describe("the demo", () => {
  it("holds the signed promise with example activities and two reports per municipality inside the period, labelled as example data", async () => {
    const db = testDb();
    expect((await seedDemo(db, { content, now: TODAY })).created).toBe(DEMO_PEOPLE.length);
    expect((await seedDemo(db, { content, now: TODAY })).created).toBe(0);
    for (const kommun of ["hogsby", "monsteras"]) {
      const page = await loadPublic(kommun);
      expect(page.data.promise.title).toBe(SIGNED.title);
      expect(page.data.progress).toMatchObject({ published: 2, promisedReports: 2, state: "ended" });
      expect(page.data.exampleData).toBe("Exempeldata: aktiviteter och rapporter här är påhittade för att visa hur sidan fungerar.");
      const activities = commitmentsOf(page.data.promise.focusAreas).flatMap((c) => c.activities);
      expect(new Set(activities.map((a) => a.recordedAs))).toEqual(new Set(["kommunen", "polisen"]));
    }
    expect(await db.selectFrom("followup_report").select("id").execute()).toHaveLength(4);
    expect(await db.selectFrom("promise").select("id").execute()).toHaveLength(1);
  });
});
