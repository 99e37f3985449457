// SPDX-License-Identifier: EUPL-1.2
// A material's attachment as a PDF for a teacher to print (issue #17): A4, the material's name
// and the publisher, the attachment's title, its text with headings, lists, boxes to tick and
// lines to write on, and the material's sources. Tagged like every PDF of the app (lag
// 2018:1937: documents a municipality offers meet WCAG 2.1 AA too): headings, paragraphs, lists
// and tables are structure; what is only for the pen (lines, boxes, cut lines) and what repeats
// on every page (page numbers, a table's repeated headings) is marked as layout.
import type { AttachmentBlock, AttachmentRun, Source } from "~/content/content.server";
import { PDF_COLOURS, startTaggedPdf } from "~/lib/tagged-pdf.server";

export interface AttachmentPdfInput {
  materialTitle: string;
  title: string;
  blocks: AttachmentBlock[];
  sources: Source[];
}

export interface AttachmentPdf {
  bytes: Buffer;
  pages: number;
}

/** Who publishes what the app prints; the same words on every attachment. */
export const ATTACHMENT_PUBLISHER = "Coachportalen";

const { ink: INK, brand: BRAND, muted: MUTED } = PDF_COLOURS;
const RULE = "#8a949e";
const MARGIN = 56;
const BODY_SIZE = 11.5;
const LINE_GAP = 3;
const ANSWER_LINE_SPACING = 26;
const BOX = 10;
const HEADING_SIZES = { 2: 15, 3: 13, 4: 11.5 } as const;

type Struct = PDFKit.PDFStructureElement;

/** The runs line by line at hard line breaks: PDFKit misplaces a break inside continued text. */
function linesOf(runs: AttachmentRun[]): AttachmentRun[][] {
  const lines: AttachmentRun[][] = [[]];
  for (const run of runs) {
    run.text.split("\n").forEach((text, i) => {
      if (i > 0) lines.push([]);
      if (text) lines.at(-1)!.push({ ...run, text });
    });
  }
  return lines;
}

/** "…/insatser-som-hjälper" rather than "…/insatser-som-hj%C3%A4lper": an address on paper is read and typed. */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

