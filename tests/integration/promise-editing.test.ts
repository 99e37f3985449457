// SPDX-License-Identifier: EUPL-1.2
// Writing a medborgarlöfte: a coordinator writes a draft and publishes it; what was published
// never changes, a correction is a new version that names the one it replaces and takes its
// follow-up along; bad input is refused with a Swedish message and writes nothing; another
// municipality's coordinator finds nothing. The signed 2024–2025 promise comes out word for word.
import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { recordActivity, savePoliceCommentary, setCommitmentStatus, policeCommentaryOf } from "~/modules/promises/commitment-followup.server";
import { attachPartner, partnersOf } from "~/modules/promises/police-partners.server";
import { readPromiseDocument } from "~/modules/promises/promise-document.server";
import {
  addCommitment,
  addFocusArea,
  createPromiseDraft,
  moveCommitment,
  moveFocusArea,
  publishFrozenPromise,
  publishPromise,
  removeCommitment,
  removeFocusArea,
  renameFocusArea,
  savePromiseFacts,
  startCorrection,
  updateCommitment,
  uploadPromiseDocument,
  type PromiseActor,
} from "~/modules/promises/promise-editing.server";
import { getPromise, promisesOfMunicipality } from "~/modules/promises/promises.server";
import * as documentRoute from "~/routes/samordnare.loften.$id.dokument[.pdf]";
import * as editorRoute from "~/routes/samordnare.loften.$id._index";
import * as listRoute from "~/routes/samordnare.loften._index";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as FROZEN } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import type { Database } from "~db/schema";
import { bodyLimitFor, DEFAULT_BODY_LIMIT } from "../../server/body-limits.js";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, post } from "../helpers/requests";

const NOW = new Date("2026-03-10T10:00:00Z");

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby kommun");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const other = await createMunicipality(db, "kalmar", "Kalmar kommun");
  const coordinator: PromiseActor = { ...(await createUser(db, { role: "coordinator", municipalityId: hogsby.id, name: "Sara Samordnare" })), role: "coordinator", municipalityId: hogsby.id };
  const partnerCoordinator: PromiseActor = { ...(await createUser(db, { role: "coordinator", municipalityId: monsteras.id })), role: "coordinator", municipalityId: monsteras.id };
  const stranger: PromiseActor = { ...(await createUser(db, { role: "coordinator", municipalityId: other.id })), role: "coordinator", municipalityId: other.id };
  const adminUser = await createUser(db, { role: "admin" });
  const admin = { ...adminUser, role: "admin" as const, municipalityId: null, municipalitySlug: null, municipalityName: null, school: null };
  return { db, hogsby, monsteras, other, coordinator, partnerCoordinator, stranger, admin };
}

const commitmentForm = (over: Partial<Record<string, string>> = {}) => ({
  wording: "Kommunen lovar att utbilda ANDTS-coacher.",
  summary: "Kommunen utbildar ANDTS-coacher.",
  owner: "kommunen",
  target: "",
  targetCount: "",
  measure: "",
  ...over,
});

const facts = (over: Partial<Record<string, string | string[]>> = {}) => ({
  title: "Medborgarlöfte 2026–2027",
  policeArea: "Lokalpolisområde Västervik",
  periodStart: "2026-01-01",
  periodEnd: "2027-12-31",
  signedOn: "2025-12-18",
  promisedReports: "2",
  reportingWording: "",
  municipalityIds: [] as string[],
  ...over,
});

/** A complete draft: one focus area with one commitment, ready to publish. */
async function completeDraft(db: Kysely<Database>, actor: PromiseActor) {
  const draft = await createPromiseDraft(db, { actor, title: "Medborgarlöfte 2026–2027", now: NOW });
  if (!draft.ok) throw new Error("no draft");
  expect((await savePromiseFacts(db, { actor, promiseId: draft.id, form: facts(), now: NOW })).ok).toBe(true);
  const area = await addFocusArea(db, { actor, promiseId: draft.id, title: "Narkotika", now: NOW });
  if (!area.ok) throw new Error("no area");
  const commitment = await addCommitment(db, { actor, promiseId: draft.id, focusAreaId: area.id, form: commitmentForm(), now: NOW });
  if (!commitment.ok) throw new Error("no commitment");
  return { promiseId: draft.id, areaId: area.id, commitmentId: commitment.id };
}

