// SPDX-License-Identifier: EUPL-1.2
// The coordinator's exports of the list of coaches: CSV that Swedish Excel opens as columns,
// XLSX read back with exceljs, the list's filters over every page, only the coordinator's own
// municipality, and an audit event for each download.
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { DAY_MS } from "~/lib/time";
import * as csvRoute from "~/routes/samordnare.export[.csv]";
import * as xlsxRoute from "~/routes/samordnare.export[.xlsx]";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, testContext } from "../helpers/requests";
import { certify, completeTrack, readLesson } from "../helpers/training";

const TRACK = "grund";
// The columns a coordinator's spreadsheet has, written out here so that a change to them is a
// change to this test as well.
const HEADER_ROW = [
  "Namn",
  "E-postadress",
  "Roll",
  "Skola",
  "Status",
  "Moduler klara",
  "Moduler totalt",
  "Lektioner klara",
  "Lektioner totalt",
  "Nästa modul",
  "Senaste aktivitet",
  "Intygskod",
  "Intyget utfärdat",
  "Intyget giltigt till och med",
  "Intygets status",
  "Tränat på äldre version",
  "Konto skapat eller inbjuden",
];
let content: ContentIndex;
beforeAll(() => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  content = getContent();
});

async function setup() {
  const db = testDb();
  const a = await createMunicipality(db, "hogsby", "Högsby kommun");
  const b = await createMunicipality(db, "monsteras", "Mönsterås kommun");
  const coordinatorA = await createUser(db, { role: "coordinator", municipalityId: a.id });
  const coordinatorB = await createUser(db, { role: "coordinator", municipalityId: b.id });
  const issuedAt = new Date(Date.now() - 2 * DAY_MS);
  const certified = await createUser(db, { role: "coach", municipalityId: a.id, name: "Åsa Öberg-Ärlig", email: "asa@exempel.se" });
  await completeTrack(db, content, { userId: certified.id, track: TRACK, at: issuedAt });
  const cert = await certify(db, { userId: certified.id, municipalityId: a.id, track: TRACK, issuedAt });
  const sneaky = await createUser(db, { role: "coach", municipalityId: a.id, name: '=HYPERLINK("http://evil.example";"klicka")', email: "sneaky@exempel.se" });
  await readLesson(db, {
    userId: sneaky.id,
    track: TRACK,
    module: "forsta-modulen",
    lesson: "borja-har",
    at: new Date(),
    hash: content.modules["forsta-modulen"]!.contentHash,
  });
  await createUser(db, { role: "coach", municipalityId: b.id, name: "Maja Mönsterås", email: "maja@exempel.se" });
  return {
    db,
    a,
    b,
    coordinatorA,
    coordinatorB,
    certified,
    cert,
    issuedAt,
    cookieA: await cookieFor(coordinatorA.id),
    cookieB: await cookieFor(coordinatorB.id),
  };
}

async function download(loader: typeof csvRoute.loader, url: string, cookie: string): Promise<Response> {
  const response = await loader({ request: get(url, cookie), params: {}, context: testContext() });
  if (!(response instanceof Response)) throw new Error("the export did not answer with a file");
  return response;
}

async function csvLines(response: Response): Promise<{ bytes: Uint8Array; lines: string[] }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { bytes, lines: text.split("\r\n") };
}

