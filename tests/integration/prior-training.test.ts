// SPDX-License-Identifier: EUPL-1.2
// Earlier training: a coordinator credits steps completed before the portal, one person at a
// time or from a file. A file is checked in full and written all-or-nothing; the confirm step
// trusts nothing from the preview; credits that complete a track issue the certificate.
import { describe, expect, it } from "vitest";
import { getContent } from "~/content/content.server";
import ExcelJS from "exceljs";
import { creditedSteps, readImportFile, previewImport, confirmImport, registerPriorTraining, parseCsv, signPayload } from "~/modules/certification/credits.server";
import { action, loader } from "~/routes/samordnare.tidigare-utbildning";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

const TRACK = "andts-coach-grund";
const NOW = new Date("2026-03-01T10:00:00Z");
const track = () => getContent().tracks.find((t) => t.slug === TRACK)!;

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "a");
  const b = await createMunicipality(db, "b");
  const coordinator = await createUser(db, { role: "coordinator", municipalityId: a.id, name: "Sam Ordnare" });
  const otherCoordinator = await createUser(db, { role: "coordinator", municipalityId: b.id });
  const coach = await createUser(db, { role: "coach", municipalityId: a.id, email: "anna@a.example", name: "Anna Andersson" });
  const coach2 = await createUser(db, { role: "coach", municipalityId: a.id, email: "bo@a.example", name: "Bo Berg" });
  const foreign = await createUser(db, { role: "coach", municipalityId: b.id, email: "cecilia@b.example", name: "Cecilia Ceder" });
  const actor = { ...coordinator, municipalityId: a.id, municipalitySlug: "a", municipalityName: "a kommun", school: null };
  return { db, a, b, coordinator, otherCoordinator, coach, coach2, foreign, actor };
}

async function counts() {
  const db = testDb();
  const prior = await db.selectFrom("prior_training").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const audit = await db.selectFrom("audit_event").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "like", "prior.%").executeTakeFirstOrThrow();
  return { prior: Number(prior.n), audit: Number(audit.n) };
}

function csv(lines: string[]): string[][] {
  return parseCsv(`\uFEFFe-post;namn;datum;moment\n${lines.join("\n")}\n`);
}

async function signed(db: ReturnType<typeof testDb>, actorId: string, rows: string[][]) {
  const payload = JSON.stringify(rows);
  return { payload, signature: await signPayload(db, actorId, TRACK, payload) };
}

describe("the CSV parser", () => {
  it("reads quoted fields, both delimiters and a BOM", () => {
    expect(parseCsv('\uFEFFa;b\n"x;y";"sa ""hej"""\r\n')).toEqual([["a", "b"], ["x;y", 'sa "hej"']]);
    expect(parseCsv('e-post,moment\nanna@a.example,"utbildningsdag-1, utbildningsdag-2"\n')).toEqual([["e-post", "moment"], ["anna@a.example", "utbildningsdag-1, utbildningsdag-2"]]);
  });
});

describe("reading an uploaded file", () => {
  it("reads an XLSX file, dates typed as dates included, and turns away empty and oversized files", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Blad1");
    sheet.addRow(["e-post", "namn", "datum", "moment"]);
    sheet.addRow(["anna@a.example", "Anna Andersson", new Date(Date.UTC(2024, 9, 15)), "alla"]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const read = await readImportFile({ name: "lista.xlsx", bytes });
    expect(read).toEqual({ ok: true, rows: [["e-post", "namn", "datum", "moment"], ["anna@a.example", "Anna Andersson", "2024-10-15", "alla"]] });
    expect(await readImportFile({ name: "tom.csv", bytes: new Uint8Array() })).toMatchObject({ ok: false });
    expect(await readImportFile({ name: "stor.csv", bytes: new Uint8Array(2 * 1024 * 1024 + 1) })).toMatchObject({ ok: false, message: expect.stringContaining("2 MB") });
    expect(await readImportFile({ name: "latin1.csv", bytes: new Uint8Array([0x65, 0x3b, 0xe5, 0x0a]) })).toMatchObject({ ok: false, message: expect.stringContaining("UTF-8") });
  });

  it("refuses a file with more than 2 000 rows", async () => {
    const { db, actor } = await setup();
    const rows = [["e-post", "namn", "datum", "moment"], ...Array.from({ length: 2001 }, () => ["anna@a.example", "", "2024-10-15", "alla"])];
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(preview.fileError).toContain("Högst 2000 rader");
  });
});

