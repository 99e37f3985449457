// SPDX-License-Identifier: EUPL-1.2
// The certificate as a PDF: a tagged, accessible document (PDF/UA identification, Swedish
// as its language, a structure tree with headings, paragraphs, a described QR figure and a
// link), with an embedded font so that å, ä and ö are real, selectable text. Documents a
// municipality offers must meet WCAG 2.1 AA too (lag 2018:1937). It states its scope (modules,
// course days, hours) and is issued in the municipality's name, with its logo and the issuer
// the municipality names in its profile (issue #15).
import QRCode from "qrcode";
import { PDF_COLOURS, startTaggedPdf } from "~/lib/tagged-pdf.server";
import type { CertificateScope } from "./certificate-scope.server";

export interface CertificatePdfInput {
  holderName: string;
  trackTitle: string;
  municipalityName: string | null;
  /** "14 mars 2025" */
  issuedOn: string;
  /** "14 mars 2027" */
  validThrough: string;
  renewal: boolean;
  code: string;
  /** Where the QR code and the link lead: /verifiera/<code> on this site. */
  verifyUrl: string;
  scope: CertificateScope;
  /** Who issues it: the municipality as it signs, and the person and title its profile names. */
  issuer: { organisation: string | null; name: string | null; title: string | null };
  /** The municipality's logo as PNG or JPEG bytes (an SVG logo rasterized), with its name for the text alternative. */
  logo: { data: Buffer; alt: string } | null;
}

const { ink: INK, brand: BRAND, muted: MUTED } = PDF_COLOURS;

export async function renderCertificatePdf(input: CertificatePdfInput): Promise<Buffer> {
  return renderCertificatesPdf([input], {
    title: `Intyg: ${input.trackTitle} – ${input.holderName}`,
    author: input.issuer.organisation ?? "Coachportalen",
    subject: `Intyg om genomgången utbildning, intygskod ${input.code}`,
  });
}

/**
 * Several certificates in one document, one page each, every page drawn exactly as that
 * certificate's own PDF (a course day's certificates, printed together by its coordinator).
 */
export async function renderCertificatesPdf(inputs: CertificatePdfInput[], info: { title: string; author: string; subject: string }): Promise<Buffer> {
  if (inputs.length === 0) throw new Error("renderCertificatesPdf needs at least one certificate");
  const { doc, finished } = startTaggedPdf({ margin: 64, info });
  const root = doc.struct("Document");
  doc.addStructure(root);
  inputs.forEach((input, i) => {
    if (i > 0) doc.addPage();
    if (inputs.length === 1) return drawCertificate(doc, root, input);
    // Each certificate a section of its own, so assistive technology reads them one by one.
    const section = doc.struct("Sect");
    root.add(section);
    drawCertificate(doc, section, input);
    section.end();
  });
  root.end();
  doc.end();
  return finished;
}

