// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { loader as downloadLoader } from "~/routes/material.$slug.bilagor.$file";
import { loader as materialLoader } from "~/routes/material.$slug";
import { loader as libraryLoader } from "~/routes/material._index";
import { loader as usageLoader } from "~/routes/samordnare.material";
import {
  countMaterialUse,
  materialUsageForMunicipality,
  PUBLIC_MUNICIPALITY,
  recordMaterialUse,
  usageDay,
} from "~/modules/materials/usage.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, testContext } from "../helpers/requests";

const PUBLIC_LESSON = "vitt-snus-ak-7-9";
const STAFF_MATERIAL = "oro-for-en-elev";
const BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

async function rows() {
  return testDb().selectFrom("material_use").selectAll().orderBy("material").orderBy("municipality_id").orderBy("day").execute();
}

describe("counting material use", () => {
  it("stores counts per material, municipality and day, and nothing about who", async () => {
    const tables = await testDb().introspection.getTables();
    const columns = tables.find((t) => t.name === "material_use")?.columns.map((c) => c.name);
    expect(columns?.sort()).toEqual(["day", "downloads", "material", "municipality_id", "views"]);
  });

  it("adds views and downloads to one row per material, municipality and day", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    await recordMaterialUse(db, { material: "a", municipalityId: hogsby.id, kind: "view", day: "2026-03-14" });
    await recordMaterialUse(db, { material: "a", municipalityId: hogsby.id, kind: "view", day: "2026-03-14" });
    await recordMaterialUse(db, { material: "a", municipalityId: hogsby.id, kind: "download", day: "2026-03-14" });
    await recordMaterialUse(db, { material: "a", municipalityId: hogsby.id, kind: "view", day: "2026-03-15" });
    await recordMaterialUse(db, { material: "b", municipalityId: hogsby.id, kind: "view", day: "2026-03-14" });
    expect(await rows()).toEqual([
      { material: "a", municipality_id: hogsby.id, day: "2026-03-14", views: 2, downloads: 1 },
      { material: "a", municipality_id: hogsby.id, day: "2026-03-15", views: 1, downloads: 0 },
      { material: "b", municipality_id: hogsby.id, day: "2026-03-14", views: 1, downloads: 0 },
    ]);
  });

  it("simultaneous counts all add up", async () => {
    const db = testDb();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        recordMaterialUse(db, { material: "a", municipalityId: null, kind: i % 4 === 0 ? "download" : "view", day: "2026-03-14" }),
      ),
    );
    expect(await rows()).toEqual([{ material: "a", municipality_id: PUBLIC_MUNICIPALITY, day: "2026-03-14", views: 30, downloads: 10 }]);
  });

  it("counts visitors without an account as the public, and coaches and school staff for their municipality", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    const at = new Date("2026-03-14T23:30:00Z");
    await countMaterialUse(db, { material: "a", user: null, userAgent: BROWSER, kind: "view", at });
    await countMaterialUse(db, { material: "a", user: { role: "school_staff", municipalityId: hogsby.id }, userAgent: null, kind: "view", at });
    await countMaterialUse(db, { material: "a", user: { role: "coach", municipalityId: hogsby.id }, userAgent: null, kind: "download", at });
    // Half past eleven UTC on the 14th is already the 15th in Stockholm.
    expect(await rows()).toEqual([
      { material: "a", municipality_id: "", day: "2026-03-15", views: 1, downloads: 0 },
      { material: "a", municipality_id: hogsby.id, day: "2026-03-15", views: 1, downloads: 1 },
    ]);
  });

  it("does not count coordinators, admins or crawlers", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    await countMaterialUse(db, { material: "a", user: { role: "coordinator", municipalityId: hogsby.id }, userAgent: null, kind: "view" });
    await countMaterialUse(db, { material: "a", user: { role: "admin", municipalityId: null }, userAgent: null, kind: "view" });
    await countMaterialUse(db, { material: "a", user: null, userAgent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", kind: "view" });
    expect(await rows()).toEqual([]);
  });

  it("sums a municipality's use from a day on, most used first", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    const monsteras = await createMunicipality(db, "monsteras");
    const use = (material: string, municipalityId: string, day: string, kind: "view" | "download" = "view") =>
      recordMaterialUse(db, { material, municipalityId, kind, day });
    await use("a", hogsby.id, "2026-01-01");
    await use("a", hogsby.id, "2026-03-01");
    await use("b", hogsby.id, "2026-03-01");
    await use("b", hogsby.id, "2026-03-02");
    await use("b", hogsby.id, "2026-03-02", "download");
    await use("c", monsteras.id, "2026-03-02");
    expect(await materialUsageForMunicipality(db, hogsby.id, "2026-02-01")).toEqual([
      { material: "b", views: 2, downloads: 1 },
      { material: "a", views: 1, downloads: 0 },
    ]);
  });
});

