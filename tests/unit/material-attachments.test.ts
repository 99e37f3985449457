// SPDX-License-Identifier: EUPL-1.2
// A material's attachment is written in the material's own file after ::bilaga{namn}, kept off
// the page, checked like the rest of the text, and printed as a tagged A4 PDF: its text (å, ä
// and ö too) is real text, headings and lists are structure, lines of underscores are lines to
// write on, and the material's title, the publisher and the sources are on it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { extractText, getDocumentProxy } from "unpdf";
import { afterEach, describe, expect, it } from "vitest";
import { compileAttachmentText, splitAttachmentSections } from "~/content/attachment-text.server";
import { compileContent } from "~/content/compile.server";
import type { Material } from "~/content/content.server";
import { ATTACHMENT_PUBLISHER } from "~/modules/materials/attachment-pdf.server";
import { printAttachment } from "~/modules/materials/attachments.server";

const VALID = path.resolve("tests/fixtures/content/valid");
const temporary: string[] = [];
afterEach(() => {
  for (const dir of temporary.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

interface StructNode {
  role?: string;
  children?: StructNode[];
}
const roles = (node: StructNode): string[] => [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];

/** The valid fixture with the material's file replaced. */
function withMaterial(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bilaga-"));
  temporary.push(dir);
  fs.cpSync(VALID, dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "materials", "samtal-om-snus.md"), text);
  return dir;
}
const fixtureMaterial = () => fs.readFileSync(path.join(VALID, "materials", "samtal-om-snus.md"), "utf8");

function material(): Material {
  const { index, errors } = compileContent(VALID);
  expect(errors).toEqual([]);
  return index.materials.find((m) => m.slug === "samtal-om-snus")!;
}

describe("an attachment's text", () => {
  it("is kept off the material's page and compiled into what a printed page has", () => {
    const m = material();
    expect(m.html).toContain("Ett underlag för samtal.");
    expect(m.html).not.toContain("Gissa siffran");
    expect(m.html).not.toContain("bilaga");
    const [attachment] = m.attachments;
    expect(attachment).toMatchObject({ title: "Arbetsblad", section: "arbetsblad", fileName: "arbetsblad.pdf", pdf: null });
    expect(attachment!.blocks).toEqual([
      { type: "paragraph", runs: [{ text: "Namn: ______" }] },
      { type: "heading", level: 2, runs: [{ text: "Gissa siffran" }] },
      { type: "paragraph", runs: [{ text: "Hur många av 100 elever i åk 9 har använt vitt snus?" }] },
      { type: "answerLines", count: 1 },
      { type: "heading", level: 2, runs: [{ text: "Kryssa i" }] },
      {
        type: "list",
        ordered: false,
        start: 1,
        items: [
          { checkbox: true, blocks: [{ type: "paragraph", runs: [{ text: "Jag vet vem på skolan jag kan prata med." }] }] },
          { checkbox: true, blocks: [{ type: "paragraph", runs: [{ text: "Jag vet var det finns stöd i närheten." }] }] },
        ],
      },
      {
        type: "table",
        header: [[{ text: "Påstående" }], [{ text: "Ja" }], [{ text: "Nej" }]],
        rows: [[[{ text: "Snus är ofarligt" }], [{ text: "[ ]" }], [{ text: "[ ]" }]]],
      },
      // On paper a link is its address.
      { type: "paragraph", runs: [{ text: "Läs mer på Folkhälsomyndighetens webbplats (https://www.folkhalsomyndigheten.se/)." }] },
    ]);
  });

  it("goes to the spelling check with its lines", () => {
    const { prose } = compileContent(VALID);
    expect(prose).toContainEqual({ file: "materials/samtal-om-snus.md", line: 26, text: "Hur många av 100 elever i åk 9 har använt vitt snus?" });
  });

  it("makes consecutive lines of underscores one block of lines, and --- or *** a line to cut along", () => {
    const { text, sections } = splitAttachmentSections("Sidan.\n\n::bilaga{kort}\n\nFråga?\n\n____\n____\n\n***\n\nKort två.\n", 20);
    expect(text).toBe("Sidan.\n");
    expect(sections).toMatchObject([{ name: "kort", line: 22, bodyLine: 23 }]);
    const { blocks, errors } = compileAttachmentText("materials/x.md", sections[0]!);
    expect(errors).toEqual([]);
    expect(blocks.map((b) => (b.type === "answerLines" ? `${b.type}:${b.count}` : b.type))).toEqual(["paragraph", "answerLines:2", "cut", "paragraph"]);
  });

  it("does not take a ::bilaga line inside a code block for the start of an attachment", () => {
    const { sections } = splitAttachmentSections("```\n::bilaga{inte}\n```\n\n::bilaga{ja}\n\nText.\n", 1);
    expect(sections.map((s) => s.name)).toEqual(["ja"]);
  });

  it("refuses what does not print, each on its line", () => {
    const section = { name: "x", line: 9, body: "# Titel\n\n![bild](bilder/a.svg)\n\n[lektion](../modules/a/01-b.md)\n\n::lokalt{orosanmalan}\n", bodyLine: 10 };
    const { errors } = compileAttachmentText("materials/x.md", section);
    expect(errors.map((e) => `${e.line}: ${e.field}: ${e.message}`)).toEqual([
      "10: rubrik: rubriker börjar på ## (nivå 2): bilagans titel kommer från title",
      "12: bild: en bilaga kan inte ha bilder",
      "14: länk: en bilaga skrivs ut: länka bara till webbadresser som börjar med https:// eller mailto: (../modules/a/01-b.md)",
      "16: lokalt: en bilaga skrivs ut likadan för alla kommuner och kan inte ha lokal text (::lokalt)",
    ]);
  });

  it("content:check names the line of a ::bilaga that no attachment declares, and of a section declared twice", () => {
    const text = fixtureMaterial()
      .replace("  - { title: Arbetsblad, section: arbetsblad }", "  - { title: Arbetsblad, section: arbetsblad }\n  - { title: Igen, section: arbetsblad }")
      .concat("\n::bilaga{extra}\n\nText.\n");
    const { errors } = compileContent(withMaterial(text));
    const lines = text.split("\n");
    expect(errors.map((e) => `${e.file}:${e.line}: ${e.field}: ${e.message}`)).toEqual([
      "materials/samtal-om-snus.md:11: attachments[1].section: bilagan arbetsblad står redan i listan",
      `materials/samtal-om-snus.md:${lines.indexOf("::bilaga{extra}") + 1}: bilaga: ingen bilaga i attachments har section: extra (lägg till den där, eller ta bort texten)`,
    ]);
  });

  it("content:check refuses the old attachment files", () => {
    const dir = withMaterial(fixtureMaterial().replace("section: arbetsblad", "file: bilagor/arbetsblad.txt"));
    fs.mkdirSync(path.join(dir, "materials", "bilagor"));
    fs.writeFileSync(path.join(dir, "materials", "bilagor", "arbetsblad.txt"), "Arbetsblad");
    const messages = compileContent(dir).errors.map((e) => `${e.file}:${e.line}: ${e.field}: ${e.message}`);
    expect(messages).toContain("materials/bilagor:1: : okänd fil: ett material är en .md-fil i materials/, och dess bilagor skrivs i filen efter ::bilaga{namn}");
    expect(messages).toContain("materials/samtal-om-snus.md:10: attachments[0].file: okänt fält (stavfel?)");
  });
});

describe("the attachment's PDF", () => {
  it("is printed from the material's text, with its title, the attachment's, the publisher and the sources, å, ä and ö as text", async () => {
    const m = material();
    const pdf = await printAttachment(m, m.attachments[0]!);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const document = await getDocumentProxy(new Uint8Array(pdf.bytes));
    const { text, totalPages } = await extractText(document, { mergePages: true });
    expect(pdf.pages).toBe(totalPages);
    for (const expected of [
      `${ATTACHMENT_PUBLISHER}: bilaga till materialet ”Samtal om vitt snus”`,
      "Arbetsblad",
      "Gissa siffran",
      "Hur många av 100 elever i åk 9 har använt vitt snus?",
      "Jag vet var det finns stöd i närheten.",
      "Påstående",
      "Snus är ofarligt",
      "Källor",
      "CAN:s nationella skolundersökning 2023. CAN, 2023.",
      "Sida 1 av 1",
    ]) {
      expect(text).toContain(expected);
    }
  });

  it("is tagged: Swedish, its title shown, headings, a list and a table in its structure tree", async () => {
    const m = material();
    const pdf = await printAttachment(m, m.attachments[0]!);
    const document = await getDocumentProxy(new Uint8Array(pdf.bytes));
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    const raw = pdf.bytes.toString("latin1");
    expect(raw).toContain("/Lang (sv-SE)");
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    const { info } = (await document.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toBe("Arbetsblad – Samtal om vitt snus");
    const found = roles((await (await document.getPage(1)).getStructTree()) as StructNode);
    for (const role of ["Document", "H1", "H2", "P", "L", "LI", "LBody", "Table", "TR", "TH", "TD"]) expect(found, role).toContain(role);
    expect(found.filter((r) => r === "H1")).toHaveLength(1);
    // The list of boxes to tick and the list of sources.
    expect(found.filter((r) => r === "L")).toHaveLength(2);
    expect(found.filter((r) => r === "H2")).toEqual(["H2", "H2", "H2"]);
  });

  it("runs over pages and numbers them, with a table's headings again on the next page", async () => {
    const m = material();
    const long = {
      ...m.attachments[0]!,
      blocks: [
        { type: "table" as const, header: [[{ text: "Fråga" }], [{ text: "Ja" }]], rows: Array.from({ length: 40 }, (_, i) => [[{ text: `Påstående ${i + 1}` }], [{ text: "[ ]" }]]) },
      ],
    };
    const pdf = await printAttachment(m, long);
    const document = await getDocumentProxy(new Uint8Array(pdf.bytes));
    const { text, totalPages } = await extractText(document, { mergePages: false });
    expect(totalPages).toBeGreaterThanOrEqual(2);
    expect(pdf.pages).toBe(totalPages);
    (text as string[]).forEach((page, i) => {
      expect(page).toContain("Fråga");
      expect(page).toContain(`Sida ${i + 1} av ${totalPages}`);
    });
    expect((text as string[]).join("\n")).toContain("Påstående 40");
  });
});