/** Every row that makes up a version, to compare before and after. */
async function versionRows(db: Kysely<Database>, promiseId: string) {
  const [promise, municipalities, areas, commitments, document] = await Promise.all([
    db.selectFrom("promise").selectAll().where("id", "=", promiseId).execute(),
    db.selectFrom("promise_municipality").selectAll().where("promise_id", "=", promiseId).orderBy("municipality_id").execute(),
    db.selectFrom("promise_focus_area").selectAll().where("promise_id", "=", promiseId).orderBy("id").execute(),
    db.selectFrom("promise_commitment").selectAll().where("promise_id", "=", promiseId).orderBy("id").execute(),
    db.selectFrom("promise_document").select(["promise_id", "sha256", "size"]).where("promise_id", "=", promiseId).execute(),
  ]);
  return { promise, municipalities, areas, commitments, document };
}

const pdfFile = (text = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n", name = "loftet.pdf") => new File([text], name, { type: "application/pdf" });

describe("writing a draft", () => {
  it("creates a draft for the coordinator's municipality over the next two calendar years, promising two reports", async () => {
    const { db, coordinator, hogsby } = await setup();
    const draft = await createPromiseDraft(db, { actor: coordinator, title: "Nytt löfte", now: NOW });
    expect(draft.ok).toBe(true);
    const promise = await getPromise(db, (draft as { id: string }).id);
    expect(promise).toMatchObject({ state: "draft", title: "Nytt löfte", periodStart: "2027-01-01", periodEnd: "2028-12-31", promisedReports: 2 });
    expect(promise!.municipalities.map((m) => m.id)).toEqual([hogsby.id]);
    const audited = await db.selectFrom("audit_event").select(["action", "actor_id"]).where("subject", "=", promise!.id).execute();
    expect(audited).toEqual([{ action: "promise.created", actor_id: coordinator.id }]);
  });

  it("keeps the coordinator's own municipality and adds the ones chosen", async () => {
    const { db, coordinator, hogsby, monsteras } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    expect((await savePromiseFacts(db, { actor: coordinator, promiseId, form: facts({ municipalityIds: [monsteras.id] }) })).ok).toBe(true);
    expect((await getPromise(db, promiseId))!.municipalities.map((m) => m.id).sort()).toEqual([hogsby.id, monsteras.id].sort());
    expect((await savePromiseFacts(db, { actor: coordinator, promiseId, form: facts({ municipalityIds: [] }) })).ok).toBe(true);
    expect((await getPromise(db, promiseId))!.municipalities.map((m) => m.id)).toEqual([hogsby.id]);
  });

  it("orders, renames and removes focus areas and commitments", async () => {
    const { db, coordinator } = await setup();
    const { promiseId, areaId, commitmentId } = await completeDraft(db, coordinator);
    const second = await addFocusArea(db, { actor: coordinator, promiseId, title: "Trygghet" });
    if (!second.ok) throw new Error("no area");
    expect((await moveFocusArea(db, { actor: coordinator, promiseId, focusAreaId: second.id, direction: "up" })).ok).toBe(true);
    expect((await renameFocusArea(db, { actor: coordinator, promiseId, focusAreaId: areaId, title: "Narkotika bland unga" })).ok).toBe(true);
    const another = await addCommitment(db, { actor: coordinator, promiseId, focusAreaId: areaId, form: commitmentForm({ wording: "Andra", owner: "polisen" }) });
    if (!another.ok) throw new Error("no commitment");
    expect((await moveCommitment(db, { actor: coordinator, promiseId, commitmentId: another.id, direction: "up" })).ok).toBe(true);
    let promise = (await getPromise(db, promiseId))!;
    expect(promise.focusAreas.map((a) => a.title)).toEqual(["Trygghet", "Narkotika bland unga"]);
    expect(promise.focusAreas[1]!.commitments.map((c) => c.wording)).toEqual(["Andra", "Kommunen lovar att utbilda ANDTS-coacher."]);
    expect((await removeCommitment(db, { actor: coordinator, promiseId, commitmentId })).ok).toBe(true);
    expect((await removeFocusArea(db, { actor: coordinator, promiseId, focusAreaId: second.id })).ok).toBe(true);
    promise = (await getPromise(db, promiseId))!;
    expect(promise.focusAreas.map((a) => [a.title, a.commitments.map((c) => c.wording)])).toEqual([["Narkotika bland unga", ["Andra"]]]);
  });

  it("keeps the wording word for word, line breaks as written", async () => {
    const { db, coordinator } = await setup();
    const { promiseId, commitmentId } = await completeDraft(db, coordinator);
    const wording = "Polisen och kommunerna lovar att informera och öka kunskaper kring bedrägerier.\r\nAndra stycket, bl.a. (2) gånger.";
    expect((await updateCommitment(db, { actor: coordinator, promiseId, commitmentId, form: commitmentForm({ wording, target: "minst 1 träff", targetCount: "3", measure: "certified_coaches" }) })).ok).toBe(true);
    const c = (await getPromise(db, promiseId))!.focusAreas[0]!.commitments[0]!;
    expect(c).toMatchObject({ wording: wording.replace("\r\n", "\n"), target: "minst 1 träff", targetCount: 3, measure: "certified_coaches" });
  });
});

describe("bad input gets a Swedish message and writes nothing", () => {
  it("refuses a period that ends before it starts", async () => {
    const { db, coordinator } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    const before = await versionRows(db, promiseId);
    const result = await savePromiseFacts(db, { actor: coordinator, promiseId, form: facts({ title: "Ändrad", periodStart: "2027-01-01", periodEnd: "2026-12-31" }) });
    expect(result).toEqual({ ok: false, status: 400, errors: { periodEnd: expect.stringContaining("Perioden kan inte sluta innan den börjar") } });
    expect(await versionRows(db, promiseId)).toEqual(before);
  });

  it("refuses an empty wording, on adding and on changing", async () => {
    const { db, coordinator } = await setup();
    const { promiseId, areaId, commitmentId } = await completeDraft(db, coordinator);
    const before = await versionRows(db, promiseId);
    const added = await addCommitment(db, { actor: coordinator, promiseId, focusAreaId: areaId, form: commitmentForm({ wording: "  \r\n " }) });
    expect(added).toEqual({ ok: false, status: 400, errors: { wording: "Skriv åtagandets ordalydelse, ord för ord som i det undertecknade löftet." } });
    const updated = await updateCommitment(db, { actor: coordinator, promiseId, commitmentId, form: commitmentForm({ wording: "" }) });
    expect(updated).toMatchObject({ ok: false, status: 400, errors: { wording: expect.stringContaining("ordalydelse") } });
    expect(await versionRows(db, promiseId)).toEqual(before);
  });

  it("refuses a file that is not a PDF by its content, whatever its name", async () => {
    const { db, coordinator } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    const result = await uploadPromiseDocument(db, { actor: coordinator, promiseId, file: new File(["<html>inte en pdf</html>"], "loftet.pdf", { type: "application/pdf" }) });
    expect(result).toEqual({ ok: false, status: 400, errors: { file: "Filen är inte en PDF. Välj det undertecknade löftet sparat som PDF." } });
    expect(await readPromiseDocument(db, promiseId)).toBeUndefined();
  });

  it("refuses a PDF over 10 MB", async () => {
    const { db, coordinator } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    big.set(new TextEncoder().encode("%PDF-1.4\n"));
    const result = await uploadPromiseDocument(db, { actor: coordinator, promiseId, file: new File([big], "stor.pdf") });
    expect(result).toEqual({ ok: false, status: 400, errors: { file: expect.stringContaining("större än 10 MB") } });
    expect(await readPromiseDocument(db, promiseId)).toBeUndefined();
  });

  it("takes a real PDF and gives back the same bytes", async () => {
    const { db, coordinator } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    expect((await uploadPromiseDocument(db, { actor: coordinator, promiseId, file: pdfFile(undefined, "../Löftet 2026.pdf") })).ok).toBe(true);
    const stored = await readPromiseDocument(db, promiseId);
    expect(stored).toMatchObject({ fileName: "Löftet 2026.pdf", size: 35 });
    expect(new TextDecoder().decode(stored!.data)).toBe("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n");
  });

  it("the server lets a 10 MB PDF through to the editor, with its form around it, and nothing much larger", () => {
    const editor = "/samordnare/loften/abcdefghijklmnopqrstuvwx";
    expect(bodyLimitFor(editor)).toBeGreaterThan(10 * 1024 * 1024 + 64 * 1024);
    expect(bodyLimitFor(editor)).toBeLessThan(11 * 1024 * 1024);
    expect(bodyLimitFor(`${editor}.data`)).toBe(bodyLimitFor(editor));
    expect(bodyLimitFor("/samordnare/loften")).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimitFor("/samordnare/loften/abcdefghijklmnopqrstuvwx/uppfoljning")).toBe(DEFAULT_BODY_LIMIT);
  });

  it("will not publish an incomplete promise", async () => {
    const { db, coordinator } = await setup();
    const draft = await createPromiseDraft(db, { actor: coordinator, title: "Tomt" });
    if (!draft.ok) throw new Error("no draft");
    const result = await publishPromise(db, { actor: coordinator, promiseId: draft.id });
    expect(result).toMatchObject({ ok: false, status: 400, errors: { policeArea: expect.any(String), signedOn: expect.any(String), focusAreas: expect.any(String) } });
    expect((await getPromise(db, draft.id))!.state).toBe("draft");
  });
});

