// SPDX-License-Identifier: EUPL-1.2
// A course day's attendance list as a PDF to print and sign on the day (issue #16): the day's
// facts, then everyone booked, by name, with a column to sign in and empty lines for those who
// come without a place. Tagged like the certificate (lag 2018:1937: documents a municipality
// offers meet WCAG 2.1 AA too): a heading, the facts as paragraphs and the people as a table;
// what is repeated on later pages (the day's header, the column headings, page numbers) is
// marked as layout, so assistive technology reads it once.
import { PDF_COLOURS, startTaggedPdf } from "~/lib/tagged-pdf.server";

export interface AttendanceListInput {
  /** The step, e.g. "Utbildningsdag 1". */
  title: string;
  trackTitle: string;
  /** "tisdag 14 april 2026" */
  date: string;
  /** "09.00–15.00" */
  time: string;
  place: string;
  /** "Högsby kommun", or both municipalities of a joint day. */
  organisers: string;
  participants: Array<{ name: string; municipalityName: string | null }>;
}

/** Lines left empty at the end of the list, for people who come without a place. */
export const WALK_IN_ROWS = 8;

const { ink: INK, brand: BRAND, muted: MUTED } = PDF_COLOURS;
const RULE = "#8a949e";
const MARGIN = 48;
const ROW_HEIGHT = 30;
const FOOTER_SPACE = 36;

export async function renderAttendanceListPdf(input: AttendanceListInput): Promise<Buffer> {
  const { doc, finished } = startTaggedPdf({
    margin: MARGIN,
    // Page numbers are written once every page exists ("Sida 2 av 3").
    bufferPages: true,
    info: {
      title: `Närvarolista: ${input.title}, ${input.date}`,
      author: input.organisers,
      subject: `Närvarolista för ${input.title} (${input.trackTitle}), ${input.date} kl. ${input.time}, ${input.place}`,
    },
  });

  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const columns = [
    { heading: "Nr", width: 30 },
    { heading: "Namn", width: Math.round(width * 0.4) },
    { heading: "Kommun", width: Math.round(width * 0.22) },
  ];
  columns.push({ heading: "Underskrift", width: width - columns.reduce((sum, c) => sum + c.width, 0) });
  const columnX = columns.map((_, i) => left + columns.slice(0, i).reduce((sum, c) => sum + c.width, 0));

  const root = doc.struct("Document");
  doc.addStructure(root);
  const paragraph = (draw: () => void) => root.add(doc.struct("P", {}, draw));
  const facts = `${input.date}, kl. ${input.time}, ${input.place}`;

  // The first page's header, as content.
  paragraph(() => doc.font("Inter-Bold").fontSize(11).fillColor(BRAND).text(input.organisers, left, MARGIN, { width }));
  doc.moveDown(0.3);
  root.add(doc.struct("H1", {}, () => doc.font("Inter-Bold").fontSize(22).fillColor(INK).text(`Närvarolista: ${input.title}`, { width })));
  doc.moveDown(0.3);
  const detail = (label: string, value: string) =>
    paragraph(() => {
      doc.font("Inter-Bold").fontSize(11).fillColor(INK).text(`${label}: `, { width, continued: true });
      doc.font("Inter").text(value);
    });
  detail("Utbildning", input.trackTitle);
  detail("Datum", input.date);
  detail("Tid", input.time);
  detail("Plats", input.place);
  doc.moveDown(0.4);
  paragraph(() =>
    doc
      .font("Inter")
      .fontSize(10.5)
      .fillColor(MUTED)
      .text(
        `${input.participants.length} anmälda, i bokstavsordning. Den som kommer utan anmälan skriver sitt namn och sin kommun på en tom rad.`,
        { width },
      ),
  );
  doc.moveDown(0.8);

  /** The day's header again at the top of a later page: layout, read once from the first page. */
  const repeatHeader = () => {
    doc.markContent("Artifact", { type: "Pagination" });
    doc.font("Inter-Bold").fontSize(10).fillColor(INK).text(`Närvarolista: ${input.title}`, left, MARGIN, { width });
    doc.font("Inter").fontSize(9.5).fillColor(MUTED).text(`${input.organisers}. ${facts}.`, { width });
    doc.endMarkedContent();
    doc.y += 10;
  };

  const table = doc.struct("Table");
  root.add(table);
  // A long name or municipality takes two smaller lines of the row rather than being cut.
  const cellText = (text: string, i: number, y: number, font: "Inter" | "Inter-Bold") => {
    const cell = { width: columns[i]!.width - 12 };
    doc.font(font).fontSize(10.5).fillColor(INK);
    if (doc.heightOfString(text, cell) > 15) doc.fontSize(9);
    const twoLines = doc.heightOfString(text, cell) > 15;
    doc.text(text, columnX[i]! + 6, y + (twoLines ? 3 : 9), { ...cell, height: twoLines ? 24 : 14, ellipsis: true });
  };
  const rules = (y: number, height: number) => {
    doc.markContent("Artifact", { type: "Layout" });
    doc.lineWidth(0.75).strokeColor(RULE);
    doc.rect(left, y, width, height).stroke();
    for (const x of columnX.slice(1)) doc.moveTo(x, y).lineTo(x, y + height).stroke();
    doc.endMarkedContent();
  };
  const headingRow = (tagged: boolean) => {
    const y = doc.y;
    doc.markContent("Artifact", { type: "Layout" });
    doc.rect(left, y, width, ROW_HEIGHT - 4).fill("#e8f1f0");
    doc.endMarkedContent();
    if (tagged) {
      const row = doc.struct("TR");
      table.add(row);
      columns.forEach((c, i) => row.add(doc.struct("TH", {}, () => cellText(c.heading, i, y - 2, "Inter-Bold"))));
      row.end();
    } else {
      doc.markContent("Artifact", { type: "Pagination" });
      columns.forEach((c, i) => cellText(c.heading, i, y - 2, "Inter-Bold"));
      doc.endMarkedContent();
    }
    rules(y, ROW_HEIGHT - 4);
    doc.y = y + ROW_HEIGHT - 4;
  };
  const row = (cells: string[]) => {
    if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN - FOOTER_SPACE) {
      doc.addPage();
      repeatHeader();
      headingRow(false);
    }
    const y = doc.y;
    const tr = doc.struct("TR");
    table.add(tr);
    cells.forEach((text, i) => tr.add(doc.struct("TD", {}, () => cellText(text, i, y, "Inter"))));
    tr.end();
    rules(y, ROW_HEIGHT);
    doc.y = y + ROW_HEIGHT;
  };

  headingRow(true);
  input.participants.forEach((p, i) => row([String(i + 1), p.name, p.municipalityName ?? "", ""]));
  for (let i = 0; i < WALK_IN_ROWS; i++) row(["", "", "", ""]);
  table.end();

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.markContent("Artifact", { type: "Pagination" });
    doc
      .font("Inter")
      .fontSize(9)
      .fillColor(MUTED)
      .text(`Sida ${i - range.start + 1} av ${range.count}`, left, doc.page.height - MARGIN - 12, { width, align: "right", lineBreak: false });
    doc.endMarkedContent();
  }
  root.end();
  doc.end();
  return finished;
}