describe("the CSV export", () => {
  it("is UTF-8 with a BOM, semicolon separated with CRLF, keeps å, ä and ö and neutralises formulas", async () => {
    const { cookieA, cert, issuedAt } = await setup();
    const response = await download(csvRoute.loader, "/samordnare/export.csv", cookieA);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="coacher-hogsby-${formatIsoDate(new Date())}.csv"`);
    expect(response.headers.get("Cache-Control")).toBe("no-store");

    const { bytes, lines } = await csvLines(response);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(lines[0]).toBe("\uFEFF" + HEADER_ROW.join(";"));
    expect(lines[0]).toContain("Namn;E-postadress;Roll;Skola;Status;Moduler klara");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(4);

    // Sorted by name: the formula-looking name sorts first and is quoted, doubled quotes and all.
    expect(lines[1]!.startsWith(`"'=HYPERLINK(""http://evil.example"";""klicka"")";sneaky@exempel.se;ANDTS-coach;;Under utbildning;0;2;1;3;`)).toBe(true);
    const asa = lines[2]!.split(";");
    expect(asa.slice(0, 10)).toEqual(["Åsa Öberg-Ärlig", "asa@exempel.se", "ANDTS-coach", "", "Certifierad", "2", "2", "3", "3", ""]);
    expect(asa.slice(10)).toEqual([
      formatIsoDate(issuedAt),
      cert.code,
      formatIsoDate(issuedAt),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      "giltigt",
      "Nej",
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    ]);
  });

  it("writes every row that matches the list's filters, not just one page", async () => {
    const { db, a, cookieA } = await setup();
    for (let i = 0; i < 55; i++) await createUser(db, { role: "coach", municipalityId: a.id, name: `Ny Coach ${i}` });
    const all = await csvLines(await download(csvRoute.loader, "/samordnare/export.csv?page=2", cookieA));
    expect(all.lines).toHaveLength(1 + 57 + 1);
    const certified = await csvLines(await download(csvRoute.loader, "/samordnare/export.csv?status=certified", cookieA));
    expect(certified.lines.slice(1, -1).map((line) => line.split(";")[0])).toEqual(["Åsa Öberg-Ärlig"]);
    const searched = await csvLines(await download(csvRoute.loader, "/samordnare/export.csv?q=sneaky&sort=name&dir=desc", cookieA));
    expect(searched.lines).toHaveLength(3);
    expect(searched.lines[1]).toContain(";sneaky@exempel.se;");
  });
});

describe("the XLSX export", () => {
  it("has a bold, frozen header row, column widths, and real dates in a coach's row", async () => {
    const { cookieA, cert, issuedAt } = await setup();
    const response = await download(xlsxRoute.loader, "/samordnare/export.xlsx?status=certified", cookieA);
    expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="coacher-hogsby-${formatIsoDate(new Date())}.xlsx"`);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet("Coacher")!;
    expect(sheet.rowCount).toBe(2);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER_ROW);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getColumn(2).width).toBe(34);

    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toBe("Åsa Öberg-Ärlig");
    expect(row.getCell(2).value).toBe("asa@exempel.se");
    expect(row.getCell(5).value).toBe("Certifierad");
    expect(row.getCell(6).value).toBe(2);
    expect(row.getCell(12).value).toBe(cert.code);
    const issued = row.getCell(13);
    expect(issued.value).toBeInstanceOf(Date);
    expect((issued.value as Date).toISOString().slice(0, 10)).toBe(formatIsoDate(issuedAt));
    expect(issued.numFmt).toBe("yyyy-mm-dd");
    expect(row.getCell(15).value).toBe("giltigt");
  });

  it("is streamed into the response while it is written, and holds every coach of a large list", async () => {
    const { db, a, cookieA } = await setup();
    const names: string[] = [];
    for (let i = 0; i < 600; i++) {
      const name = `Coach ${String(i).padStart(3, "0")}`;
      names.push(name);
      await createUser(db, { role: "coach", municipalityId: a.id, name, email: `coach${i}@exempel.se` });
    }
    const response = await download(xlsxRoute.loader, "/samordnare/export.xlsx", cookieA);
    // A streamed body has no length known in advance and arrives in parts.
    expect(response.headers.get("Content-Length")).toBeNull();
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    for (let part = await reader.read(); !part.done; part = await reader.read()) chunks.push(part.value);
    expect(chunks.length).toBeGreaterThan(1);
    expect([...chunks[0]!.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);

    const workbook = new ExcelJS.Workbook();
    const file = Buffer.concat(chunks);
    await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
    const sheet = workbook.getWorksheet("Coacher")!;
    expect(sheet.rowCount).toBe(1 + 600 + 2);
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER_ROW);
    const listed: string[] = [];
    sheet.eachRow((row, number) => {
      if (number > 1) listed.push(String(row.getCell(1).value));
    });
    expect(listed.filter((name) => name.startsWith("Coach "))).toEqual(names);
    expect(listed).toContain("Åsa Öberg-Ärlig");
    const last = sheet.getRow(2 + listed.indexOf("Coach 599"));
    expect((last.values as unknown[]).slice(1, 6)).toEqual(["Coach 599", "coach599@exempel.se", "ANDTS-coach", undefined, "Har inte börjat"]);
  });
});

describe("who may export what", () => {
  it("exports only the coordinator's own municipality, whatever the address says, and records each export", async () => {
    const { db, a, b, coordinatorB, cookieB } = await setup();
    const { lines } = await csvLines(await download(csvRoute.loader, `/samordnare/export.csv?municipality=${a.id}&municipalityId=${a.id}`, cookieB));
    expect(lines.slice(1, -1).map((line) => line.split(";")[0])).toEqual(["Maja Mönsterås"]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download(xlsxRoute.loader, "/samordnare/export.xlsx?q=asa", cookieB)).arrayBuffer());
    expect(workbook.getWorksheet("Coacher")!.rowCount).toBe(1);

    const events = await db
      .selectFrom("audit_event")
      .select(["action", "actor_id", "municipality_id", "details"])
      .where("action", "like", "export.%")
      .orderBy("at")
      .orderBy("action")
      .execute();
    expect(events).toEqual([
      { action: "export.csv", actor_id: coordinatorB.id, municipality_id: b.id, details: JSON.stringify({ rows: 1, filters: "" }) },
      { action: "export.xlsx", actor_id: coordinatorB.id, municipality_id: b.id, details: JSON.stringify({ rows: 0, filters: "q=asa" }) },
    ]);
    expect(events.some((e) => e.municipality_id === a.id)).toBe(false);
  });

  it("refuses coaches and admins, and sends visitors to sign in, without recording anything", async () => {
    const { db, a } = await setup();
    const coach = await createUser(db, { role: "coach", municipalityId: a.id });
    const admin = await createUser(db, { role: "admin" });
    for (const route of [csvRoute, xlsxRoute]) {
      expect((await call(route.loader, get("/samordnare/export.csv", await cookieFor(coach.id)))).status).toBe(403);
      expect((await call(route.loader, get("/samordnare/export.csv", await cookieFor(admin.id)))).status).toBe(403);
      const visitor = await call(route.loader, get("/samordnare/export.csv"));
      expect(visitor.status).toBe(302);
      expect(visitor.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
    }
    expect(await db.selectFrom("audit_event").select("id").where("action", "like", "export.%").execute()).toHaveLength(0);
  });
});