describe("a published promise never changes", () => {
  it("every editing function refuses a published version with 409, and its rows stay as they were", async () => {
    const { db, coordinator, monsteras } = await setup();
    const { promiseId, areaId, commitmentId } = await completeDraft(db, coordinator);
    expect((await uploadPromiseDocument(db, { actor: coordinator, promiseId, file: pdfFile() })).ok).toBe(true);
    expect(await publishPromise(db, { actor: coordinator, promiseId, now: NOW })).toEqual({ ok: true });
    const before = await versionRows(db, promiseId);
    const actor = coordinator;
    const attempts = [
      savePromiseFacts(db, { actor, promiseId, form: facts({ title: "Ändrad", municipalityIds: [monsteras.id] }) }),
      addFocusArea(db, { actor, promiseId, title: "Nytt" }),
      renameFocusArea(db, { actor, promiseId, focusAreaId: areaId, title: "Nytt namn" }),
      moveFocusArea(db, { actor, promiseId, focusAreaId: areaId, direction: "down" }),
      removeFocusArea(db, { actor, promiseId, focusAreaId: areaId }),
      addCommitment(db, { actor, promiseId, focusAreaId: areaId, form: commitmentForm() }),
      updateCommitment(db, { actor, promiseId, commitmentId, form: commitmentForm({ wording: "Ändrad lydelse" }) }),
      moveCommitment(db, { actor, promiseId, commitmentId, direction: "up" }),
      removeCommitment(db, { actor, promiseId, commitmentId }),
      uploadPromiseDocument(db, { actor, promiseId, file: pdfFile("%PDF-1.7 annan") }),
      publishPromise(db, { actor, promiseId }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, status: 409, errors: { form: expect.stringContaining("Rätta löftet") } });
    expect(await versionRows(db, promiseId)).toEqual(before);
  });
});

