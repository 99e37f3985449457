// SPDX-License-Identifier: EUPL-1.2
// The coordinator's follow-up forms as use cases (followup/report-form.server.ts): a report is
// previewed before it is published, the figures published are the figures previewed, a
// correction replaces a report only once, and the preview shows every commitment of the promise.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { recordMaterialUse } from "~/modules/materials/usage.server";
import { correctionValues, followupMunicipalityOf, submitReportForm, type FollowupFormOutcome } from "~/modules/followup/report-form.server";
import { getReport, listReports } from "~/modules/followup/reports.server";
import { recordActivity, savePoliceCommentary } from "~/modules/promises/commitment-followup.server";
import { attachPartner } from "~/modules/promises/police-partners.server";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import { getPromise } from "~/modules/promises/promises.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { createMunicipality, createUser, testDb } from "../helpers/db";

let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

const REPORT = { title: "Uppföljning 1 2025", from: "2025-01-01", to: "2025-06-30", commentary: "Vi har **utbildat** coacher." };

function formOf(values: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(values)) form.append(key, value);
  return form;
}

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "hogsby", "Högsby kommun");
  const b = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id });
  const other = await createUser(db, { role: "coordinator", municipalityId: b.id });
  const submit = async (values: Record<string, string>, municipalityId = a.id, actorId = coordinator.id) =>
    submitReportForm(db, { municipality: await followupMunicipalityOf(db, municipalityId), actorId, form: formOf(values), content });
  return { db, a, b, coordinator, other, submit };
}

function previewIn(outcome: FollowupFormOutcome) {
  if (outcome.kind !== "preview") throw new Error(`expected a preview, got ${JSON.stringify(outcome)}`);
  return outcome.preview;
}

function publishFormOf(outcome: FollowupFormOutcome): Record<string, string> {
  const preview = previewIn(outcome);
  return { intent: "publish", ...preview.values, id: preview.id, checksum: preview.checksum };
}

describe("publishing a report to the citizens", () => {
  it("previews the report with its rendered commentary, and publishes exactly what was previewed", async () => {
    const { db, a, submit } = await setup();
    const preview = previewIn(await submit({ intent: "preview", ...REPORT }));
    expect(preview.values).toEqual({ ...REPORT, replaces: "" });
    expect(preview.period).toEqual({ from: "2025-01-01", to: "2025-06-30" });
    expect(preview.commentaryHtml).toBe("<p>Vi har <strong>utbildat</strong> coacher.</p>");
    expect(preview.figuresChanged).toBe(false);
    expect(await listReports(db, a.id)).toEqual([]);

    const published = await submit(publishFormOf({ kind: "preview", preview }));
    expect(published).toEqual({ kind: "published", id: preview.id });
    expect(await getReport(db, { municipalityId: a.id, id: preview.id })).toMatchObject({ title: "Uppföljning 1 2025", commentary: REPORT.commentary });
    // The same click again changes nothing.
    expect(await submit(publishFormOf({ kind: "preview", preview }))).toMatchObject({ kind: "errors", status: 409, errors: { form: expect.stringMatching(/redan publicerad/) } });
  });

  it("goes back to the form with what was typed on Ändra", async () => {
    const { submit } = await setup();
    expect(await submit({ intent: "edit", ...REPORT, title: "  Ny rubrik  " })).toEqual({ kind: "edit", values: { ...REPORT, title: "Ny rubrik", replaces: "" } });
  });

  it("refuses a report that breaks its rules, with one Swedish message per field, and publishes nothing", async () => {
    const { db, a, submit } = await setup();
    const outcome = await submit({ intent: "preview", title: "Ab", from: "2025-06-30", to: "2025-01-01", commentary: "" });
    expect(outcome).toEqual({
      kind: "errors",
      status: 400,
      errors: { title: "Rubriken måste ha minst 3 tecken.", commentary: "Skriv en kommentar till invånarna.", to: "Slutdatum kan inte vara före startdatum." },
      values: { intent: "preview", title: "Ab", from: "2025-06-30", to: "2025-01-01", commentary: "" },
    });
    const tomorrow = formatIsoDate(new Date(Date.now() + 36 * 3_600_000));
    expect(await submit({ intent: "preview", ...REPORT, to: tomorrow })).toMatchObject({
      errors: { to: "Perioden kan inte sluta efter i dag: siffrorna räknas när rapporten publiceras." },
    });
    expect(await submit({ intent: "preview", ...REPORT, from: "1999-12-31" })).toMatchObject({ errors: { from: "Startdatum kan inte vara före år 2000." } });
    expect(await submit({ intent: "radera", ...REPORT })).toMatchObject({ kind: "errors", status: 400, errors: { form: expect.stringMatching(/kunde inte läsas/) } });
    expect(await listReports(db, a.id)).toEqual([]);
  });

  it("publishes nothing that was not previewed", async () => {
    const { db, a, submit } = await setup();
    expect(await submit({ intent: "publish", ...REPORT })).toMatchObject({
      kind: "errors",
      status: 400,
      errors: { form: "Förhandsgranska rapporten innan du publicerar den." },
    });
    expect(await listReports(db, a.id)).toEqual([]);
  });

  it("shows the new figures instead of publishing when they changed after the preview", async () => {
    const { db, a, submit } = await setup();
    const first = await submit({ intent: "preview", ...REPORT });
    for (let i = 0; i < 6; i++) await recordMaterialUse(db, { material: "samtal-om-snus", municipalityId: a.id, kind: "view", day: formatIsoDate(new Date()) });
    const again = await submit(publishFormOf(first));
    expect(again.kind).toBe("preview");
    expect(previewIn(again).figuresChanged).toBe(true);
    expect(previewIn(again).id).toBe(previewIn(first).id);
    expect(await listReports(db, a.id)).toEqual([]);
    expect(await submit(publishFormOf(again))).toEqual({ kind: "published", id: previewIn(first).id });
  });

  it("corrects a report once: a report already replaced, or another municipality's, cannot be corrected", async () => {
    const { db, a, b, submit } = await setup();
    const original = await submit({ intent: "preview", ...REPORT });
    await submit(publishFormOf(original));
    const id = previewIn(original).id;
    expect(await correctionValues(db, { municipalityId: a.id, reportId: id })).toEqual({ ...REPORT, replaces: id });
    expect(await correctionValues(db, { municipalityId: b.id, reportId: id })).toBeNull();

    const correction = await submit({ intent: "preview", ...REPORT, title: "Uppföljning 1 2025, rättad", replaces: id });
    expect(previewIn(correction).replacesTitle).toBe("Uppföljning 1 2025");
    await submit(publishFormOf(correction));
    expect(await correctionValues(db, { municipalityId: a.id, reportId: id })).toBeNull();
    expect(await submit({ intent: "preview", ...REPORT, replaces: id })).toMatchObject({
      kind: "errors",
      status: 409,
      errors: { replaces: "Rapporten har redan ersatts av ”Uppföljning 1 2025, rättad”. Rätta den i stället." },
    });
    expect(await submit({ intent: "preview", ...REPORT, replaces: id }, b.id)).toMatchObject({ kind: "errors", status: 400, errors: { replaces: "Välj en rapport i listan." } });
  });
});

