// SPDX-License-Identifier: EUPL-1.2
// The certificate PDF is an accessible document: it parses, its text (å, ä and ö too) is real
// text, it is tagged with a structure tree and Swedish as its language, the QR figure has a
// text alternative, and the verification address is a link.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { extractText, getDocumentProxy } from "unpdf";
import { renderCertificatePdf, renderCertificatesPdf, type CertificatePdfInput } from "~/modules/certification/certificate-pdf.server";

const INPUT: CertificatePdfInput = {
  holderName: "Åsa Öberg-Lindqvist",
  trackTitle: "ANDTS-coach – grundutbildning",
  municipalityName: "Högsby kommun",
  issuedOn: "14 mars 2025",
  validThrough: "14 mars 2027",
  renewal: false,
  code: "K7QM-3XHD-P9TA",
  verifyUrl: "https://coachportalen.example/verifiera/K7QM-3XHD-P9TA",
  scope: {
    modules: [
      { title: "Coachrollen", minutes: 45, credited: false },
      { title: "Alkohol och narkotika", minutes: 60, credited: false },
      { title: "Tobak och nikotin", minutes: 40, credited: true },
    ],
    courseDays: [{ title: "Utbildningsdag 1: samtal och motivation", on: "7 mars 2025", credited: false }],
    estimatedHours: 9,
  },
  issuer: { organisation: "Högsby kommun", name: "Sara Samordnare", title: "ANDTS-samordnare" },
  logo: null,
};

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

function roles(node: StructNode): string[] {
  return [...(node.role ? [node.role] : []), ...(node.children ?? []).flatMap(roles)];
}

function find(node: StructNode, role: string): StructNode | undefined {
  if (node.role === role) return node;
  for (const child of node.children ?? []) {
    const found = find(child, role);
    if (found) return found;
  }
  return undefined;
}

let pdf: Buffer;
beforeAll(async () => {
  pdf = await renderCertificatePdf(INPUT);
});

describe("the certificate PDF", () => {
  it("states its scope in plain Swedish: every module, the course days with their dates, and the hours", async () => {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    expect(text).toContain("Härmed intygas att");
    expect(text).toContain("har genomfört utbildningen och godkänts på kunskapstestet i varje modul");
    expect(text).toContain("Utbildningens omfattning");
    for (const expected of ["Coachrollen", "Alkohol och narkotika", "Tobak och nikotin (tillgodoräknad från tidigare utbildning)", "Utbildningsdag 1: samtal och motivation, 7 mars 2025", "cirka 9 timmar"]) {
      expect(text).toContain(expected);
    }
  });

  it("is issued by the municipality's named issuer, with its logo as a described figure", async () => {
    const logo = await sharp({ create: { width: 300, height: 100, channels: 3, background: "#1d4f91" } }).png().toBuffer();
    const withLogo = await renderCertificatePdf({ ...INPUT, logo: { data: logo, alt: "Högsby kommuns logotyp" } });
    const document = await getDocumentProxy(new Uint8Array(withLogo));
    expect(document.numPages).toBe(1);
    const { text } = await extractText(document, { mergePages: true });
    expect(text).toContain("Sara Samordnare");
    expect(text).toContain("ANDTS-samordnare, Högsby kommun");
    const tree = (await (await document.getPage(1)).getStructTree()) as StructNode;
    const figures: string[] = [];
    const walk = (node: StructNode) => {
      if (node.role === "Figure" && node.alt) figures.push(node.alt);
      node.children?.forEach(walk);
    };
    walk(tree);
    expect(figures).toContain("Högsby kommuns logotyp");
    expect(withLogo.toString("latin1")).toMatch(/\/Subtype \/Image/);
  });

  it("is a PDF that parses, with one A4 page", async () => {
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    const document = await getDocumentProxy(new Uint8Array(pdf));
    expect(document.numPages).toBe(1);
    const page = await document.getPage(1);
    const [, , width, height] = page.view;
    expect([Math.round(width!), Math.round(height!)]).toEqual([595, 842]);
  });

  it("holds the name, track, municipality, dates and code as selectable text", async () => {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    for (const expected of ["Åsa Öberg-Lindqvist", "ANDTS-coach – grundutbildning", "Högsby kommun", "14 mars 2025", "14 mars 2027", "K7QM-3XHD-P9TA", INPUT.verifyUrl]) {
      expect(text).toContain(expected);
    }
  });

  it("is tagged: marked content, Swedish as its language, a title shown instead of the file name, PDF/UA identification", async () => {
    const document = await getDocumentProxy(new Uint8Array(pdf));
    expect(await document.getMarkInfo()).toMatchObject({ Marked: true });
    const raw = pdf.toString("latin1");
    expect(raw).toContain("/Lang (sv-SE)");
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toContain("<pdfuaid:part>1</pdfuaid:part>");
    const { info } = (await document.getMetadata()) as { info: { Title?: string } };
    expect(info.Title).toBe("Intyg: ANDTS-coach – grundutbildning – Åsa Öberg-Lindqvist");
  });

  it("has a structure tree with a heading, paragraphs, a link and a described QR figure", async () => {
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const tree = (await (await document.getPage(1)).getStructTree()) as StructNode;
    const found = roles(tree);
    for (const role of ["Document", "H1", "P", "H2", "Link", "Figure"]) expect(found).toContain(role);
    expect(find(tree, "Figure")?.alt).toBe(`QR-kod som leder till ${INPUT.verifyUrl}`);
  });

  it("links to the verification page", async () => {
    const document = await getDocumentProxy(new Uint8Array(pdf));
    const annotations = (await (await document.getPage(1)).getAnnotations()) as Array<{ subtype: string; url?: string }>;
    expect(annotations.filter((a) => a.subtype === "Link").map((a) => a.url)).toEqual([INPUT.verifyUrl]);
  });

  it("says so on a renewed certificate", async () => {
    const renewed = await renderCertificatePdf({ ...INPUT, renewal: true });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(renewed)), { mergePages: true });
    expect(text).toContain("Förnyat intyg");
    expect(text).toContain("har genomfört repetitionen");
  });

  it("prints several certificates in one document, one page each, every page as the certificate's own PDF, each a tagged section with its link", async () => {
    const second: CertificatePdfInput = { ...INPUT, holderName: "Örjan Östlund", code: "M4NP-7RTV-Q2XK", verifyUrl: "https://coachportalen.example/verifiera/M4NP-7RTV-Q2XK", renewal: true };
    const bundle = await renderCertificatesPdf([INPUT, second], { title: "Intyg från Utbildningsdag 2", author: "Högsby kommun", subject: "2 intyg" });
    const document = await getDocumentProxy(new Uint8Array(bundle));
    expect(document.numPages).toBe(2);
    const pages = (await extractText(document, { mergePages: false })).text as string[];
    for (const [i, single] of [INPUT, second].entries()) {
      const own = (await extractText(await getDocumentProxy(new Uint8Array(await renderCertificatePdf(single))), { mergePages: false })).text as string[];
      expect(pages[i]).toBe(own[0]);
      const page = await document.getPage(i + 1);
      const annotations = (await page.getAnnotations()) as Array<{ subtype: string; url?: string }>;
      expect(annotations.filter((a) => a.subtype === "Link").map((a) => a.url)).toEqual([single.verifyUrl]);
      const found = roles((await page.getStructTree()) as StructNode);
      for (const role of ["Sect", "H1", "P", "Figure"]) expect(found).toContain(role);
    }
    expect(bundle.toString("latin1")).toContain("/Lang (sv-SE)");
  });
});