describe("corrections", () => {
  it("a correction is a draft copy that links to the version it replaces, which then shows as replaced", async () => {
    const { db, coordinator, partnerCoordinator, monsteras } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    await savePromiseFacts(db, { actor: coordinator, promiseId, form: facts({ municipalityIds: [monsteras.id] }) });
    await uploadPromiseDocument(db, { actor: coordinator, promiseId, file: pdfFile() });
    await publishPromise(db, { actor: coordinator, promiseId, now: NOW });

    const correction = await startCorrection(db, { actor: coordinator, promiseId });
    if (!correction.ok) throw new Error("no correction");
    // The other municipality's coordinator opens the same draft, not a second one.
    expect(await startCorrection(db, { actor: partnerCoordinator, promiseId })).toEqual({ ok: true, id: correction.id });
    const draft = (await getPromise(db, correction.id))!;
    const original = (await getPromise(db, promiseId))!;
    expect(draft).toMatchObject({ state: "draft", replacesId: promiseId, hasDocument: true, title: original.title, periodEnd: original.periodEnd });
    expect(draft.focusAreas[0]!.commitments[0]!.lineage).toBe(original.focusAreas[0]!.commitments[0]!.lineage);
    expect(draft.focusAreas[0]!.commitments[0]!.id).not.toBe(original.focusAreas[0]!.commitments[0]!.id);
    // A draft correction does not yet replace anything; the published version's page leads to it.
    expect(original.replacedById).toBeNull();
    const page = await call(editorRoute.loader, get(`/samordnare/loften/${promiseId}`, await cookieFor(partnerCoordinator.id)), { id: promiseId });
    expect(page.data.openCorrectionId).toBe(correction.id);

    const commitmentId = draft.focusAreas[0]!.commitments[0]!.id;
    await updateCommitment(db, { actor: coordinator, promiseId: draft.id, commitmentId, form: commitmentForm({ wording: "Kommunerna lovar att satsa på utbildning av ANDTS-coacher." }) });
    expect(await publishPromise(db, { actor: coordinator, promiseId: draft.id })).toEqual({
      ok: false,
      status: 400,
      errors: { correctionNote: expect.stringContaining("Skriv vad som rättades") },
    });
    expect(await publishPromise(db, { actor: coordinator, promiseId: draft.id, correctionNote: "Ordalydelsen stämmer nu med det undertecknade löftet." })).toEqual({ ok: true });

    const replaced = (await getPromise(db, promiseId))!;
    const live = (await getPromise(db, draft.id))!;
    expect(replaced.replacedById).toBe(draft.id);
    expect(replaced.focusAreas[0]!.commitments[0]!.wording).toBe("Kommunen lovar att utbilda ANDTS-coacher.");
    expect(live).toMatchObject({ state: "published", replacesId: promiseId, correctionNote: "Ordalydelsen stämmer nu med det undertecknade löftet." });
    expect(await startCorrection(db, { actor: coordinator, promiseId })).toMatchObject({ ok: false, status: 409 });
    expect((await promisesOfMunicipality(db, monsteras.id)).map((p) => p.id).sort()).toEqual([promiseId, draft.id].sort());
  });

  it("the follow-up goes along to the correction by lineage: activities, statuses, police partners and the police's commentary", async () => {
    const { db, coordinator, admin } = await setup();
    const police = await createUser(db, { role: "polis", name: "Petra Polis" });
    const policeActor = { id: police.id, role: "polis" as const, municipalityId: null };
    const draft = await createPromiseDraft(db, { actor: coordinator, title: "Löftet", now: NOW });
    if (!draft.ok) throw new Error("no draft");
    const promiseId = draft.id;
    await savePromiseFacts(db, { actor: coordinator, promiseId, form: facts() });
    const area = await addFocusArea(db, { actor: coordinator, promiseId, title: "Trygghet" });
    if (!area.ok) throw new Error("no area");
    const shared = await addCommitment(db, { actor: coordinator, promiseId, focusAreaId: area.id, form: commitmentForm({ wording: "Medborgardialog", owner: "bada" }) });
    const dropped = await addCommitment(db, { actor: coordinator, promiseId, focusAreaId: area.id, form: commitmentForm({ wording: "Tas bort i rättelsen" }) });
    if (!shared.ok || !dropped.ok) throw new Error("no commitments");
    expect(await publishPromise(db, { actor: coordinator, promiseId, now: NOW })).toEqual({ ok: true });

    expect((await attachPartner(db, { actor: admin, promiseId, userId: police.id, now: NOW })).ok).toBe(true);
    const activity = { happenedOn: "2026-03-01", title: "Medborgardialog i centrala Högsby", description: "Samtal om trygghet", participants: "14", place: "Högsby" };
    expect((await recordActivity(db, { actor: coordinator, commitmentId: shared.id, form: activity, now: NOW })).ok).toBe(true);
    expect((await recordActivity(db, { actor: policeActor, commitmentId: shared.id, form: { ...activity, title: "Trygghetsvandring" }, now: NOW })).ok).toBe(true);
    expect((await recordActivity(db, { actor: coordinator, commitmentId: dropped.id, form: activity, now: NOW })).ok).toBe(true);
    expect((await setCommitmentStatus(db, { actor: coordinator, commitmentId: shared.id, status: "in_progress", note: "En av två hållen", now: NOW })).ok).toBe(true);
    expect((await savePoliceCommentary(db, { actor: policeActor, promiseId, text: "Polisen har varit med på dialogen.", now: NOW })).ok).toBe(true);

    const correction = await startCorrection(db, { actor: coordinator, promiseId });
    if (!correction.ok) throw new Error("no correction");
    const copy = (await getPromise(db, correction.id))!;
    const droppedCopy = copy.focusAreas[0]!.commitments.find((c) => c.wording === "Tas bort i rättelsen")!;
    await removeCommitment(db, { actor: coordinator, promiseId: correction.id, commitmentId: droppedCopy.id });
    // An admin may attach the partner to the draft before it is published: publication does not attach them twice.
    expect((await attachPartner(db, { actor: admin, promiseId: correction.id, userId: police.id, now: NOW })).ok).toBe(true);
    expect(await publishPromise(db, { actor: coordinator, promiseId: correction.id, correctionNote: "Ett åtagande som inte fanns i löftet är borttaget.", now: NOW })).toEqual({ ok: true });

    const before = (await getPromise(db, promiseId))!;
    const after = (await getPromise(db, correction.id))!;
    const old = before.focusAreas[0]!.commitments.find((c) => c.id === shared.id)!;
    const carried = after.focusAreas[0]!.commitments.find((c) => c.lineage === old.lineage)!;
    expect(after.focusAreas[0]!.commitments).toHaveLength(1);
    const content = (list: typeof old.activities) => list.map((a) => ({ ...a, id: undefined })).sort((x, y) => x.title.localeCompare(y.title));
    expect(content(carried.activities)).toEqual(content(old.activities));
    expect(carried.activities.map((a) => a.id)).not.toEqual(old.activities.map((a) => a.id));
    expect(carried.activities.map((a) => a.recordedAs).sort()).toEqual(["kommunen", "polisen"]);
    expect(carried.status).toEqual(old.status);
    expect(carried.status).toMatchObject({ status: "in_progress", note: "En av två hållen" });
    expect((await partnersOf(db, correction.id)).map((p) => p.id)).toEqual([police.id]);
    expect(await policeCommentaryOf(db, correction.id)).toBe("Polisen har varit med på dialogen.");
    // The replaced version keeps what it had.
    expect(old.activities).toHaveLength(2);
  });
});

