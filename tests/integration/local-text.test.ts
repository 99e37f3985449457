// SPDX-License-Identifier: EUPL-1.2
// The municipality's own text in the content: written by its coordinator, compiled like the
// content, shown in place to its own members and to nobody else (issue #15); and the current
// medborgarlöfte, shown from the promise data where a lesson asks for it (issue #17).
import { describe, expect, it } from "vitest";
import { compileMarkdown } from "~/content/markdown.server";
import type { SessionUser } from "~/modules/access/permissions.server";
import { fillLocalTexts, hasLocalPlaces, localTextsOf, submitLocalText } from "~/modules/municipalities/local-text.server";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { createMunicipality, createUser, testDb } from "../helpers/db";

const NO_TARGETS = { lessons: new Map(), modules: new Map(), materials: new Map(), images: new Map() };
const compile = (body: string) => compileMarkdown({ file: "modules/m/01-l.md", body, bodyLine: 1, allowImages: false }, NO_TARGETS);
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås");
  const user = await createUser(db, { role: "coordinator", municipalityId: hogsby.id });
  const coordinator: SessionUser = { ...user, municipalitySlug: "hogsby", municipalityName: "Högsby", school: null };
  return { db, hogsby, monsteras, coordinator };
}

describe("a place for local text in the content", () => {
  it("compiles to an empty marked place; an unknown name or a directive inside a sentence is a content error", () => {
    expect(compile("Före.\n\n::lokalt{orosanmalan}\n\nEfter.\n")).toMatchObject({ html: '<p>Före.</p>\n<div data-lokalt="orosanmalan"></div>\n<p>Efter.</p>', errors: [] });
    expect(compile("::lokalt{okand-plats}\n").errors).toEqual([expect.objectContaining({ field: "lokalt", message: expect.stringContaining("okänd plats") })]);
    expect(compile("Se ::lokalt{orosanmalan} här.\n").errors).toEqual([expect.objectContaining({ field: "lokalt" })]);
  });

  it("cannot be faked by an author with HTML: the sanitizer keeps only what the directive makes", () => {
    expect(compile('<div data-lokalt="orosanmalan" onclick="x()"></div>\n').errors).toEqual([expect.objectContaining({ field: "html" })]);
  });
});

describe("the coordinator's local text", () => {
  it("is previewed, saved, audited, and shown in place marked with the municipality's name", async () => {
    const { db, hogsby, coordinator } = await setup();
    const text = "Ring **socialtjänstens mottagning** på 0491-291 00, eller använd [e-tjänsten](https://www.hogsby.se/oro).";
    const preview = await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "preview", slot: "orosanmalan", text }) });
    expect(preview).toMatchObject({ kind: "preview", html: expect.stringContaining("<strong>socialtjänstens mottagning</strong>") });
    expect(await localTextsOf(db, hogsby.id)).toMatchObject({ html: {} });
    expect(await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "save", slot: "orosanmalan", text }) })).toEqual({ kind: "saved", slot: "orosanmalan" });

    const lesson = compile("Före.\n\n::lokalt{orosanmalan}\n\n::lokalt{skolans-kontakter}\n").html;
    const filled = fillLocalTexts(lesson, await localTextsOf(db, hogsby.id));
    expect(filled).toContain('<aside class="lokalt" aria-label="Lokalt i Högsby kommun"><p class="lokalt-label">Lokalt i Högsby kommun</p><p>Ring <strong>');
    expect(filled).toContain('<a href="https://www.hogsby.se/oro">e-tjänsten</a>');
    // Nothing written for the school's contacts: the neutral pointer to the contact cards.
    expect(filled).toContain('<a href="/lokalt">Lokalt hos oss</a>');
    expect(await db.selectFrom("audit_event").select("action").where("action", "=", "localtext.saved").execute()).toHaveLength(1);
  });

  it("is another municipality's for nobody else: its members see only the neutral pointer", async () => {
    const { db, hogsby, monsteras, coordinator } = await setup();
    await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "save", slot: "orosanmalan", text: "Högsbys egen text." }) });
    const filled = fillLocalTexts(compile("::lokalt{orosanmalan}\n").html, await localTextsOf(db, monsteras.id));
    expect(filled).not.toContain("Högsbys egen text");
    expect(filled).toContain("Lokalt hos oss");
    expect(await submitLocalText(db, { actor: coordinator, municipalityId: monsteras.id, form: form({ intent: "save", slot: "orosanmalan", text: "x" }) })).toMatchObject({ kind: "errors", status: 404 });
  });

  it.each([
    ["HTML", '<script>alert(1)</script>Ring oss.', "HTML"],
    ["a javascript: link", "[Klicka](javascript:alert(1))", "https://"],
    ["an http link", "[Kommunen](http://www.hogsby.se)", "https://"],
  ])("refuses %s with a Swedish message and saves nothing", async (_name, text, message) => {
    const { db, hogsby, coordinator } = await setup();
    const result = await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "save", slot: "orosanmalan", text }) });
    expect(result).toMatchObject({ kind: "errors", status: 400, errors: { "text-orosanmalan": expect.stringContaining(message) } });
    expect(await db.selectFrom("local_text").selectAll().execute()).toEqual([]);
  });

  it("is cleared by saving it empty, and refuses a place that does not exist", async () => {
    const { db, hogsby, coordinator } = await setup();
    await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "save", slot: "orosanmalan", text: "Text." }) });
    await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "save", slot: "orosanmalan", text: "  " }) });
    expect(await db.selectFrom("local_text").selectAll().execute()).toEqual([]);
    expect(await submitLocalText(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "save", slot: "hemlig", text: "x" }) })).toMatchObject({ kind: "errors", status: 400 });
  });
});

