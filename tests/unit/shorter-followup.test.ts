// SPDX-License-Identifier: EUPL-1.2
// Issue #20, page length: the public follow-up page drew six empty quarters as eighteen rows, and
// each commitment as a heading, a fold, a list and a second fold. A run of empty quarters is one
// group now, never more precise than the quarters it stands for, and a commitment's activities
// are one line of state with the list in the fold beside its wording.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart, collapseEmptyRuns, type ChartDatum } from "~/components/charts";
import { activitiesInWords, foldLabel } from "~/components/promises/activity-words";

const few = { text: "färre än 5", short: "<5" };
const quarter = (n: number, values: number[], suppressed: boolean[] = []): ChartDatum => ({
  label: `Kvartal ${n} 2025`,
  values,
  valueTexts: suppressed.some(Boolean) ? suppressed.map((s) => (s ? few : undefined)) : undefined,
});

describe("a run of quarters without a bar", () => {
  it("is one group from the first to the last, saying what the run held in each series", () => {
    const data = [quarter(1, [0, 0]), quarter(2, [0, 0], [false, true]), quarter(3, [0, 0], [true, true]), quarter(4, [7, 12])];
    const shown = collapseEmptyRuns(data);
    expect(shown.map((d) => d.label)).toEqual(["Kvartal 1 2025 – Kvartal 3 2025", "Kvartal 4 2025"]);
    expect(shown[0]!.values).toEqual([0, 0]);
    expect(shown[0]!.valueTexts).toEqual([
      { text: "0 eller färre än 5", short: "0 eller <5" },
      { text: "0 eller färre än 5", short: "0 eller <5" },
    ]);
    expect(shown[1]).toBe(data[3]);
  });

  it("keeps a single empty quarter, and quarters with a bar in any series, as they are", () => {
    const data = [quarter(1, [5, 0]), quarter(2, [0, 0]), quarter(3, [0, 6]), quarter(4, [0, 0], [true, false]), quarter(5, [0, 0], [true, false])];
    const shown = collapseEmptyRuns(data);
    expect(shown.slice(0, 3)).toEqual(data.slice(0, 3));
    expect(shown[3]).toMatchObject({ label: "Kvartal 4 2025 – Kvartal 5 2025", valueTexts: [few, { text: "0", short: "0" }] });
  });

  it("is drawn so in the picture, while the table behind it keeps every quarter", () => {
    const data = [quarter(1, [0, 0], [true, true]), quarter(2, [0, 0], [true, true]), quarter(3, [0, 0], [true, true]), quarter(4, [9, 5])];
    const props = { id: "c", title: "Coacher", description: "d", summary: "s", categoryHeader: "Kvartal", series: ["A", "B"], data };
    const collapsed = renderToStaticMarkup(createElement(BarChart, { ...props, collapseEmptyRuns: true }));
    const picture = (html: string) => html.slice(0, html.indexOf("<details"));
    const table = (html: string) => html.slice(html.indexOf("<details"));
    expect(picture(collapsed)).toContain("Kvartal 1 2025 – Kvartal 3 2025");
    expect(picture(collapsed).match(/class="chart-group"/g)).toHaveLength(2);
    expect(table(collapsed).match(/<tr>/g)).toHaveLength(5);
    // Beside the bars a short name, where the legend above has the full one.
    const named = renderToStaticMarkup(createElement(BarChart, { ...props, series: ["Certifierade ANDTS-coacher", "Coacher under utbildning"], seriesShort: ["Certifierade", "Under utbildning"] }));
    expect(named.match(/class="chart-series-name">([^<]*)</g)!.map((m) => m.slice(m.indexOf(">") + 1, -1))).toEqual(Array(8).fill(["Certifierade", "Under utbildning"]).flat().slice(0, 8));
    expect(picture(named)).toContain("Certifierade ANDTS-coacher</li>");
    // Without the option (a chart of modules, not of time), nothing is joined.
    expect(picture(renderToStaticMarkup(createElement(BarChart, props))).match(/class="chart-group"/g)).toHaveLength(4);
  });
});

describe("a commitment's activities", () => {
  it("are one line on the overview: how many, and the latest day", () => {
    expect(activitiesInWords([])).toBe("Inga aktiviteter registrerade ännu");
    expect(activitiesInWords([{ happenedOn: "2025-03-14" }])).toBe("1 aktivitet, 14 mars 2025");
    expect(activitiesInWords([{ happenedOn: "2025-09-24" }, { happenedOn: "2024-04-17" }])).toBe("2 aktiviteter, den senaste 24 september 2025");
  });

  it("are folded with the wording, under a button that says how many and the latest day", () => {
    expect(foldLabel([])).toBe("Visa ordalydelsen (inga aktiviteter registrerade ännu)");
    expect(foldLabel([{ happenedOn: "2025-03-14" }])).toBe("Visa ordalydelsen och aktiviteten (14 mars 2025)");
    expect(foldLabel([{ happenedOn: "2025-09-24" }, { happenedOn: "2024-04-17" }, { happenedOn: "2025-01-02" }])).toBe(
      "Visa ordalydelsen och 3 aktiviteter (den senaste 24 september 2025)",
    );
  });
});