describe("the promise a report follows up", () => {
  it("previews every commitment of the current promise and the police's commentary, and shows them again when one changed before publishing", async () => {
    const { db, a, b, submit } = await setup();
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id });
    const actor = { id: coordinator.id, role: "coordinator" as const, municipalityId: a.id };
    const admin = await createUser(db, { role: "admin" });
    const police = await createUser(db, { role: "polis" });
    const published = await publishFrozenPromise(db, { actor, promise: SIGNED, municipalityIds: [a.id, b.id], now: new Date("2023-12-20T10:00:00Z") });
    if (!published.ok) throw new Error(JSON.stringify(published));
    const adminUser = { ...admin, municipalitySlug: null, municipalityName: null, school: null, municipalityId: null, role: "admin" as const };
    expect((await attachPartner(db, { actor: adminUser, promiseId: published.id, userId: police.id })).ok).toBe(true);
    const policeActor = { id: police.id, role: "polis" as const, municipalityId: null };
    expect((await savePoliceCommentary(db, { actor: policeActor, promiseId: published.id, text: "Polisen har **prioriterat** narkotika.", now: new Date("2025-06-01T10:00:00Z") })).ok).toBe(true);

    const first = await submit({ intent: "preview", ...REPORT });
    const preview = previewIn(first);
    expect(preview.promise?.title).toBe(SIGNED.title);
    expect(preview.focusAreas.map((area) => area.title)).toEqual(SIGNED.focusAreas.map((area) => area.title));
    expect(preview.focusAreas.flatMap((area) => area.commitments.map((c) => c.wording))).toEqual(SIGNED.focusAreas.flatMap((area) => area.commitments.map((c) => c.wording)));
    expect(preview.focusAreas[0]!.commitments[0]).toMatchObject({ statusLabel: "Ej påbörjat", ownerLabel: "Kommunen och polisen", activities: [] });
    expect(preview.policeCommentaryHtml).toContain("<strong>prioriterat</strong>");

    // The police record an activity after the preview: publishing shows the report again instead.
    const promise = (await getPromise(db, published.id))!;
    const dialogue = promise.focusAreas[0]!.commitments[1]!;
    const recorded = await recordActivity(db, {
      actor: policeActor,
      commitmentId: dialogue.id,
      form: { happenedOn: "2025-05-20", title: "Medborgardialog i centrala Mönsterås", description: "Om trygghet på torget.", participants: "19" },
      now: new Date("2025-06-02T10:00:00Z"),
    });
    expect(recorded.ok).toBe(true);
    const again = await submit(publishFormOf(first));
    expect(previewIn(again)).toMatchObject({ figuresChanged: true, id: preview.id });
    expect(previewIn(again).focusAreas[0]!.commitments[1]!.activities.map((x) => x.title)).toEqual(["Medborgardialog i centrala Mönsterås"]);
    expect(await listReports(db, a.id)).toEqual([]);
    expect(await submit(publishFormOf(again))).toEqual({ kind: "published", id: preview.id });
  });
});