describe("a visitor without an account", () => {
  it("is told whom to ask instead of being sent to a page for members", () => {
    const filled = fillLocalTexts(compile("::lokalt{orosanmalan}\n").html, null);
    expect(filled).toContain("skolans elevhälsa och kommunens ANDTS-samordnare");
    expect(filled).not.toContain('href="/lokalt"');
  });
});

describe("the current medborgarlöfte in a lesson (::medborgarlofte)", () => {
  it("compiles to an empty marked place; inside a sentence it is a content error", () => {
    expect(compile("Före.\n\n::medborgarlofte\n\nEfter.\n")).toMatchObject({ html: '<p>Före.</p>\n<div data-lofte="aktuellt"></div>\n<p>Efter.</p>', errors: [] });
    expect(compile("Se ::medborgarlofte här.\n").errors).toEqual([expect.objectContaining({ field: "lokalt" })]);
    expect(hasLocalPlaces(compile("::medborgarlofte\n").html)).toBe(true);
  });

  it("shows the municipality's own published promise from the data, and tells a municipality without one whom to ask", async () => {
    const { db, hogsby, monsteras, coordinator } = await setup();
    const published = await publishFrozenPromise(db, { actor: coordinator, promise: SIGNED, municipalityIds: [hogsby.id], now: new Date("2023-12-20T10:00:00Z") });
    if (!published.ok) throw new Error(JSON.stringify(published.errors));
    const lesson = compile("::medborgarlofte\n").html;

    const own = fillLocalTexts(lesson, await localTextsOf(db, hogsby.id, lesson));
    expect(own).toContain('aria-label="Medborgarlöftet i Högsby kommun"');
    expect(own).toContain(`${SIGNED.title} gällde från 1 januari 2024 till 31 december 2025.`);
    expect(own).toContain("<li>Narkotika bland ungdomar</li>");
    expect(own).toContain("<li>Bedrägerier</li>");
    expect(own).toContain(`<a href="/uppfoljning/hogsby/loften/${published.id}">`);

    const other = fillLocalTexts(lesson, await localTextsOf(db, monsteras.id, lesson));
    expect(other).not.toContain(SIGNED.title);
    expect(other).toContain("Kommunen har inget publicerat medborgarlöfte här ännu.");
    // A visitor without a municipality is pointed to every municipality's follow-up.
    expect(fillLocalTexts(lesson, null)).toContain('<a href="/uppfoljning">Uppföljning</a>');
  });

  it("reads no promise for a text without the place", async () => {
    const { db, hogsby, coordinator } = await setup();
    await publishFrozenPromise(db, { actor: coordinator, promise: SIGNED, municipalityIds: [hogsby.id], now: new Date("2023-12-20T10:00:00Z") });
    expect((await localTextsOf(db, hogsby.id, compile("::lokalt{orosanmalan}\n").html)).promise).toBeNull();
  });
});
