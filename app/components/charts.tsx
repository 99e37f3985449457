// SPDX-License-Identifier: EUPL-1.2
// Bar charts drawn as SVG on the server: no chart library in the browser, nothing to load.
// A chart is an image with a title and description for screen readers, a written summary
// for everyone, and the same numbers in a table behind "Visa som tabell" (open to anyone who
// wants it, and printed open). Series differ in pattern as well as colour, and every bar
// carries its number, so colour never carries meaning alone. A series with nothing in it is
// left out of the picture, and a chart with nothing at all is a sentence instead.
import type { ReactNode } from "react";
import { formatNumber } from "~/lib/dates";
import { DataTable } from "./DataTable";

export interface ChartDatum {
  /** Shown in the table and, for horizontal charts, above the bars. */
  label: string;
  /** For vertical charts, where space under each bar is short ("jan."). */
  shortLabel?: string;
  /** A second line under a vertical bar, such as the year where it changes. */
  subLabel?: string;
  values: number[];
  /**
   * Words in place of a value's number, in the chart and its table: a small count the public
   * pages may not show ("färre än 5", short "<5" under a narrow bar). Give such a value as 0,
   * so no bar hints at its size.
   */
  valueTexts?: Array<{ text: string; short: string } | undefined>;
}

interface BarChartProps {
  /** Unique on the page: ids of the title, description and patterns derive from it. */
  id: string;
  title: string;
  description: string;
  /** The chart in words, visible to everyone. */
  summary: ReactNode;
  /** The table's first column heading. */
  categoryHeader: string;
  /** One name per value in each datum. At most three: there are three patterns. */
  series: string[];
  data: ChartDatum[];
  layout?: "horizontal" | "vertical";
  /** Said instead of the chart when every value is zero: "Inga intyg har utfärdats ännu." */
  emptyText?: string;
}

// Each at least 3:1 against white (WCAG 1.4.11); the second and third add hatching and dots.
const SERIES_STYLES = [
  { stroke: "#165750", pattern: null },
  { stroke: "#1d4ed8", pattern: "hatch" },
  { stroke: "#9a3412", pattern: "dots" },
] as const;

const TEXT = "#1b1f23";
const AXIS = "#4a5560";

function fillOf(id: string, index: number): string {
  const style = SERIES_STYLES[index % SERIES_STYLES.length]!;
  return style.pattern ? `url(#${id}-pattern-${index})` : style.stroke;
}

