// SPDX-License-Identifier: EUPL-1.2
// Following up a published medborgarlöfte's commitments: activities, status and the police's
// commentary, each side on what it promised, only on a live version, every write audited.
import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/permissions.server";
import {
  followupViewOf,
  policeCommentaryOf,
  recordActivity,
  removeActivity,
  savePoliceCommentary,
  setCommitmentStatus,
  submitFollowupForm,
} from "~/modules/promises/commitment-followup.server";
import { attachPartner } from "~/modules/promises/police-partners.server";
import { getPromise } from "~/modules/promises/promises.server";
import { publishFrozenPromise, startCorrection, publishPromise } from "~/modules/promises/promise-editing.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as FROZEN } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { createMunicipality, createUser, testDb } from "../helpers/db";

// Inside the 2024–2025 period, so that a day in the spring of 2025 is neither future nor outside.
const NOW = new Date("2025-06-16T10:00:00Z");

function sessionUser(user: { id: string; email: string; name: string; role: SessionUser["role"]; municipalityId: string | null }): SessionUser {
  return { ...user, municipalitySlug: null, municipalityName: null, school: null };
}

async function publishedPromise() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const other = await createMunicipality(db, "kalmar", "Kalmar kommun");
  const coordinator = sessionUser(await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" }));
  const otherCoordinator = sessionUser(await createUser(db, { role: "coordinator", municipalityId: other.id, name: "Kim i Kalmar" }));
  const admin = sessionUser(await createUser(db, { role: "admin", name: "Ada Admin" }));
  const police = sessionUser(await createUser(db, { role: "polis", name: "Per Polis" }));
  const otherPolice = sessionUser(await createUser(db, { role: "polis", name: "Olle Okopplad" }));
  const published = await publishFrozenPromise(db, { actor: coordinator, promise: FROZEN, municipalityIds: [hogsby.id, monsteras.id], now: new Date("2024-01-10T10:00:00Z") });
  if (!published.ok) throw new Error(`not published: ${JSON.stringify(published)}`);
  const attached = await attachPartner(db, { actor: admin, promiseId: published.id, userId: police.id });
  if (!attached.ok) throw new Error(`not attached: ${JSON.stringify(attached)}`);
  const promise = (await getPromise(db, published.id))!;
  const commitments = promise.focusAreas.flatMap((a) => a.commitments);
  const ofOwner = (owner: string) => commitments.find((c) => c.owner === owner)!;
  return { db, coordinator, otherCoordinator, admin, police, otherPolice, promiseId: published.id, police_: ofOwner("polisen"), kommunen: ofOwner("kommunen"), bada: ofOwner("bada") };
}

const activity = { happenedOn: "2025-03-14", title: "Medborgardialog i centrala Högsby", description: "Samtal om trygghet på torget.", participants: "14", place: "Högsby torg" };

const audit = (action: string) => testDb().selectFrom("audit_event").select(["actor_id", "subject", "details"]).where("action", "=", action).execute();

