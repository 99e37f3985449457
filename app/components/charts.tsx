// SPDX-License-Identifier: EUPL-1.2
// Bar charts drawn as HTML and CSS on the server: no chart library in the browser, nothing to load.
// A chart is an image with a title and description for screen readers, a written summary
// for everyone, and the same numbers in a table behind "Visa som tabell" (open to anyone who
// wants it, and printed open). Series differ in pattern as well as colour, and every bar
// carries its number, so colour never carries meaning alone. A series with nothing in it is
// left out of the picture, and a chart with nothing at all is a sentence instead.
import type { CSSProperties, ReactNode } from "react";
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
   * pages may not show ("färre än 5", short "<5" over a narrow column). Give such a value as 0,
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
  /**
   * Shorter names to write beside the bars of a horizontal chart, where the legend above gives
   * the full ones: "Certifierade ANDTS-coacher" took two lines beside every bar on a phone.
   */
  seriesShort?: string[];
  data: ChartDatum[];
  layout?: "horizontal" | "vertical";
  /** Said instead of the chart when every value is zero: "Inga intyg har utfärdats ännu." */
  emptyText?: string;
  /**
   * For data in time order: draw a run of two or more data without a bar in any series as one
   * group, "Kvartal 1 2024 – Kvartal 2 2025". The table keeps every datum.
   */
  collapseEmptyRuns?: boolean;
}

/** Three series at most: app/styles.css gives each a colour and, from the second, a pattern. */
const SERIES_CLASSES = ["chart-series-0", "chart-series-1", "chart-series-2"] as const;
const seriesClass = (index: number) => SERIES_CLASSES[index % SERIES_CLASSES.length]!;

function Legend({ series }: { series: string[] }) {
  if (series.length < 2) return null;
  // The table says the same to screen readers; the legend is for reading the picture.
  return (
    <ul aria-hidden="true" className="mb-2 flex flex-wrap gap-x-5 gap-y-1 text-sm">
      {series.map((name, index) => (
        <li key={name} className="flex items-center gap-2">
          <span className={`chart-swatch ${seriesClass(index)}`} />
          {name}
        </li>
      ))}
    </ul>
  );
}

interface ChartText {
  id: string;
  title: string;
  description: string;
}

/**
 * The picture as one image: its title and description are what a screen reader announces, and
 * the words drawn inside it are not read twice. It is laid out in HTML boxes rather than SVG
 * text so that labels wrap and grow with the reader's text size: at 320 px or 200 % text nothing
 * overlaps (WCAG 1.4.4, 1.4.10; the audit of issue #21 found SVG labels written over values).
 */
function ChartFrame({ id, title, description, children }: ChartText & { children: ReactNode }) {
  return (
    <div role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart">
      <span id={`${id}-title`} hidden>
        {title}
      </span>
      <span id={`${id}-desc`} hidden>
        {description}
      </span>
      {children}
    </div>
  );
}

/** A bar's length as a share of the longest, passed to app/styles.css, which leaves room for its number. */
function Bar({ value, max, series }: { value: number; max: number; series: number }) {
  if (value <= 0) return null;
  return <span className={`chart-bar ${seriesClass(series)}`} style={{ "--share": value / max } as CSSProperties} />;
}

/**
 * One group per datum: its label above (beside, where the chart is wide: app/styles.css), then
 * one labelled bar per series, each number after its bar.
 */
function HorizontalBars({ series, data, max, ...text }: ChartText & { series: string[]; data: ChartDatum[]; max: number }) {
  const named = series.length > 1;
  return (
    <ChartFrame {...text}>
      <div className={named ? "chart-bars" : "chart-bars chart-bars-unnamed"}>
        {data.map((datum) => (
          <div key={datum.label} className="chart-group">
            <span className="chart-group-label" style={{ "--rows": series.length } as CSSProperties}>
              {datum.label}
            </span>
            {series.map((name, s) => (
              <div key={name} className="chart-row">
                {named ? <span className="chart-series-name">{name}</span> : null}
                <span className="chart-track">
                  <Bar value={datum.values[s] ?? 0} max={max} series={s} />
                  <span className="chart-value">{datum.valueTexts?.[s]?.text ?? formatNumber(datum.values[s] ?? 0)}</span>
                </span>
              </div>
            ))}
          </div>
        ))}
      </div>
    </ChartFrame>
  );
}