function Patterns({ id, count }: { id: string; count: number }) {
  return (
    <defs>
      {SERIES_STYLES.slice(0, count).map((style, index) =>
        style.pattern === "hatch" ? (
          <pattern key={index} id={`${id}-pattern-${index}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke={style.stroke} strokeWidth="3" />
          </pattern>
        ) : style.pattern === "dots" ? (
          <pattern key={index} id={`${id}-pattern-${index}`} width="5" height="5" patternUnits="userSpaceOnUse">
            <rect width="5" height="5" fill="#ffffff" />
            <circle cx="2.5" cy="2.5" r="1.6" fill={style.stroke} />
          </pattern>
        ) : null,
      )}
    </defs>
  );
}

function Legend({ id, series }: { id: string; series: string[] }) {
  if (series.length < 2) return null;
  // The table says the same to screen readers; the legend is for reading the picture.
  return (
    <ul aria-hidden="true" className="mb-2 flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {series.map((name, index) => (
        <li key={name} className="flex items-center gap-2">
          <svg width="18" height="14" focusable="false">
            <rect x="1" y="1" width="16" height="12" fill={fillOf(id, index)} stroke={SERIES_STYLES[index]!.stroke} strokeWidth="2" />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

const pct = (value: number) => `${Math.round(value * 100) / 100}%`;

interface ChartText {
  id: string;
  title: string;
  description: string;
}

/** The picture as one image: its title and description are what a screen reader announces. */
function ChartSvg({ id, title, description, height, children }: ChartText & { height: number; children: ReactNode }) {
  return (
    <svg width="100%" height={height} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="mb-4 block">
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}

/** SVG text does not wrap: long labels are broken at spaces into lines that fit a phone. */
function wrapLabel(label: string, maxChars = 34): string[] {
  const lines: string[] = [];
  for (const word of label.split(" ")) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= maxChars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** One group per datum: its label above, then one labelled bar per series. */
function HorizontalBars({ series, data, max, ...text }: ChartText & { series: string[]; data: ChartDatum[]; max: number }) {
  const { id } = text;
  const lineHeight = 19;
  const barHeight = 18;
  const barGap = 5;
  const groupGap = 16;
  // Series names take the left 40 % when there are several (room for "Läst alla lektioner" at 360 px); bars at most 45 %.
  const barStart = series.length > 1 ? 40 : 0;
  const barSpan = series.length > 1 ? 45 : 84;
  let top = 0;
  const groups = data.map((datum) => {
    const lines = wrapLabel(datum.label);
    const group = { datum, lines, top, barsTop: top + lines.length * lineHeight + 4 };
    top = group.barsTop + series.length * (barHeight + barGap) + groupGap;
    return group;
  });
  return (
    <ChartSvg {...text} height={top}>
      <Patterns id={id} count={series.length} />
      {groups.map(({ datum, lines, top: groupTop, barsTop }) => (
        <g key={datum.label}>
          <text x="0" y={groupTop + 14} fontSize="14" fontWeight="600" fill={TEXT}>
            {lines.map((line, i) => (
              <tspan key={i} x="0" dy={i === 0 ? 0 : lineHeight}>
                {line}
              </tspan>
            ))}
          </text>
          {series.map((name, s) => {
            const value = datum.values[s] ?? 0;
            const y = barsTop + s * (barHeight + barGap);
            const width = (value / max) * barSpan;
            return (
              <g key={name}>
                {series.length > 1 ? (
                  <text x="0" y={y + 14} fontSize="13" fill={TEXT}>
                    {name}
                  </text>
                ) : null}
                {value > 0 ? (
                  <rect x={pct(barStart)} y={y} width={pct(width)} height={barHeight} fill={fillOf(id, s)} stroke={SERIES_STYLES[s]!.stroke} strokeWidth="2" />
                ) : null}
                <text x={pct(barStart + width)} dx="6" y={y + 14} fontSize="13" fill={TEXT}>
                  {datum.valueTexts?.[s]?.text ?? formatNumber(value)}
                </text>
              </g>
            );
          })}
        </g>
      ))}
    </ChartSvg>
  );
}

/** One column per datum, for a series over time: the number above, the label below. */
function VerticalBars({ data, max, ...text }: ChartText & { data: ChartDatum[]; max: number }) {
  const { id } = text;
  const top = 20;
  const plot = 150;
  const bottom = 40;
  // A little margin either side, so the first and last labels are not cut off.
  const margin = 2;
  const slot = (100 - 2 * margin) / Math.max(1, data.length);
  const at = (d: number, fraction: number) => pct(margin + slot * d + slot * fraction);
  // On a phone every other label, or they run together; one with a second line (a new year) always, its neighbours not.
  const marked = (d: number) => Boolean(data[d]?.subLabel);
  const shownOnPhone = (d: number) => marked(d) || (d % 2 === 0 && !marked(d - 1) && !marked(d + 1));
  return (
    <ChartSvg {...text} height={top + plot + bottom}>
      <Patterns id={id} count={1} />
      <line x1="0" x2="100%" y1={top + plot} y2={top + plot} stroke={AXIS} strokeWidth="1" />
      {data.map((datum, d) => {
        const value = datum.values[0] ?? 0;
        const height = (value / max) * plot;
        const centre = at(d, 0.5);
        const label = shownOnPhone(d) ? undefined : "max-sm:hidden";
        return (
          <g key={datum.label}>
            {value > 0 ? (
              <rect
                x={at(d, 0.2)}
                y={top + plot - height}
                width={pct(slot * 0.6)}
                height={height}
                fill={fillOf(id, 0)}
                stroke={SERIES_STYLES[0].stroke}
                strokeWidth="2"
              />
            ) : null}
            <text x={centre} y={top + plot - height - 5} fontSize="12" textAnchor="middle" fill={TEXT}>
              {datum.valueTexts?.[0]?.short ?? formatNumber(value)}
            </text>
            <text x={centre} y={top + plot + 16} fontSize="12" textAnchor="middle" fill={TEXT} className={label}>
              {datum.shortLabel ?? datum.label}
            </text>
            {datum.subLabel ? (
              <text x={centre} y={top + plot + 32} fontSize="12" textAnchor="middle" fill={AXIS}>
                {datum.subLabel}
              </text>
            ) : null}
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** A value that says something: a number above zero, or words in place of a small one. */
const shows = (datum: ChartDatum, s: number) => (datum.values[s] ?? 0) > 0 || datum.valueTexts?.[s] !== undefined;

export function BarChart({ id, title, description, summary, categoryHeader, series, data, layout = "horizontal", emptyText }: BarChartProps) {
  const max = Math.max(1, ...data.flatMap((d) => d.values));
  const drawn = series.map((_, s) => s).filter((s) => data.some((datum) => shows(datum, s)));
  if (emptyText && drawn.length === 0) {
    return (
      <div className="mb-8">
        <p className="max-w-3xl">{emptyText}</p>
      </div>
    );
  }
  // Empty series stay in the table (it is the record), not in the picture.
  const pictured = drawn.length > 0 && drawn.length < series.length ? drawn : series.map((_, s) => s);
  const pictureSeries = pictured.map((s) => series[s]!);
  const pictureData = data.map((datum) => ({
    ...datum,
    values: pictured.map((s) => datum.values[s] ?? 0),
    valueTexts: datum.valueTexts ? pictured.map((s) => datum.valueTexts![s]) : undefined,
  }));
  return (
    <div className="mb-8">
      <p className="mb-3 max-w-3xl">{summary}</p>
      <Legend id={id} series={pictureSeries} />
      {layout === "horizontal" ? (
        <HorizontalBars id={id} title={title} description={description} series={pictureSeries} data={pictureData} max={max} />
      ) : (
        <VerticalBars id={id} title={title} description={description} data={pictureData} max={max} />
      )}
      {/* Closed by default to keep the page short; printed open (Chromium's ::details-content). */}
      <details className="print:details-content:[content-visibility:visible]">
        <summary className="cursor-pointer font-semibold print:hidden">
          Visa som tabell<span className="sr-only">: {title}</span>
        </summary>
        <DataTable className="mt-2" label={`${title}, tabell`} caption={title} showCaption>
          <thead>
            <tr>
              <th scope="col">{categoryHeader}</th>
              {series.map((name) => (
                <th key={name} scope="col" className="text-right">
                  {name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.map((datum) => (
              <tr key={datum.label}>
                {/* A row heading is a cell of its row: the same thin rule under it as under the numbers. */}
                <th scope="row" className="border-b border-gray-200 font-normal">
                  {datum.label}
                </th>
                {series.map((name, s) => (
                  <td key={name} className="text-right">
                    {datum.valueTexts?.[s]?.text ?? formatNumber(datum.values[s] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </DataTable>
      </details>
    </div>
  );
}