function drawCertificate(doc: PDFKit.PDFDocument, root: PDFKit.PDFStructureElement, input: CertificatePdfInput) {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // A frame around the page: decoration, which assistive technology skips.
  doc.markContent("Artifact", { type: "Layout" });
  doc.lineWidth(2).strokeColor(BRAND).rect(32, 32, doc.page.width - 64, doc.page.height - 64).stroke();
  doc.endMarkedContent();

  const paragraph = (draw: () => void) => root.add(doc.struct("P", {}, draw));

  const top = 64;
  if (input.logo) {
    root.add(doc.struct("Figure", { alt: input.logo.alt }, () => doc.image(input.logo!.data, left, top, { fit: [150, 48] })));
  }
  paragraph(() =>
    doc
      .font("Inter-Bold")
      .fontSize(11)
      .fillColor(BRAND)
      .text(input.issuer.organisation ?? "Coachportalen", left, top + (input.logo ? 56 : 8), { width }),
  );
  doc.moveDown(0.4);
  root.add(doc.struct("H1", {}, () => doc.font("Inter-Bold").fontSize(30).fillColor(INK).text(input.renewal ? "Förnyat intyg" : "Intyg", { width })));
  doc.moveDown(0.4);
  paragraph(() => doc.font("Inter").fontSize(12.5).fillColor(INK).text("Härmed intygas att", { width }));
  doc.moveDown(0.2);
  paragraph(() => doc.font("Inter-Bold").fontSize(24).text(input.holderName, { width }));
  doc.moveDown(0.2);
  paragraph(() =>
    doc
      .font("Inter")
      .fontSize(12.5)
      .text(
        input.renewal
          ? "har genomfört repetitionen och därmed förnyat sitt intyg för utbildningen"
          : "har genomfört utbildningen och godkänts på kunskapstestet i varje modul:",
        { width },
      ),
  );
  doc.moveDown(0.2);
  paragraph(() => doc.font("Inter-Bold").fontSize(16).fillColor(BRAND).text(input.trackTitle, { width }));
  doc.moveDown(0.8);

  root.add(doc.struct("H2", {}, () => doc.font("Inter-Bold").fontSize(13).fillColor(INK).text("Utbildningens omfattning", { width })));
  doc.moveDown(0.2);
  const items = [
    ...input.scope.modules.map((m) => `${m.title}${m.credited ? " (tillgodoräknad från tidigare utbildning)" : ""}`),
    ...input.scope.courseDays.map((d) => `${d.title}${d.on ? (d.credited ? `, tillgodoräknad (genomförd ${d.on})` : `, ${d.on}`) : ""}`),
  ];
  const list = doc.struct("L");
  root.add(list);
  for (const item of items) list.add(doc.struct("LI", {}, () => doc.font("Inter").fontSize(10.5).fillColor(INK).text(`•  ${item}`, { width })));
  list.end();
  doc.moveDown(0.2);
  paragraph(() => doc.font("Inter").fontSize(10.5).fillColor(INK).text(`Omfattning sammanlagt cirka ${input.scope.estimatedHours} timmar.`, { width }));
  doc.moveDown(0.8);

  const detail = (label: string, value: string) =>
    paragraph(() => {
      doc.font("Inter-Bold").fontSize(11).fillColor(INK).text(`${label}: `, { width, continued: true });
      doc.font("Inter").text(value);
      doc.moveDown(0.1);
    });
  if (input.municipalityName) detail("Kommun", input.municipalityName);
  detail(input.renewal ? "Förnyat" : "Utfärdat", input.issuedOn);
  detail("Giltigt till och med", input.validThrough);
  detail("Intygskod", input.code);
  if (input.issuer.name) {
    doc.moveDown(0.5);
    paragraph(() => {
      doc.font("Inter-Bold").fontSize(11).fillColor(INK).text(input.issuer.name!, { width });
      doc.font("Inter").fontSize(10.5).text([input.issuer.title, input.issuer.organisation].filter(Boolean).join(", "), { width });
    });
  }
  doc.moveDown(0.8);

  root.add(doc.struct("H2", {}, () => doc.font("Inter-Bold").fontSize(13).fillColor(INK).text("Kontrollera intyget", { width })));
  doc.moveDown(0.4);
  const textWidth = width - 150;
  const sectionTop = doc.y;
  paragraph(() =>
    doc
      .font("Inter")
      .fontSize(11.5)
      .fillColor(INK)
      .text("Skanna QR-koden eller öppna adressen nedan. Där står om intyget är giltigt, har gått ut eller har återkallats.", left, sectionTop, {
        width: textWidth,
      }),
  );
  const qrSize = 96;
  root.add(doc.struct("Figure", { alt: `QR-kod som leder till ${input.verifyUrl}` }, () => drawQrCode(doc, input.verifyUrl, left + width - qrSize, sectionTop, qrSize)));
  // The address gets the full width below the QR code, so that it stays on one line (and one link).
  const linkTop = sectionTop + qrSize + 12;
  root.add(
    doc.struct("Link", {}, () =>
      doc.font("Inter").fontSize(11).fillColor(BRAND).text(input.verifyUrl, left, linkTop, { width, link: input.verifyUrl, underline: true }),
    ),
  );

  doc.markContent("Artifact", { type: "Pagination" });
  doc
    .font("Inter")
    .fontSize(9)
    .fillColor(MUTED)
    .text(`Intygskod ${input.code}`, left, doc.page.height - 64 - 12, { width, align: "right", lineBreak: false });
  doc.endMarkedContent();
}

/** The QR code as vector squares: sharp at any zoom and in print. */
function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  // Four modules of quiet zone on every side, as scanners expect.
  const cell = size / (count + 8);
  doc.save().rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + 4) * cell, y + (row + 4) * cell, cell, cell);
    }
  }
  doc.fill("#000000").restore();
}