export async function renderAttachmentPdf(input: AttachmentPdfInput): Promise<AttachmentPdf> {
  const { doc, finished } = startTaggedPdf({
    margin: MARGIN,
    // Page numbers are written once every page exists ("Sida 2 av 3").
    bufferPages: true,
    info: { title: `${input.title} – ${input.materialTitle}`, author: ATTACHMENT_PUBLISHER, subject: `Bilaga till materialet ${input.materialTitle}` },
  });
  const left = MARGIN;
  const fullWidth = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN;
  const root = doc.struct("Document");
  doc.addStructure(root);

  /** A new page when what comes next would not fit: drawn things do not flow by themselves as text does. */
  const ensureSpace = (height: number) => {
    if (doc.y + height > bottom()) doc.addPage();
  };
  const artifact = (draw: () => void) => {
    doc.markContent("Artifact", { type: "Layout" });
    draw();
    doc.endMarkedContent();
  };

  const writeRuns = (runs: AttachmentRun[], x: number, width: number, size = BODY_SIZE, options: { bold?: boolean; colour?: string } = {}) => {
    for (const line of linesOf(runs)) {
      doc.x = x;
      if (line.length === 0) doc.font("Inter").fontSize(size).text(" ", { width, lineGap: LINE_GAP });
      line.forEach((run, i) => {
        doc
          .font(run.bold || options.bold ? "Inter-Bold" : "Inter")
          .fontSize(size)
          .fillColor(options.colour ?? INK);
        doc.text(run.text, { width, continued: i < line.length - 1, oblique: run.italic ? 10 : false, lineGap: LINE_GAP });
      });
    }
    doc.x = left;
  };
  const lineHeight = (size = BODY_SIZE) => doc.font("Inter").fontSize(size).currentLineHeight(true) + LINE_GAP;

  const paragraph = (parent: Struct, runs: AttachmentRun[], x: number, width: number) => {
    ensureSpace(lineHeight());
    parent.add(doc.struct("P", {}, () => writeRuns(runs, x, width)));
    doc.moveDown(0.5);
  };

  const heading = (parent: Struct, level: 2 | 3 | 4, runs: AttachmentRun[], x: number, width: number) => {
    // A heading keeps at least two lines of its text with it.
    ensureSpace(lineHeight(HEADING_SIZES[level]) + 2 * lineHeight() + 12);
    doc.moveDown(level === 2 ? 0.6 : 0.3);
    parent.add(doc.struct(`H${level}`, {}, () => writeRuns(runs, x, width, HEADING_SIZES[level], { bold: true, colour: level === 2 ? BRAND : INK })));
    doc.moveDown(0.35);
  };

  const answerLines = (count: number, x: number, width: number) => {
    for (let i = 0; i < count; i++) {
      ensureSpace(ANSWER_LINE_SPACING);
      const y = doc.y + ANSWER_LINE_SPACING - 4;
      artifact(() => doc.lineWidth(0.6).strokeColor(RULE).moveTo(x, y).lineTo(x + width, y).stroke());
      doc.y = y + 4;
    }
    doc.moveDown(0.6);
  };

  const cutLine = () => {
    ensureSpace(30);
    const y = doc.y + 10;
    artifact(() => doc.lineWidth(0.75).strokeColor(RULE).dash(4, { space: 4 }).moveTo(left, y).lineTo(left + fullWidth, y).stroke().undash());
    doc.y = y + 16;
  };

  const box = (x: number, y: number) => artifact(() => doc.lineWidth(0.9).strokeColor(INK).rect(x, y, BOX, BOX).stroke());

  const list = (parent: Struct, block: Extract<AttachmentBlock, { type: "list" }>, x: number, width: number) => {
    const l = doc.struct("L");
    parent.add(l);
    const indent = block.ordered ? 22 : 16;
    block.items.forEach((item, i) => {
      ensureSpace(lineHeight());
      const li = doc.struct("LI");
      l.add(li);
      const y = doc.y;
      // An item that is only a line to write on has its number on that line.
      const labelY = item.blocks[0]?.type === "answerLines" ? y + ANSWER_LINE_SPACING - 4 - lineHeight() + 2 : y;
      if (item.checkbox) {
        // The box is for the pen; the list item itself says what to tick.
        box(x, labelY + 2.5);
      } else {
        const label = block.ordered ? `${block.start + i}.` : "•";
        li.add(doc.struct("Lbl", {}, () => doc.font("Inter").fontSize(BODY_SIZE).fillColor(INK).text(label, x, labelY, { width: indent, lineBreak: false })));
      }
      doc.y = y;
      const body = doc.struct("LBody");
      li.add(body);
      const bodyX = x + (item.checkbox ? BOX + 8 : indent);
      renderBlocks(body, item.blocks, bodyX, width - (bodyX - x), true);
      body.end();
      li.end();
    });
    l.end();
    doc.moveDown(0.3);
  };

  const table = (parent: Struct, block: Extract<AttachmentBlock, { type: "table" }>, x: number, width: number) => {
    const columns = Math.max(block.header.length, ...block.rows.map((r) => r.length));
    if (columns === 0) return;
    const plain = (runs: AttachmentRun[] | undefined) => (runs ?? []).map((r) => r.text).join("");
    const isBox = (runs: AttachmentRun[] | undefined) => /^\[\s?\]$/.test(plain(runs).trim());
    // Columns after the first take what their widest cell needs; the first, usually the text, the rest.
    doc.font("Inter-Bold").fontSize(BODY_SIZE - 1);
    const widths = Array.from({ length: columns }, (_, c) => {
      if (c === 0) return 0;
      // A column left empty is for writing in: it gets room for a name or a number.
      if (block.rows.length > 0 && block.rows.every((row) => plain(row[c]).trim() === "")) return (width * 0.6) / (columns - 1);
      const natural = Math.max(...[block.header, ...block.rows].map((row) => (isBox(row[c]) ? BOX : doc.widthOfString(plain(row[c])))));
      return Math.min(natural + 16, width * 0.3);
    });
    widths[0] = Math.max(width - widths.reduce((a, b) => a + b, 0), width * 0.3);
    const xs = widths.map((_, c) => x + widths.slice(0, c).reduce((a, b) => a + b, 0));
    const total = widths.reduce((a, b) => a + b, 0);
    const cellHeight = (runs: AttachmentRun[] | undefined, c: number, bold: boolean) =>
      isBox(runs) ? BOX : doc.font(bold ? "Inter-Bold" : "Inter").fontSize(BODY_SIZE - 1).heightOfString(plain(runs) || " ", { width: widths[c]! - 12, lineGap: 2 });
    const rowHeight = (row: AttachmentRun[][], bold: boolean) => Math.max(16, ...widths.map((_, c) => cellHeight(row[c], c, bold))) + 12;

    const drawCell = (runs: AttachmentRun[] | undefined, c: number, y: number, height: number, bold: boolean) => {
      if (isBox(runs)) return box(xs[c]! + (widths[c]! - BOX) / 2, y + (height - BOX) / 2);
      doc.x = xs[c]! + 6;
      doc.y = y + 6;
      const parts = (runs ?? []).filter((run) => run.text.length > 0);
      parts.forEach((run, i) => {
        doc
          .font(run.bold || bold ? "Inter-Bold" : "Inter")
          .fontSize(BODY_SIZE - 1)
          .fillColor(INK);
        doc.text(run.text, { width: widths[c]! - 12, continued: i < parts.length - 1, oblique: run.italic ? 10 : false, lineGap: 2 });
      });
    };
    const rules = (y: number, height: number, shaded: boolean) =>
      artifact(() => {
        if (shaded) doc.rect(x, y, total, height).fill("#e8f1f0");
        doc.lineWidth(0.6).strokeColor(RULE).rect(x, y, total, height).stroke();
        for (const cx of xs.slice(1)) doc.moveTo(cx, y).lineTo(cx, y + height).stroke();
      });
    const headerRow = (tagged: Struct | null) => {
      const height = rowHeight(block.header, true);
      const y = doc.y;
      rules(y, height, true);
      if (tagged) {
        const tr = doc.struct("TR");
        tagged.add(tr);
        block.header.forEach((cell, c) => tr.add(doc.struct("TH", {}, () => drawCell(cell, c, y, height, true))));
        tr.end();
      } else {
        // The headings again on a later page: read once, from the first.
        doc.markContent("Artifact", { type: "Pagination" });
        block.header.forEach((cell, c) => drawCell(cell, c, y, height, true));
        doc.endMarkedContent();
      }
      doc.y = y + height;
    };

    const t = doc.struct("Table");
    parent.add(t);
    ensureSpace(rowHeight(block.header, true) + (block.rows[0] ? rowHeight(block.rows[0], false) : 0));
    headerRow(t);
    for (const row of block.rows) {
      const height = rowHeight(row, false);
      if (doc.y + height > bottom()) {
        doc.addPage();
        headerRow(null);
      }
      const y = doc.y;
      rules(y, height, false);
      const tr = doc.struct("TR");
      t.add(tr);
      for (let c = 0; c < columns; c++) {
        const cell = row[c];
        // A box to tick is only for the pen: the cell is there, empty, as on the page.
        if (isBox(cell) || plain(cell) === "") {
          if (isBox(cell)) drawCell(cell, c, y, height, false);
          tr.add(doc.struct("TD"));
        } else tr.add(doc.struct("TD", {}, () => drawCell(cell, c, y, height, false)));
      }
      tr.end();
      doc.y = y + height;
    }
    t.end();
    doc.x = left;
    doc.moveDown(0.8);
  };

  const quote = (parent: Struct, blocks: AttachmentBlock[], x: number, width: number) => {
    const q = doc.struct("BlockQuote");
    parent.add(q);
    const top = doc.y;
    const page = doc.bufferedPageRange().count;
    renderBlocks(q, blocks, x + 14, width - 14, false);
    q.end();
    // The bar beside the quote, where it stayed on one page.
    if (doc.bufferedPageRange().count === page) artifact(() => doc.lineWidth(2.5).strokeColor(BRAND).moveTo(x + 2, top).lineTo(x + 2, doc.y - 8).stroke());
  };

  function renderBlocks(parent: Struct, blocks: AttachmentBlock[], x: number, width: number, tight: boolean) {
    blocks.forEach((block, i) => {
      switch (block.type) {
        case "heading":
          heading(parent, block.level, block.runs, x, width);
          break;
        case "paragraph":
          // A question stays on the page of the first line its answer is written on.
          if (blocks[i + 1]?.type === "answerLines") {
            const text = block.runs.map((r) => r.text).join("");
            ensureSpace(doc.font("Inter").fontSize(BODY_SIZE).heightOfString(text, { width, lineGap: LINE_GAP }) + ANSWER_LINE_SPACING + 8);
          }
          paragraph(parent, block.runs, x, width);
          if (tight) doc.moveDown(-0.2);
          break;
        case "list":
          list(parent, block, x, width);
          break;
        case "answerLines":
          answerLines(block.count, x, width);
          break;
        case "cut":
          cutLine();
          break;
        case "table":
          table(parent, block, x, width);
          break;
        case "quote":
          quote(parent, block.blocks, x, width);
          break;
      }
    });
  }

  // The header: which material this belongs to and who publishes it, then the title.
  root.add(
    doc.struct("P", {}, () =>
      doc.font("Inter-Bold").fontSize(10).fillColor(BRAND).text(`${ATTACHMENT_PUBLISHER}: bilaga till materialet ”${input.materialTitle}”`, left, MARGIN, { width: fullWidth }),
    ),
  );
  doc.moveDown(0.4);
  root.add(doc.struct("H1", {}, () => doc.font("Inter-Bold").fontSize(21).fillColor(INK).text(input.title, left, doc.y, { width: fullWidth })));
  doc.moveDown(0.6);

  renderBlocks(root, input.blocks, left, fullWidth, false);

  if (input.sources.length > 0) {
    heading(root, 2, [{ text: "Källor" }], left, fullWidth);
    const l = doc.struct("L");
    root.add(l);
    for (const source of input.sources) {
      ensureSpace(lineHeight(9.5));
      const li = doc.struct("LI");
      l.add(li);
      const text = `${source.title}. ${source.publisher}${source.year ? `, ${source.year}` : ""}.${source.url ? ` ${readableUrl(source.url)}` : ""}`;
      li.add(doc.struct("LBody", {}, () => doc.font("Inter").fontSize(9.5).fillColor(MUTED).text(text, left, doc.y, { width: fullWidth, lineGap: 2 })));
      li.end();
      doc.moveDown(0.3);
    }
    l.end();
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Written in the bottom margin, where text would otherwise start a new page.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent("Artifact", { type: "Pagination" });
    doc
      .font("Inter")
      .fontSize(8.5)
      .fillColor(MUTED)
      .text(`${input.title} · ${input.materialTitle} · Sida ${i - range.start + 1} av ${range.count}`, left, doc.page.height - MARGIN + 18, {
        width: fullWidth,
        align: "right",
        lineBreak: false,
      });
    doc.endMarkedContent();
    doc.page.margins.bottom = margin;
  }
  root.end();
  doc.end();
  return { bytes: await finished, pages: range.count };
}