/**
 * One column per datum, for a series over time: the number above, the label below. Where the
 * chart is narrower than twelve columns of readable text (a phone, or large text), the columns
 * turn into rows, label first (app/styles.css, .chart-columns).
 */
function VerticalBars({ data, max, ...text }: ChartText & { data: ChartDatum[]; max: number }) {
  // Twelve columns is what the 40rem in app/styles.css is measured for; more are always rows.
  const columns = data.length <= 12 ? "chart-bars chart-columns" : "chart-bars";
  return (
    <ChartFrame {...text}>
      <div className={columns}>
        {data.map((datum) => {
          const value = datum.values[0] ?? 0;
          return (
            <div key={datum.label} className="chart-item">
              <span className="chart-item-label">
                {datum.shortLabel ?? datum.label}
                {datum.subLabel ? <span className="chart-sublabel"> {datum.subLabel}</span> : null}
              </span>
              <span className="chart-track">
                <Bar value={value} max={max} series={0} />
                <span className="chart-value">{datum.valueTexts?.[0]?.short ?? formatNumber(value)}</span>
              </span>
            </div>
          );
        })}
      </div>
    </ChartFrame>
  );
}

/** A value that says something: a number above zero, or words in place of a small one. */
const shows = (datum: ChartDatum, s: number) => (datum.values[s] ?? 0) > 0 || datum.valueTexts?.[s] !== undefined;

export function BarChart({
  id,
  title,
  description,
  summary,
  categoryHeader,
  series,
  seriesShort,
  data,
  layout = "horizontal",
  emptyText,
  collapseEmptyRuns: collapse = false,
}: BarChartProps) {
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
  const rowNames = pictured.map((s) => seriesShort?.[s] ?? series[s]!);
  const selected = data.map((datum) => ({
    ...datum,
    values: pictured.map((s) => datum.values[s] ?? 0),
    valueTexts: datum.valueTexts ? pictured.map((s) => datum.valueTexts![s]) : undefined,
  }));
  const pictureData = collapse && layout === "horizontal" ? collapseEmptyRuns(selected) : selected;
  return (
    <div className="mb-8">
      <p className="mb-3 max-w-3xl">{summary}</p>
      <Legend series={pictureSeries} />
      {layout === "horizontal" ? (
        <HorizontalBars id={id} title={title} description={description} series={rowNames} data={pictureData} max={max} />
      ) : (
        <VerticalBars id={id} title={title} description={description} data={pictureData} max={max} />
      )}
      {/* Closed by default to keep the page short; printed open (app/styles.css, ::details-content). */}
      <details className="chart-table">
        <summary className="cursor-pointer font-semibold">
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
                <th scope="row" className="font-normal">
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

const hasBar = (datum: ChartDatum) => datum.values.some((value) => value > 0);

/**
 * Runs of two or more data without a bar in any series, each as one datum "first – last" whose
 * values say what the run held: "0", "färre än 5", or "0 eller färre än 5". Six empty quarters
 * before the first coach was certified made the public follow-up page 18 rows longer and said
 * nothing the one line does not (issue #20). Never more precise than the data: no number is
 * shown that was not shown before.
 */
export function collapseEmptyRuns(data: ChartDatum[]): ChartDatum[] {
  const out: ChartDatum[] = [];
  for (let start = 0; start < data.length; ) {
    let end = start;
    while (end < data.length && !hasBar(data[end]!)) end++;
    if (end - start >= 2) {
      const run = data.slice(start, end);
      const width = run[0]!.values.length;
      // Numbers first, then words: "0 eller färre än 5".
      const texts = (s: number, pick: (text: { text: string; short: string }) => string) => {
        const numbers = run.filter((datum) => !datum.valueTexts?.[s]).map((datum) => formatNumber(datum.values[s] ?? 0));
        const words = run.flatMap((datum) => (datum.valueTexts?.[s] ? [pick(datum.valueTexts[s]!)] : []));
        return [...new Set([...numbers, ...words])].join(" eller ");
      };
      out.push({
        label: `${run[0]!.label} – ${run.at(-1)!.label}`,
        values: Array.from({ length: width }, () => 0),
        valueTexts: Array.from({ length: width }, (_, s) => ({ text: texts(s, (t) => t.text), short: texts(s, (t) => t.short) })),
      });
      start = end;
    } else {
      out.push(...data.slice(start, Math.max(end, start + 1)));
      start = Math.max(end, start + 1);
    }
  }
  return out;
}