describe("the material pages count their use", () => {
  it("a visitor without an account opens a public lesson, counted under the public", async () => {
    const page = await call(materialLoader, get(`/material/${PUBLIC_LESSON}`), { slug: PUBLIC_LESSON });
    expect(page.status).toBe(200);
    expect(page.data.material.title).toMatch(/snus/i);
    expect(await rows()).toEqual([{ material: PUBLIC_LESSON, municipality_id: "", day: usageDay(new Date()), views: 1, downloads: 0 }]);
  });

  it("a staff material sends a visitor without an account to sign in, and counts nothing", async () => {
    const page = await call(materialLoader, get(`/material/${STAFF_MATERIAL}`), { slug: STAFF_MATERIAL });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toBe(`/logga-in?redirectTo=${encodeURIComponent(`/material/${STAFF_MATERIAL}`)}`);
    expect(await rows()).toEqual([]);
  });

  it("school staff open a staff material, counted for their municipality", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    const staff = await createUser(db, { role: "school_staff", municipalityId: hogsby.id });
    const page = await call(materialLoader, get(`/material/${STAFF_MATERIAL}`, await cookieFor(staff.id)), { slug: STAFF_MATERIAL });
    expect(page.status).toBe(200);
    expect(await rows()).toEqual([{ material: STAFF_MATERIAL, municipality_id: hogsby.id, day: usageDay(new Date()), views: 1, downloads: 0 }]);
  });

  it("an unknown or malformed material answers 404", async () => {
    for (const slug of ["finns-inte", "../etc", "Stora"]) {
      const page = await call(materialLoader, get(`/material/${encodeURIComponent(slug)}`), { slug });
      expect(page.status, slug).toBe(404);
    }
  });

  it("the library lists staff materials only for signed-in people", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    const staff = await createUser(db, { role: "school_staff", municipalityId: hogsby.id });
    const anonymous = await call(libraryLoader, get("/material"));
    const signedIn = await call(libraryLoader, get("/material", await cookieFor(staff.id)));
    const slugsOf = (result: typeof anonymous) => result.data.materials.map((m: { slug: string }) => m.slug);
    expect(slugsOf(anonymous)).toContain(PUBLIC_LESSON);
    expect(slugsOf(anonymous)).not.toContain(STAFF_MATERIAL);
    expect(slugsOf(signedIn)).toContain(STAFF_MATERIAL);
  });

  it("the library reads its filters from the address and ignores unknown values", async () => {
    const page = await call(libraryLoader, get("/material?amne=tobak&amne=socker&malgrupp=7-9&typ=lektion&q=snus"));
    expect(page.data.query).toEqual({ q: "snus", topics: ["tobak"], audiences: ["7-9"], kinds: ["lektion"] });
    expect(page.data.materials.map((m: { slug: string }) => m.slug)).toEqual([PUBLIC_LESSON]);
  });
});

describe("attachments", () => {
  it("download with their type and file name, and count a download", async () => {
    const response = await downloadLoader({
      request: get(`/material/${PUBLIC_LESSON}/bilagor/arbetsblad.pdf`),
      params: { slug: PUBLIC_LESSON, file: "arbetsblad.pdf" },
      context: testContext(),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(
      `attachment; filename="vitt-snus-ak-7-9-arbetsblad.pdf"; filename*=UTF-8''vitt-snus-ak-7-9-arbetsblad.pdf`,
    );
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await rows()).toEqual([{ material: PUBLIC_LESSON, municipality_id: "", day: usageDay(new Date()), views: 0, downloads: 1 }]);
  });

  it("only files the material declares can be fetched", async () => {
    const context = testContext();
    // Another material's attachment, the old text file, the material's own file, and a way up the tree.
    for (const file of ["checklista.pdf", "vitt-snus-arbetsblad.txt", "../vitt-snus-ak-7-9.md", "..%2F..%2Fpackage.json", "../../package.json"]) {
      const response = await downloadLoader({ request: get(`/material/${PUBLIC_LESSON}/bilagor/x`), params: { slug: PUBLIC_LESSON, file }, context });
      expect(response.status, file).toBe(404);
    }
    expect(await rows()).toEqual([]);
  });

  it("a staff material's attachment asks for an account", async () => {
    const result = await call(downloadLoader, get(`/material/${STAFF_MATERIAL}/bilagor/checklista.pdf`), {
      slug: STAFF_MATERIAL,
      file: "checklista.pdf",
    });
    expect(result.status).toBe(302);
    expect(result.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);
  });
});

describe("the coordinator's view of material use", () => {
  it("shows their own municipality's counts only", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    const monsteras = await createMunicipality(db, "monsteras");
    const coordinator = await createUser(db, { role: "coordinator", municipalityId: hogsby.id });
    const today = usageDay(new Date());
    await recordMaterialUse(db, { material: PUBLIC_LESSON, municipalityId: hogsby.id, kind: "view", day: today });
    await recordMaterialUse(db, { material: PUBLIC_LESSON, municipalityId: hogsby.id, kind: "download", day: today });
    await recordMaterialUse(db, { material: STAFF_MATERIAL, municipalityId: monsteras.id, kind: "view", day: today });
    await recordMaterialUse(db, { material: STAFF_MATERIAL, municipalityId: PUBLIC_MUNICIPALITY, kind: "view", day: today });

    const page = await call(usageLoader, get("/samordnare/material?dagar=90", await cookieFor(coordinator.id)));
    expect(page.status).toBe(200);
    expect(page.data.days).toBe(90);
    const bySlug = Object.fromEntries(page.data.rows.map((r: { slug: string; views: number; downloads: number }) => [r.slug, [r.views, r.downloads]]));
    expect(bySlug[PUBLIC_LESSON]).toEqual([1, 1]);
    expect(bySlug[STAFF_MATERIAL]).toEqual([0, 0]);
    expect(page.data.rows[0].slug).toBe(PUBLIC_LESSON);
  });

  it("is for coordinators only", async () => {
    const db = testDb();
    const hogsby = await createMunicipality(db, "hogsby");
    const staff = await createUser(db, { role: "school_staff", municipalityId: hogsby.id });
    expect((await call(usageLoader, get("/samordnare/material", await cookieFor(staff.id)))).status).toBe(403);
    expect((await call(usageLoader, get("/samordnare/material"))).status).toBe(302);
  });
});