describe("recording activities", () => {
  it("the police partner records an activity on a police commitment, as the police, audited with the promise", async () => {
    const f = await publishedPromise();
    const result = await recordActivity(f.db, { actor: f.police, commitmentId: f.police_.id, form: activity, now: NOW });
    expect(result).toEqual({ ok: true, id: expect.any(String) });
    const stored = (await getPromise(f.db, f.promiseId))!.focusAreas.flatMap((a) => a.commitments).find((c) => c.id === f.police_.id)!.activities;
    expect(stored).toEqual([
      expect.objectContaining({ happenedOn: "2025-03-14", title: activity.title, participants: 14, place: "Högsby torg", recordedAs: "polisen", recordedByName: "Per Polis" }),
    ]);
    expect(await audit("promise.activity_recorded")).toEqual([
      { actor_id: f.police.id, subject: f.promiseId, details: expect.stringContaining(`"promiseId":"${f.promiseId}"`) },
    ]);
  });

  it("a coordinator records on the municipality's and shared commitments, as the municipality; participants and place are optional", async () => {
    const f = await publishedPromise();
    const ok = await recordActivity(f.db, { actor: f.coordinator, commitmentId: f.bada.id, form: { ...activity, participants: "", place: "" }, now: NOW });
    expect(ok.ok).toBe(true);
    const row = await f.db.selectFrom("commitment_activity").select(["recorded_as", "participants", "place"]).executeTakeFirstOrThrow();
    expect(row).toEqual({ recorded_as: "kommunen", participants: null, place: null });
  });

  it("refuses bad input in Swedish and writes nothing", async () => {
    const f = await publishedPromise();
    const cases: Array<[Partial<typeof activity>, string, RegExp]> = [
      [{ happenedOn: "14/3 2025" }, "happenedOn", /ÅÅÅÅ-MM-DD/],
      [{ happenedOn: "2025-02-30" }, "happenedOn", /ÅÅÅÅ-MM-DD/],
      [{ happenedOn: "2025-06-17" }, "happenedOn", /har inte kommit än/],
      [{ happenedOn: "2023-12-31" }, "happenedOn", /utanför löftets period, 2024-01-01 till 2025-12-31/],
      [{ title: "  " }, "title", /Fyll i en rubrik/],
      [{ title: "x".repeat(151) }, "title", /högst 150 tecken/],
      [{ description: "" }, "description", /Fyll i en kort beskrivning/],
      [{ participants: "-3" }, "participants", /heltal, 0 eller mer/],
      [{ participants: "2.5" }, "participants", /heltal/],
      [{ participants: "1000001" }, "participants", /högst 100000/],
    ];
    for (const [change, field, message] of cases) {
      const result = await recordActivity(f.db, { actor: f.police, commitmentId: f.police_.id, form: { ...activity, ...change }, now: NOW });
      expect(result, JSON.stringify(change)).toEqual({ ok: false, status: 400, errors: { [field]: expect.stringMatching(message) } });
    }
    expect(await f.db.selectFrom("commitment_activity").select("id").execute()).toEqual([]);
    expect(await audit("promise.activity_recorded")).toEqual([]);
  });

  it("a police partner not attached to the promise, and another municipality's coordinator, get 404", async () => {
    const f = await publishedPromise();
    for (const actor of [f.otherPolice, f.otherCoordinator, f.admin]) {
      const result = await recordActivity(f.db, { actor, commitmentId: f.bada.id, form: activity, now: NOW });
      expect(result).toMatchObject({ ok: false, status: 404 });
    }
    expect(await recordActivity(f.db, { actor: f.police, commitmentId: "finns-inte", form: activity, now: NOW })).toMatchObject({ ok: false, status: 404 });
    expect(await f.db.selectFrom("commitment_activity").select("id").execute()).toEqual([]);
  });

  it("each side is told in Swedish that the other side's commitment is theirs to follow up", async () => {
    const f = await publishedPromise();
    expect(await recordActivity(f.db, { actor: f.police, commitmentId: f.kommunen.id, form: activity, now: NOW })).toEqual({
      ok: false,
      status: 400,
      errors: { form: "Det här åtagandet är kommunens att följa upp." },
    });
    expect(await setCommitmentStatus(f.db, { actor: f.coordinator, commitmentId: f.police_.id, status: "done", note: "Klart.", now: NOW })).toEqual({
      ok: false,
      status: 400,
      errors: { form: "Det här åtagandet är polisens att följa upp." },
    });
  });

  it("only the side that recorded an activity takes it back, audited", async () => {
    const f = await publishedPromise();
    const recorded = await recordActivity(f.db, { actor: f.police, commitmentId: f.bada.id, form: activity, now: NOW });
    if (!recorded.ok) throw new Error("not recorded");
    expect(await removeActivity(f.db, { actor: f.coordinator, activityId: recorded.id, now: NOW })).toMatchObject({ ok: false, status: 400 });
    expect(await removeActivity(f.db, { actor: f.otherPolice, activityId: recorded.id, now: NOW })).toMatchObject({ ok: false, status: 404 });
    expect(await removeActivity(f.db, { actor: f.police, activityId: recorded.id, now: NOW })).toEqual({ ok: true });
    expect(await f.db.selectFrom("commitment_activity").select("id").execute()).toEqual([]);
    expect(await audit("promise.activity_removed")).toEqual([{ actor_id: f.police.id, subject: f.promiseId, details: expect.stringContaining(recorded.id) }]);
  });
});