describe("another municipality's coordinator", () => {
  it("gets 404 from every function, and nothing changes", async () => {
    const { db, coordinator, stranger } = await setup();
    const { promiseId, areaId, commitmentId } = await completeDraft(db, coordinator);
    const before = await versionRows(db, promiseId);
    const actor = stranger;
    const attempts = [
      savePromiseFacts(db, { actor, promiseId, form: facts({ title: "Kapat" }) }),
      addFocusArea(db, { actor, promiseId, title: "Nytt" }),
      renameFocusArea(db, { actor, promiseId, focusAreaId: areaId, title: "Nytt namn" }),
      moveFocusArea(db, { actor, promiseId, focusAreaId: areaId, direction: "down" }),
      removeFocusArea(db, { actor, promiseId, focusAreaId: areaId }),
      addCommitment(db, { actor, promiseId, focusAreaId: areaId, form: commitmentForm() }),
      updateCommitment(db, { actor, promiseId, commitmentId, form: commitmentForm({ wording: "Ändrad" }) }),
      moveCommitment(db, { actor, promiseId, commitmentId, direction: "up" }),
      removeCommitment(db, { actor, promiseId, commitmentId }),
      uploadPromiseDocument(db, { actor, promiseId, file: pdfFile() }),
      publishPromise(db, { actor, promiseId }),
      startCorrection(db, { actor, promiseId }),
    ];
    for (const result of await Promise.all(attempts)) expect(result).toMatchObject({ ok: false, status: 404 });
    expect(await versionRows(db, promiseId)).toEqual(before);
  });

  it("gets 404 from the editor, its actions and the document", async () => {
    const { db, coordinator, stranger } = await setup();
    const { promiseId } = await completeDraft(db, coordinator);
    await uploadPromiseDocument(db, { actor: coordinator, promiseId, file: pdfFile() });
    const cookie = await cookieFor(stranger.id);
    const own = await cookieFor(coordinator.id);
    expect((await call(editorRoute.loader, get(`/samordnare/loften/${promiseId}`, cookie), { id: promiseId })).status).toBe(404);
    expect((await call(editorRoute.action, post(`/samordnare/loften/${promiseId}`, { intent: "facts", ...facts({ title: "Kapat" }) }, cookie), { id: promiseId })).status).toBe(404);
    expect((await call(documentRoute.loader, get(`/samordnare/loften/${promiseId}/dokument.pdf`, cookie), { id: promiseId })).status).toBe(404);
    expect((await getPromise(db, promiseId))!.title).toBe("Medborgarlöfte 2026–2027");
    const list = await call(listRoute.loader, get("/samordnare/loften", cookie));
    expect(JSON.stringify(list.data)).not.toContain(promiseId);
    // Its own coordinator gets the same pages.
    expect((await call(editorRoute.loader, get(`/samordnare/loften/${promiseId}`, own), { id: promiseId })).status).toBe(200);
    const pdf = await documentRoute.loader({ request: get(`/samordnare/loften/${promiseId}/dokument.pdf`, own), params: { id: promiseId }, context: {} as never });
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
  });
});