describe("importing earlier training", () => {
  it("names every bad row and writes nothing when any row has an error", async () => {
    const { db, actor, coach } = await setup();
    await registerPriorTraining(db, { actor, content: getContent(), track: track(), coachId: coach.id, all: false, steps: ["utbildningsdag-1"], date: "2024-10-01", note: null, now: NOW });
    const before = await counts();
    const rows = csv([
      "anna@a.example;Anna Andersson;2024-10-15;utbildningsdag-2", // 2: new
      "bo@a.example;Bo Berg;31/13/2024;alla", // 3: bad date
      "okand@a.example;Okänd;2024-10-15;alla", // 4: no account: would be invited (issue #16), but the file is refused
      "cecilia@b.example;Cecilia Ceder;2024-10-15;alla", // 5: another municipality's coach
      "anna@a.example;Anna Andersson;2024-10-16;utbildningsdag-2", // 6: duplicate in the file
      "bo@a.example;Bo Berg;2024-10-15;flygning", // 7: unknown step
      "bo@a.example;Bo Berg;2030-01-01;utbildningsdag-1", // 8: in the future
      "anna@a.example;Anna Andersson;2024-10-01;utbildningsdag-1", // 9: already registered
    ]);
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(preview.rows.map((r) => r.outcome)).toEqual(["new", "error", "new", "error", "error", "error", "error", "existing"]);
    const messages = preview.rows.flatMap((r) => r.errors);
    expect(messages).toContain('Rad 3: datumet "31/13/2024" är inte ett datum (ÅÅÅÅ-MM-DD).');
    expect(preview.rows[2]!.person).toBe("new");
    // Another municipality's coach is refused, not invited: an address has one account.
    expect(messages).toContain('Rad 5: e-postadressen "cecilia@b.example" hör till ett konto som inte är coach i din kommun.');
    expect(messages.some((m) => m.startsWith("Rad 6:") && m.includes("rad 2"))).toBe(true);
    expect(messages).toContain('Rad 7: momentet "flygning" finns inte i utbildningen.');
    expect(messages).toContain('Rad 8: datumet "2030-01-01" ligger i framtiden.');
    expect(await counts()).toEqual(before);

    const result = await confirmImport(db, { actor, content: getContent(), track: track(), ...(await signed(db, actor.id, rows)), now: NOW });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain("3, 5, 6, 7, 8");
    expect(await counts()).toEqual(before);
    expect(await db.selectFrom("invitation").select("id").where("email", "=", "okand@a.example").execute()).toEqual([]);
  });

  it("writes every row of a valid file in one go, skips rows already registered, warns on a name mismatch and audits", async () => {
    const { db, actor, coach, coach2 } = await setup();
    await registerPriorTraining(db, { actor, content: getContent(), track: track(), coachId: coach.id, all: false, steps: ["utbildningsdag-1"], date: "2024-10-01", note: null, now: NOW });
    const rows = csv(["anna@a.example;Anna Andersson;2024-10-01;utbildningsdag-1", "ANNA@a.example;Anna A;2024-10-15;Utbildningsdag 2", "bo@a.example;Bo Berg;2024-10-15;utbildningsdag-1,utbildningsdag-2"]);
    const preview = await previewImport(db, { actor, content: getContent(), track: track(), rows, now: NOW });
    expect(preview.errorCount).toBe(0);
    expect(preview.rows[1]!.warnings[0]).toContain("Rad 3: namnet");
    const before = await counts();
    const result = await confirmImport(db, { actor, content: getContent(), track: track(), ...(await signed(db, actor.id, rows)), now: NOW });
    expect(result).toMatchObject({ ok: true, created: 3, skipped: 1, people: 2 });
    const after = await counts();
    expect(after.prior - before.prior).toBe(3);
    expect(after.audit - before.audit).toBe(3); // one per person written, one for the import
    expect([...(await creditedSteps(db, coach2.id, TRACK)).keys()].sort()).toEqual(["utbildningsdag-1", "utbildningsdag-2"]);
    const imported = await db.selectFrom("audit_event").selectAll().where("action", "=", "prior.imported").execute();
    expect(imported).toHaveLength(1);
  });

  it("refuses a confirm payload changed after the preview, or signed for another coordinator", async () => {
    const { db, actor, otherCoordinator } = await setup();
    const rows = csv(["anna@a.example;Anna Andersson;2024-10-15;alla"]);
    const { payload, signature } = await signed(db, actor.id, rows);
    const tampered = payload.replace("anna@a.example", "bo@a.example");
    const before = await counts();
    const r1 = await confirmImport(db, { actor, content: getContent(), track: track(), payload: tampered, signature, now: NOW });
    expect(r1.ok).toBe(false);
    const foreign = await signed(db, otherCoordinator.id, rows);
    const r2 = await confirmImport(db, { actor, content: getContent(), track: track(), ...foreign, now: NOW });
    expect(r2.ok).toBe(false);
    const r3 = await confirmImport(db, { actor, content: getContent(), track: track(), payload, signature: "nonsens", now: NOW });
    expect(r3.ok).toBe(false);
    expect(await counts()).toEqual(before);
  });

  it("turns the whole page away from a coach, and a coordinator of another municipality cannot credit coaches of municipality A", async () => {
    const { db, coach, otherCoordinator } = await setup();
    expect((await call(loader, get("/samordnare/tidigare-utbildning", await cookieFor(coach.id)))).status).toBe(403);
    const before = await counts();
    const cookie = await cookieFor(otherCoordinator.id);
    const body = new URLSearchParams({ intent: "register", track: TRACK, email: "anna@a.example", "all-andts-coach-grund": "ja", date: "2024-10-15" });
    const response = await call(
      action,
      new Request("http://localhost:3000/samordnare/tidigare-utbildning", {
        method: "POST",
        body,
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", Cookie: cookie },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.data.errors.coach).toBe("Det finns ingen coach med den e-postadressen i din kommun.");
    expect(await counts()).toEqual(before);
  });

  it("previews an uploaded file through the page and imports it on confirm", async () => {
    const { coordinator, coach } = await setup();
    const cookie = await cookieFor(coordinator.id);
    const form = new FormData();
    form.set("intent", "preview");
    form.set("track", TRACK);
    form.set("file", new File(["\uFEFFe-post,namn,datum,moment\nanna@a.example,Anna Andersson,2024-10-15,hela\n"], "tidigare.csv", { type: "text/csv" }));
    const request = () => ({ method: "POST", headers: { Origin: "http://localhost:3000", Cookie: cookie } });
    const preview = await call(action, new Request("http://localhost:3000/samordnare/tidigare-utbildning", { ...request(), body: form }));
    expect(preview.status).toBe(200);
    expect(preview.data.preview.newCount).toBe(1);
    expect(await counts()).toEqual({ prior: 0, audit: 0 });
    const confirm = new FormData();
    for (const [k, v] of Object.entries({ intent: "confirm", track: TRACK, payload: preview.data.payload, signature: preview.data.signature })) confirm.set(k, v);
    const done = await call(action, new Request("http://localhost:3000/samordnare/tidigare-utbildning", { ...request(), body: confirm }));
    expect(done.status).toBe(200);
    expect(done.data.done).toContain("Importen är klar");
    // "hela" credits the modules and the required course days, not the optional booster (issue #16).
    expect((await creditedSteps(testDb(), coach.id, TRACK)).size).toBe(track().modules.length + track().sessions.filter((s) => s.required).length);
  });
});

describe("registering one person", () => {
  it("credits the chosen steps, rejects bad dates and steps, and issues the certificate once the track is complete", async () => {
    const { db, actor, coach } = await setup();
    const base = { actor, content: getContent(), track: track(), coachId: coach.id, note: "tvådagarsutbildning hösten 2024", now: NOW };
    expect(await registerPriorTraining(db, { ...base, all: false, steps: [], date: "2024-10-15" })).toMatchObject({ ok: false, errors: { steps: expect.any(String) } });
    expect(await registerPriorTraining(db, { ...base, all: true, steps: [], date: "1999-12-31" })).toMatchObject({ ok: false, errors: { date: expect.stringContaining("före år 2000") } });
    expect(await registerPriorTraining(db, { ...base, all: true, steps: [], date: "2026-03-02" })).toMatchObject({ ok: false, errors: { date: expect.stringContaining("framtiden") } });
    expect(await registerPriorTraining(db, { ...base, all: false, steps: ["finns-inte"], date: "2024-10-15" })).toMatchObject({ ok: false });
    expect((await counts()).prior).toBe(0);

    const days = await registerPriorTraining(db, { ...base, all: false, steps: ["utbildningsdag-1", "utbildningsdag-2"], date: "2024-10-15" });
    expect(days).toMatchObject({ ok: true, created: 2, certificates: 0 });
    expect(await db.selectFrom("certification").selectAll().where("user_id", "=", coach.id).execute()).toHaveLength(0);

    const all = await registerPriorTraining(db, { ...base, all: true, steps: [], date: "2024-10-15" });
    expect(all).toMatchObject({ ok: true, alreadyRegistered: 2, certificates: 1 });
    expect(await db.selectFrom("certification").selectAll().where("user_id", "=", coach.id).execute()).toHaveLength(1);
    const audits = await db.selectFrom("audit_event").select("action").where("subject", "=", coach.id).execute();
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["prior.registered", "certificate.issued"]));
    const stored = await db.selectFrom("prior_training").selectAll().where("user_id", "=", coach.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ completed_on: "2024-10-15", note: "tvådagarsutbildning hösten 2024", registered_by: actor.id });
  });
});
