// SPDX-License-Identifier: EUPL-1.2
// A material's attachments as PDFs, through the app's own routes: printed from the material's
// text in a content folder of the test's own, sent as a download under the material's name,
// only those the material declares, a staff material's only to those who may read it, and
// "PDF, 1 sida" on the material's page. content:build prints them into the build, and a
// production server sends the build's file without reading the content folder.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { extractText, getDocumentProxy } from "unpdf";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loader as downloadLoader } from "~/routes/material.$slug.bilagor.$file";
import { loader as materialLoader } from "~/routes/material.$slug";
import { getContent } from "~/content/content.server";
import { attachmentPdf } from "~/modules/materials/attachments.server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get, testContext } from "../helpers/requests";

const VALID = path.resolve("tests/fixtures/content/valid");
const PUBLIC = "samtal-om-snus";
const STAFF = "oro-i-arbetslaget";
let contentDir: string;

const STAFF_MATERIAL = `---
title: Oro i arbetslaget
summary: Ett underlag för personalen.
topics: [alkohol]
audience: [personal]
kind: samtalsunderlag
minutes: 30
visibility: staff
attachments:
  - { title: Checklista för arbetslaget, section: checklista }
review: utkast
sources:
  - title: Socialtjänstlag (2025:400)
    publisher: Sveriges riksdag
    year: 2025
---
Ett underlag för personalen.

::bilaga{checklista}

- [ ] Jag har pratat med elevhälsan.
`;

beforeAll(() => {
  contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "bilagor-"));
  fs.cpSync(VALID, contentDir, { recursive: true });
  fs.writeFileSync(path.join(contentDir, "materials", `${STAFF}.md`), STAFF_MATERIAL);
});
afterAll(() => fs.rmSync(contentDir, { recursive: true, force: true }));
beforeEach(() => {
  process.env.CONTENT_DIR = contentDir;
});

const download = (slug: string, file: string, cookie?: string) =>
  downloadLoader({ request: get(`/material/${slug}/bilagor/${file}`, cookie), params: { slug, file }, context: testContext() }) as Promise<Response>;

async function pdfText(response: Response): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(await response.arrayBuffer())), { mergePages: true });
  return text as string;
}

describe("an attachment", () => {
  it("downloads as a PDF printed from the material's text, under the material's and the attachment's name, and counts a download", async () => {
    const response = await download(PUBLIC, "arbetsblad.pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="samtal-om-snus-arbetsblad.pdf"; filename*=UTF-8''samtal-om-snus-arbetsblad.pdf`);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    const text = await pdfText(response);
    expect(text).toContain("Samtal om vitt snus");
    expect(text).toContain("Hur många av 100 elever i åk 9 har använt vitt snus?");
    const rows = await testDb().selectFrom("material_use").select(["material", "downloads"]).execute();
    expect(rows).toEqual([{ material: PUBLIC, downloads: 1 }]);
  });

  it("is listed on the material's page with its number of pages", async () => {
    const page = await call(materialLoader, get(`/material/${PUBLIC}`), { slug: PUBLIC });
    expect(page.data.attachments).toEqual([{ title: "Arbetsblad", url: `/material/${PUBLIC}/bilagor/arbetsblad.pdf`, pages: 1 }]);
  });

  it("answers 404 for anything the material does not declare", async () => {
    for (const file of ["arbetsblad.txt", "arbetsblad", "checklista.pdf", "../samtal-om-snus.md", "..%2F..%2Fpackage.json", "../../package.json", ""]) {
      const response = await download(PUBLIC, file);
      expect(response.status, file).toBe(404);
      expect(response.headers.get("Content-Type"), file).toBe("text/plain; charset=utf-8");
    }
    expect((await download("finns-inte", "arbetsblad.pdf")).status).toBe(404);
    expect(await testDb().selectFrom("material_use").selectAll().execute()).toEqual([]);
  });

  it("of a staff material asks for an account, as the material does, and downloads for school staff", async () => {
    const anonymous = await call(downloadLoader, get(`/material/${STAFF}/bilagor/checklista.pdf`), { slug: STAFF, file: "checklista.pdf" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/logga-in\?redirectTo=/);

    const hogsby = await createMunicipality(testDb(), "hogsby");
    const staff = await createUser(testDb(), { role: "school_staff", municipalityId: hogsby.id });
    const response = await download(STAFF, "checklista.pdf", await cookieFor(staff.id));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toContain("private");
    expect(await pdfText(response)).toContain("Jag har pratat med elevhälsan.");
  });

  it("is printed once per compiled version of the content, and again when the material changes", async () => {
    const material = getContent().materials.find((m) => m.slug === PUBLIC)!;
    const first = attachmentPdf(material, material.attachments[0]!);
    expect(getContent().materials.find((m) => m.slug === PUBLIC)).toBe(material);
    expect(attachmentPdf(material, material.attachments[0]!)).toBe(first);

    const file = path.join(contentDir, "materials", `${PUBLIC}.md`);
    const before = fs.readFileSync(file, "utf8");
    try {
      fs.writeFileSync(file, before.replace("## Gissa siffran", "## Gissa talet"));
      const changed = await download(PUBLIC, "arbetsblad.pdf");
      const text = await pdfText(changed);
      expect(text).toContain("Gissa talet");
      expect(text).not.toContain("Gissa siffran");
    } finally {
      fs.writeFileSync(file, before);
    }
  });
});

describe("npm run content:build", () => {
  const buildDir = path.join(os.tmpdir(), `bilagor-bygge-${process.pid}`);
  const saved = { NODE_ENV: process.env.NODE_ENV, BUILD_DIR: process.env.BUILD_DIR };
  afterEach(() => {
    process.env.NODE_ENV = saved.NODE_ENV;
    if (saved.BUILD_DIR === undefined) delete process.env.BUILD_DIR;
    else process.env.BUILD_DIR = saved.BUILD_DIR;
    globalThis.__coachportalenContent = undefined;
    fs.rmSync(buildDir, { recursive: true, force: true });
  });

  it("prints every attachment into the build, and a production server sends the build's file without reading the content folder", async () => {
    const run = promisify(execFile);
    await run("npx", ["tsx", "scripts/content-build.ts", contentDir], { env: { ...process.env, BUILD_DIR: buildDir } });
    const built = path.join(buildDir, "content", "bilagor", PUBLIC, "arbetsblad.pdf");
    const bytes = fs.readFileSync(built);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(fs.existsSync(path.join(buildDir, "content", "bilagor", STAFF, "checklista.pdf"))).toBe(true);
    const index = JSON.parse(fs.readFileSync(path.join(buildDir, "content", "index.json"), "utf8"));
    const attachment = index.materials.find((m: { slug: string }) => m.slug === PUBLIC).attachments[0];
    expect(attachment.pdf).toEqual({ pages: 1, bytes: bytes.length });

    // The production server: the compiled index from the build, and no content folder at all.
    process.env.NODE_ENV = "production";
    process.env.BUILD_DIR = buildDir;
    process.env.CONTENT_DIR = path.join(buildDir, "finns-inte");
    globalThis.__coachportalenContent = undefined;
    // A mark in the built file shows that it is the one sent, not a PDF printed again.
    fs.appendFileSync(built, "%bygget\n");
    const response = await download(PUBLIC, "arbetsblad.pdf");
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(fs.readFileSync(built))).toBe(true);
    const page = await call(materialLoader, get(`/material/${PUBLIC}`), { slug: PUBLIC });
    expect(page.data.attachments).toEqual([{ title: "Arbetsblad", url: `/material/${PUBLIC}/bilagor/arbetsblad.pdf`, pages: 1 }]);
  });
});