describe("the pages", () => {
  it("a coordinator starts a draft from the list and edits it with plain forms", async () => {
    const { db, coordinator } = await setup();
    const cookie = await cookieFor(coordinator.id);
    const created = await call(listRoute.action, post("/samordnare/loften", { title: "Medborgarlöfte 2027–2028" }, cookie));
    expect(created.status).toBe(302);
    const id = new URL(created.headers.get("Location")!, "http://localhost").pathname.split("/").pop()!;
    const saved = await call(editorRoute.action, post(`/samordnare/loften/${id}`, { intent: "facts", ...facts({ periodStart: "2028-01-01", periodEnd: "2027-01-01" }) }, cookie), { id });
    expect(saved.status).toBe(400);
    expect(saved.data.errors.periodEnd).toContain("Perioden kan inte sluta innan den börjar");
    const area = await call(editorRoute.action, post(`/samordnare/loften/${id}`, { intent: "add-area", title: "Trygghet" }, cookie), { id });
    expect(area.status).toBeLessThan(400);
    const promise = (await getPromise(db, id))!;
    expect(promise.focusAreas.map((a) => a.title)).toEqual(["Trygghet"]);
    const empty = await call(editorRoute.action, post(`/samordnare/loften/${id}`, { intent: "add-commitment", focusAreaId: promise.focusAreas[0]!.id, ...commitmentForm({ wording: "" }) }, cookie), { id });
    expect(empty.status).toBe(400);
    expect(empty.data.errors.wording).toContain("ordalydelse");
  });
});

