// SPDX-License-Identifier: EUPL-1.2
// The one way the app starts a PDF: tagged, PDF/UA-identified, in Swedish, with Inter embedded so
// that å, ä and ö are real, selectable text. Documents a municipality offers must meet WCAG 2.1 AA
// too (lag 2018:1937), so every PDF the app makes (certificates, a course day's attendance list)
// begins here and only draws its own content.
import fs from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";

// Inter (SIL Open Font License), shipped as TTF in an npm package, so no system font is needed.
const FONT_FILES = {
  regular: "@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
  bold: "@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf",
};

let fonts: { regular: Buffer; bold: Buffer } | undefined;
function pdfFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const require = createRequire(import.meta.url);
    fonts = { regular: fs.readFileSync(require.resolve(FONT_FILES.regular)), bold: fs.readFileSync(require.resolve(FONT_FILES.bold)) };
  }
  return fonts;
}

/** The colours every PDF shares: text, the brand's green, and muted text. */
export const PDF_COLOURS = { ink: "#1b1f23", brand: "#165750", muted: "#4a5560" } as const;

/**
 * A new A4 document with the fonts "Inter" and "Inter-Bold" registered, and `finished`, which
 * resolves to the bytes once the caller has drawn and called `doc.end()`.
 */
export function startTaggedPdf(options: {
  margin: number;
  info: { title: string; author: string; subject: string };
  /** Keep pages open until the end, for "Sida 2 av 3" written once every page exists. */
  bufferPages?: boolean;
}): { doc: PDFKit.PDFDocument; finished: Promise<Buffer> } {
  const { regular, bold } = pdfFonts();
  const doc = new PDFDocument({
    size: "A4",
    margin: options.margin,
    pdfVersion: "1.7",
    tagged: true,
    lang: "sv-SE",
    displayTitle: true,
    // PDFKit's types list only the PDF/A parts; it writes the PDF/UA identification as well.
    subset: "PDF/UA" as PDFKit.Mixins.PDFSubsets,
    // Without it PDFKit would load Helvetica first, a font that cannot be embedded.
    font: regular as unknown as string,
    bufferPages: options.bufferPages ?? false,
    info: { Title: options.info.title, Author: options.info.author, Subject: options.info.subject, Creator: "Coachportalen" },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("Inter", regular);
  doc.registerFont("Inter-Bold", bold);
  return { doc, finished };
}