describe("setting a commitment's status", () => {
  it("keeps the history, the newest is current, each audited", async () => {
    const f = await publishedPromise();
    expect(await setCommitmentStatus(f.db, { actor: f.police, commitmentId: f.police_.id, status: "in_progress", note: "Arbetet har börjat.", now: new Date("2025-02-01T10:00:00Z") })).toEqual({ ok: true });
    expect(await setCommitmentStatus(f.db, { actor: f.police, commitmentId: f.police_.id, status: "done", note: "Genomfört enligt plan.", now: NOW })).toEqual({ ok: true });
    const view = (await followupViewOf(f.db, f.police, f.promiseId))!;
    const commitment = view.promise.focusAreas.flatMap((a) => a.commitments).find((c) => c.id === f.police_.id)!;
    expect(commitment.status).toMatchObject({ status: "done", note: "Genomfört enligt plan.", recordedAs: "polisen" });
    expect(view.history.filter((h) => h.commitmentId === f.police_.id).map((h) => h.status)).toEqual(["done", "in_progress"]);
    expect(await audit("promise.status_set")).toHaveLength(2);
  });

  it("refuses an unknown status and an empty note", async () => {
    const f = await publishedPromise();
    expect(await setCommitmentStatus(f.db, { actor: f.police, commitmentId: f.police_.id, status: "kanske", note: "x", now: NOW })).toEqual({
      ok: false,
      status: 400,
      errors: { status: expect.stringContaining("Välj en status") },
    });
    expect(await setCommitmentStatus(f.db, { actor: f.police, commitmentId: f.police_.id, status: "done", note: " ", now: NOW })).toEqual({
      ok: false,
      status: 400,
      errors: { note: expect.stringContaining("Fyll i") },
    });
    expect(await f.db.selectFrom("commitment_status").select("id").execute()).toEqual([]);
  });
});

describe("only a live version takes follow-up", () => {
  it("a replaced version answers 409 pointing to the new version; the correction carries on", async () => {
    const f = await publishedPromise();
    const correction = await startCorrection(f.db, { actor: f.coordinator, promiseId: f.promiseId, now: NOW });
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    const published = await publishPromise(f.db, { actor: f.coordinator, promiseId: correction.id, correctionNote: "Stavfel rättat.", now: NOW });
    expect(published).toEqual({ ok: true });
    const refused = await recordActivity(f.db, { actor: f.police, commitmentId: f.police_.id, form: activity, now: NOW });
    expect(refused).toEqual({ ok: false, status: 409, errors: { form: expect.stringContaining("ersatts av en rättad version") } });
    expect(await setCommitmentStatus(f.db, { actor: f.police, commitmentId: f.police_.id, status: "done", note: "Klart.", now: NOW })).toMatchObject({ ok: false, status: 409 });
    expect(await savePoliceCommentary(f.db, { actor: f.police, promiseId: f.promiseId, text: "Text", now: NOW })).toMatchObject({ ok: false, status: 409 });
    expect(await f.db.selectFrom("commitment_activity").select("id").execute()).toEqual([]);
    // The partner was copied to the correction, where follow-up continues.
    const counterpart = (await getPromise(f.db, correction.id))!.focusAreas.flatMap((a) => a.commitments).find((c) => c.lineage === f.police_.lineage)!;
    expect(await recordActivity(f.db, { actor: f.police, commitmentId: counterpart.id, form: activity, now: NOW })).toMatchObject({ ok: true });
  });

  it("a draft answers 409", async () => {
    const f = await publishedPromise();
    const correction = await startCorrection(f.db, { actor: f.coordinator, promiseId: f.promiseId, now: NOW });
    if (!correction.ok) throw new Error(JSON.stringify(correction));
    const draftCommitment = (await getPromise(f.db, correction.id))!.focusAreas.flatMap((a) => a.commitments).find((c) => c.owner === "kommunen")!;
    expect(await recordActivity(f.db, { actor: f.coordinator, commitmentId: draftCommitment.id, form: activity, now: NOW })).toEqual({
      ok: false,
      status: 409,
      errors: { form: expect.stringContaining("utkast") },
    });
  });
});