describe("the signed 2024–2025 promise", () => {
  it("publishFrozenPromise reproduces it word for word: four focus areas, seven commitments", async () => {
    const { db, coordinator, hogsby, monsteras } = await setup();
    const result = await publishFrozenPromise(db, { actor: coordinator, promise: FROZEN, municipalityIds: [hogsby.id, monsteras.id], now: NOW });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const promise = (await getPromise(db, result.id))!;
    expect(promise).toMatchObject({
      state: "published",
      title: FROZEN.title,
      policeArea: FROZEN.policeArea,
      periodStart: FROZEN.periodStart,
      periodEnd: FROZEN.periodEnd,
      signedOn: FROZEN.signedOn,
      promisedReports: FROZEN.promisedReports,
      reportingWording: FROZEN.reportingWording,
    });
    expect(promise.municipalities.map((m) => m.slug).sort()).toEqual([...FROZEN.municipalities].sort());
    expect(promise.focusAreas).toHaveLength(4);
    expect(promise.focusAreas.flatMap((a) => a.commitments)).toHaveLength(7);
    expect(
      promise.focusAreas.map((a) => ({
        title: a.title,
        commitments: a.commitments.map((c) => ({ wording: c.wording, summary: c.summary, owner: c.owner, target: c.target, targetCount: c.targetCount, measure: c.measure })),
      })),
    ).toEqual(FROZEN.focusAreas);
  });
});