describe("the police's commentary", () => {
  it("is written by the attached partner only, one text per promise, audited", async () => {
    const f = await publishedPromise();
    expect(await savePoliceCommentary(f.db, { actor: f.police, promiseId: f.promiseId, text: "Första utkastet.", now: NOW })).toEqual({ ok: true });
    expect(await savePoliceCommentary(f.db, { actor: f.police, promiseId: f.promiseId, text: "  Polisen har genomfört två dialoger.  ", now: NOW })).toEqual({ ok: true });
    expect(await policeCommentaryOf(f.db, f.promiseId)).toBe("Polisen har genomfört två dialoger.");
    for (const actor of [f.otherPolice, f.coordinator, f.admin]) {
      expect(await savePoliceCommentary(f.db, { actor, promiseId: f.promiseId, text: "Inte min.", now: NOW })).toMatchObject({ ok: false, status: 404 });
    }
    expect(await savePoliceCommentary(f.db, { actor: f.police, promiseId: f.promiseId, text: "x".repeat(5001), now: NOW })).toMatchObject({ ok: false, status: 400 });
    expect(await policeCommentaryOf(f.db, f.promiseId)).toBe("Polisen har genomfört två dialoger.");
    expect(await audit("promise.police_commentary")).toHaveLength(2);
  });
});

describe("the follow-up pages' form", () => {
  it("refuses a commitment of another promise posted to this promise's page", async () => {
    const f = await publishedPromise();
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: "activity", commitmentId: f.police_.id, ...activity })) form.append(k, v);
    expect(await submitFollowupForm(f.db, { actor: f.police, promiseId: "annat-lofte", form, now: NOW })).toMatchObject({ ok: false, status: 404 });
    expect(await submitFollowupForm(f.db, { actor: f.police, promiseId: f.promiseId, form, now: NOW })).toEqual({ ok: true, notice: "Aktiviteten är registrerad." });
  });

  it("shows progress on a measurable target: each activity counts once towards it", async () => {
    const f = await publishedPromise();
    const dialogues = (await getPromise(f.db, f.promiseId))!.focusAreas.flatMap((a) => a.commitments).find((c) => c.targetCount === 2)!;
    expect((await followupViewOf(f.db, f.coordinator, f.promiseId))!.progress[dialogues.id]).toEqual({ done: 0, of: 2 });
    await recordActivity(f.db, { actor: f.coordinator, commitmentId: dialogues.id, form: activity, now: NOW });
    expect((await followupViewOf(f.db, f.police, f.promiseId))!.progress[dialogues.id]).toEqual({ done: 1, of: 2 });
    expect((await followupViewOf(f.db, f.police, f.promiseId))!.progress[f.police_.id]).toBeUndefined();
  });

  it("shows an unattached partner nothing", async () => {
    const f = await publishedPromise();
    expect(await followupViewOf(f.db, f.otherPolice, f.promiseId)).toBeUndefined();
    expect(await followupViewOf(f.db, f.otherCoordinator, f.promiseId)).toBeUndefined();
    expect((await followupViewOf(f.db, f.police, f.promiseId))?.actionable).toEqual(
      expect.arrayContaining([f.police_.id, f.bada.id]),
    );
    expect((await followupViewOf(f.db, f.police, f.promiseId))?.actionable).not.toContain(f.kommunen.id);
  });
});
