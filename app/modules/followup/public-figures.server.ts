// SPDX-License-Identifier: EUPL-1.2
// The figures citizens see on /uppfoljning/:kommun and in every published report: aggregate
// counts for a whole municipality, now and at the end of each quarter, and nothing about any
// person. The counts come from the same rules as the coordinator's roster (rosterFigures) and
// material usage, so the public page and the dashboard agree; the quarters reconstruct the
// same rules at earlier moments. Everything shown passes suppressCount (app/lib/suppression.ts)
// here, on the server, so no small number reaches a page, a chart's table or a file.
//
// Only levels are published (how many are certified, in training, have passed a test, have
// used materials so far), never a flow beside a total: no shown figure is the sum of others,
// so no "färre än 5" can be recovered by subtraction (docs/decisions/011-public-follow-up.md).
//
// Adding a figure (say, coaches trained in person): add its key to FIGURE_KEYS, its words to
// FIGURE_TEXT, its count to currentValues (and, if it has a history, to valuesAt), and put it in
// a chart in FIGURE_CHARTS. Reports published before it simply lack the key and do not show it.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { ChartDatum } from "~/components/charts";
import type { ContentIndex } from "~/content/content.server";
import { formatDate, formatIsoDate, startOfStockholmDay, stockholmDate } from "~/lib/dates";
import { shortText, suppressCount, SUPPRESSED_TEXT, type PublicCount } from "~/lib/suppression";
import { creditedAt } from "~/modules/certification/credited-steps.server";
import { certificateOnRecord, certificateStatus } from "~/modules/certification/rules";
import { materialUsageForMunicipality } from "~/modules/materials/usage.server";
import { REUSE_MAX_MS, reuseWhileUnchanged } from "~db/change-tracking";
import type { Database } from "~db/schema";
import { toCount } from "~db/sql";
import { coachTracks, rosterFigures } from "~/modules/roster/roster.server";

export const FIGURE_KEYS = ["certified", "inTraining", "modulesCompleted", "materialUses"] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export type FigureValues = Record<FigureKey, number>;

/** What each figure is called and means, in plain Swedish; `short` is its name beside a bar, under a legend with the full one. */
export const FIGURE_TEXT: Record<FigureKey, { label: string; short: string; description: string }> = {
  certified: {
    label: "Certifierade ANDTS-coacher",
    short: "Certifierade",
    description: "Coacher i kommunen som har gått hela utbildningen och har ett giltigt intyg.",
  },
  inTraining: {
    label: "Coacher under utbildning",
    short: "Under utbildning",
    description: "Coacher i kommunen som har börjat utbildningen men ännu inte har något intyg.",
  },
  modulesCompleted: {
    label: "Klarade utbildningsmoduler",
    short: "Klarade moduler",
    description: "Kunskapstest som kommunens coacher har klarat, ett per coach och modul. Utbildningen har flera moduler.",
  },
  materialUses: {
    label: "Användning av skolmaterial",
    short: "Användning",
    description: "Hur många gånger kommunens coacher och skolpersonal har öppnat förebyggande material eller laddat ner det, sedan starten.",
  },
};

/** How the quarters are drawn: which figures share a chart. */
const FIGURE_CHARTS: Array<{ id: string; title: string; keys: FigureKey[] }> = [
  { id: "coacher", title: "Certifierade coacher och coacher under utbildning", keys: ["certified", "inTraining"] },
  { id: "moduler", title: "Klarade utbildningsmoduler, totalt", keys: ["modulesCompleted"] },
  { id: "material", title: "Användning av skolmaterial, totalt", keys: ["materialUses"] },
];

/** At most this many quarters back: three years fit a chart on a phone. */
export const MAX_QUARTERS = 12;

export interface QuarterPoint {
  year: number;
  quarter: number;
  /** The moment counted at: the last instant of the quarter, or the counting time for the quarter under way. */
  at: string;
  /** The quarter was still under way when counted. */
  partial: boolean;
  values: Partial<FigureValues>;
}

/** The figures as counted at one moment: what a report freezes as JSON. */
export interface FollowupFigures {
  version: 1;
  countedAt: string;
  current: Partial<FigureValues>;
  quarters: QuarterPoint[];
}

// Stored reports are read with this: a figure added later is missing from older reports, and
// one removed later is ignored, rather than failing the page.
const valuesSchema = z.record(z.string(), z.number().int().min(0)).transform((values) => {
  const known: Partial<FigureValues> = {};
  for (const key of FIGURE_KEYS) if (values[key] !== undefined) known[key] = values[key];
  return known;
});
const figuresSchema = z.object({
  version: z.literal(1),
  countedAt: z.string(),
  current: valuesSchema,
  quarters: z.array(
    z.object({ year: z.number().int(), quarter: z.number().int().min(1).max(4), at: z.string(), partial: z.boolean(), values: valuesSchema }),
  ),
});

export function parseFigures(json: string): FollowupFigures {
  return figuresSchema.parse(JSON.parse(json));
}

/** Equal for equal counts, whenever they were counted: the preview and the publication are compared by it. */
export function figuresChecksum(figures: FollowupFigures): string {
  const counts = { current: figures.current, quarters: figures.quarters.map((q) => [q.year, q.quarter, q.values]) };
  return createHash("sha256").update(JSON.stringify(counts)).digest("hex").slice(0, 32);
}

// ---------------------------------------------------------------------------------------
// Counting.

interface QuarterRef {
  year: number;
  quarter: number;
}

function quarterOf(day: { year: number; month: number }): QuarterRef {
  return { year: day.year, quarter: Math.floor((day.month - 1) / 3) + 1 };
}

function nextQuarter(q: QuarterRef): QuarterRef {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: q.quarter + 1 };
}

function quarterIndex(q: QuarterRef): number {
  return q.year * 4 + q.quarter - 1;
}

/** The last instant of a quarter in Stockholm: a millisecond before the next one begins. */
function quarterEnd(q: QuarterRef): Date {
  const next = nextQuarter(q);
  return new Date(startOfStockholmDay({ year: next.year, month: (next.quarter - 1) * 3 + 1, day: 1 }).getTime() - 1);
}

/** From the quarter the promise period starts in (or the last four without one) to the current quarter. */
export function quartersToShow(now: Date, periodStart: string | null): QuarterRef[] {
  const current = quarterOf(stockholmDate(now));
  const first = periodStart ? quarterOf({ year: Number(periodStart.slice(0, 4)), month: Number(periodStart.slice(5, 7)) }) : null;
  const from = Math.max(quarterIndex(current) - (MAX_QUARTERS - 1), first ? Math.min(quarterIndex(first), quarterIndex(current)) : quarterIndex(current) - 3);
  const quarters: QuarterRef[] = [];
  for (let i = from; i <= quarterIndex(current); i++) quarters.push({ year: Math.floor(i / 4), quarter: (i % 4) + 1 });
  return quarters;
}

interface History {
  coaches: Array<{ id: string; deactivated_at: string | null }>;
  firstActivity: Map<string, string>;
  /** Per coach: the first passed test of each module of a coach track. */
  passes: Map<string, string[]>;
  certificates: Map<string, Array<{ issued_at: string; expires_at: string; revoked_at: string | null }>>;
  /** Per Stockholm day, ascending: views and downloads together. */
  materialDays: Array<{ day: string; uses: number }>;
}

// The roster's rules, one moment at a time: the same population (the municipality's coaches
// now), the same tracks and modules, the same certificate that speaks for a coach.
async function loadHistory(db: Kysely<Database>, municipalityId: string, content: ContentIndex): Promise<History> {
  const tracks = coachTracks(content);
  const trackSlugs = tracks.map((t) => t.slug);
  const counted = new Set(tracks.flatMap((t) => t.modules.filter((m) => content.modules[m]).map((m) => `${t.slug}/${m}`)));
  const none = Promise.resolve([]);
  const [coaches, lessons, tests, certificates, material, attended, signedUp, credits] = await Promise.all([
    db.selectFrom("user").select(["id", "deactivated_at"]).where("role", "=", "coach").where("municipality_id", "=", municipalityId).execute(),
    trackSlugs.length === 0
      ? none
      : db
          .selectFrom("lesson_completion")
          .innerJoin("user", "user.id", "lesson_completion.user_id")
          .select((eb) => ["lesson_completion.user_id", eb.fn.min("lesson_completion.completed_at").as("first")])
          .where("lesson_completion.track", "in", trackSlugs)
          .where("user.role", "=", "coach")
          .where("user.municipality_id", "=", municipalityId)
          .groupBy("lesson_completion.user_id")
          .execute(),
    trackSlugs.length === 0
      ? none
      : db
          .selectFrom("quiz_attempt")
          .innerJoin("user", "user.id", "quiz_attempt.user_id")
          .select((eb) => [
            "quiz_attempt.user_id",
            "quiz_attempt.track",
            "quiz_attempt.module",
            eb.fn.min("quiz_attempt.submitted_at").as("first"),
            eb.fn.min(eb.case().when("quiz_attempt.passed", "=", 1).then(eb.ref("quiz_attempt.submitted_at")).end()).as("firstPass"),
          ])
          .where("quiz_attempt.track", "in", trackSlugs)
          .where("user.role", "=", "coach")
          .where("user.municipality_id", "=", municipalityId)
          .groupBy(["quiz_attempt.user_id", "quiz_attempt.track", "quiz_attempt.module"])
          .execute(),
    trackSlugs.length === 0
      ? none
      : db
          .selectFrom("certification")
          .innerJoin("user", "user.id", "certification.user_id")
          .select(["certification.user_id", "certification.issued_at", "certification.expires_at", "certification.revoked_at"])
          .where("certification.track", "in", trackSlugs)
          .where("user.role", "=", "coach")
          .where("user.municipality_id", "=", municipalityId)
          .execute(),
    db
      .selectFrom("material_use")
      .select((eb) => ["day", eb.fn.sum<string | number>("views").as("views"), eb.fn.sum<string | number>("downloads").as("downloads")])
      .where("municipality_id", "=", municipalityId)
      .groupBy("day")
      .orderBy("day")
      .execute(),
    // In-person activity counts as the roster counts it: a session attended, or a place booked or on the waiting list.
    db
      .selectFrom("session_attendance")
      .innerJoin("training_session", "training_session.id", "session_attendance.session_id")
      .innerJoin("user", "user.id", "session_attendance.user_id")
      .select((eb) => ["session_attendance.user_id", eb.fn.min("training_session.starts_at").as("first")])
      .where("session_attendance.attended", "=", 1)
      .where("user.role", "=", "coach")
      .where("user.municipality_id", "=", municipalityId)
      .groupBy("session_attendance.user_id")
      .execute(),
    db
      .selectFrom("session_booking")
      .innerJoin("user", "user.id", "session_booking.user_id")
      .select((eb) => ["session_booking.user_id", eb.fn.min("session_booking.queued_at").as("first")])
      .where("session_booking.status", "in", ["booked", "waitlisted"])
      .where("user.role", "=", "coach")
      .where("user.municipality_id", "=", municipalityId)
      .groupBy("session_booking.user_id")
      .execute(),
    // Earlier training counts as the roster counts it: a credited module passed on its date.
    trackSlugs.length === 0
      ? none
      : db
          .selectFrom("prior_training")
          .innerJoin("user", "user.id", "prior_training.user_id")
          .select(["prior_training.user_id", "prior_training.track", "prior_training.step_key", "prior_training.completed_on"])
          .where("prior_training.track", "in", trackSlugs)
          .where("user.role", "=", "coach")
          .where("user.municipality_id", "=", municipalityId)
          .execute(),
  ]);

  const firstActivity = new Map<string, string>();
  const earliest = (userId: string, at: string | null) => {
    if (!at) return;
    const before = firstActivity.get(userId);
    if (!before || at < before) firstActivity.set(userId, at);
  };
  for (const row of [...lessons, ...attended, ...signedUp]) earliest(row.user_id, row.first as string | null);
  const firstPasses = new Map<string, { userId: string; at: string }>();
  const passed = (userId: string, track: string, module: string, at: string | null) => {
    if (!at || !counted.has(`${track}/${module}`)) return;
    const key = `${userId}/${track}/${module}`;
    const before = firstPasses.get(key);
    if (!before || at < before.at) firstPasses.set(key, { userId, at });
  };
  for (const row of tests) {
    earliest(row.user_id, row.first as string | null);
    passed(row.user_id, row.track, row.module, row.firstPass as string | null);
  }
  for (const row of credits) {
    earliest(row.user_id, creditedAt(row.completed_on));
    passed(row.user_id, row.track, row.step_key, creditedAt(row.completed_on));
  }
  const passes = new Map<string, string[]>();
  for (const { userId, at } of firstPasses.values()) passes.set(userId, [...(passes.get(userId) ?? []), at]);
  const byUser: History["certificates"] = new Map();
  for (const cert of certificates) byUser.set(cert.user_id, [...(byUser.get(cert.user_id) ?? []), cert]);
  return {
    coaches,
    firstActivity,
    passes,
    certificates: byUser,
    materialDays: material.map((row) => ({ day: row.day, uses: toCount(row.views) + toCount(row.downloads) })),
  };
}

/** The counts as they stood at `at`: as the roster would have counted them then. */
function valuesAt(history: History, at: Date): FigureValues {
  const moment = at.toISOString();
  const values: FigureValues = { certified: 0, inTraining: 0, modulesCompleted: 0, materialUses: 0 };
  for (const coach of history.coaches) {
    if (coach.deactivated_at && coach.deactivated_at <= moment) continue;
    const certificates = (history.certificates.get(coach.id) ?? [])
      .filter((c) => c.issued_at <= moment)
      // A certificate revoked later was still valid then.
      .map((c) => ({ ...c, revoked_at: c.revoked_at && c.revoked_at <= moment ? c.revoked_at : null }));
    const current = certificateOnRecord(certificates, at);
    if (current) {
      if (certificateStatus(current, at) === "valid") values.certified++;
    } else {
      const first = history.firstActivity.get(coach.id);
      if (first && first <= moment) values.inTraining++;
    }
    values.modulesCompleted += (history.passes.get(coach.id) ?? []).filter((passed) => passed <= moment).length;
  }
  const lastDay = formatIsoDate(at);
  for (const row of history.materialDays) if (row.day <= lastDay) values.materialUses += row.uses;
  return values;
}

/** The figures now, with the same rules the coordinator's dashboard uses. */
async function currentValues(db: Kysely<Database>, municipalityId: string, content: ContentIndex, now: Date): Promise<FigureValues> {
  const [roster, usage] = await Promise.all([
    // The roster computed for the same moment, so "now" and the quarter under way agree.
    rosterFigures(db, { municipalityId, content, now }),
    // Every day since the start: the empty string sorts before any day.
    materialUsageForMunicipality(db, municipalityId, ""),
  ]);
  return {
    certified: roster.certified,
    inTraining: roster.inTraining,
    modulesCompleted: roster.funnel.reduce((sum, m) => sum + m.testPassed, 0),
    materialUses: usage.reduce((sum, m) => sum + m.views + m.downloads, 0),
  };
}

/** The municipality's figures now and at the end of each quarter shown. */
export function countFollowupFigures(
  db: Kysely<Database>,
  input: { municipalityId: string; periodStart: string | null; content: ContentIndex; now?: Date },
): Promise<FollowupFigures> {
  const now = input.now ?? new Date();
  // The public page reads every lesson and test of the municipality: reused while nothing can
  // have changed, for moments in the same REUSE_MAX_MS window (db/change-tracking.ts). The same
  // path whether a moment is given or not, so tests exercise what production runs.
  const window = Math.floor(now.getTime() / REUSE_MAX_MS);
  return reuseWhileUnchanged(db, `followup:${input.municipalityId}:${input.periodStart ?? ""}:${window}`, [input.content], () =>
    countFollowupFiguresAt(db, { ...input, now }),
  );
}

async function countFollowupFiguresAt(
  db: Kysely<Database>,
  input: { municipalityId: string; periodStart: string | null; content: ContentIndex; now: Date },
): Promise<FollowupFigures> {
  const now = input.now;
  const [current, history] = await Promise.all([
    currentValues(db, input.municipalityId, input.content, now),
    loadHistory(db, input.municipalityId, input.content),
  ]);
  const quarters = quartersToShow(now, input.periodStart);
  return {
    version: 1,
    countedAt: now.toISOString(),
    current,
    quarters: quarters.map((q, i) => {
      // The quarter under way is counted now, with exactly the figures shown as "now".
      const partial = i === quarters.length - 1;
      const at = partial ? now : quarterEnd(q);
      return { year: q.year, quarter: q.quarter, at: at.toISOString(), partial, values: partial ? current : valuesAt(history, at) };
    }),
  };
}

// ---------------------------------------------------------------------------------------
// Showing: only suppressed counts leave this module.

export interface PublicFigure {
  key: FigureKey;
  label: string;
  description: string;
  count: PublicCount;
}

export interface PublicChart {
  id: string;
  title: string;
  description: string;
  summary: string;
  categoryHeader: string;
  series: string[];
  /** The series' names beside the bars, shorter than in the legend and table. */
  seriesShort?: string[];
  layout: "horizontal" | "vertical";
  data: ChartDatum[];
}

export interface PublicQuarterRow {
  label: string;
  /** YYYY-MM-DD: the last day counted. */
  until: string;
  /** Null where a report counted before the figure existed. */
  counts: Array<{ key: FigureKey; count: PublicCount | null }>;
}

export interface PublicFigures {
  countedAt: string;
  figures: PublicFigure[];
  charts: PublicChart[];
  /** Every quarter with every figure, for files. */
  quarters: PublicQuarterRow[];
  /** The keys of the figures present, in order: the columns of the quarters. */
  keys: FigureKey[];
}

export function quarterLabel(q: { year: number; quarter: number; partial: boolean }): string {
  return `Kvartal ${q.quarter} ${q.year}${q.partial ? " (hittills)" : ""}`;
}

/** "Certifierade ANDTS-coacher" → "certifierade ANDTS-coacher": inside a sentence, abbreviations keep their capitals. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function listInWords(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? "") : `${parts.slice(0, -1).join(", ")} och ${parts.at(-1)}`;
}

/** The figures as the public may see them: every count through suppressCount. */
export function publicFigures(figures: FollowupFigures): PublicFigures {
  const keys = FIGURE_KEYS.filter((key) => figures.current[key] !== undefined);
  const shown = keys.map((key) => ({ key, ...FIGURE_TEXT[key], count: suppressCount(figures.current[key]!) }));
  const first = figures.quarters[0];
  const last = figures.quarters.at(-1);
  const charts: PublicChart[] = [];
  if (first && last) {
    for (const chart of FIGURE_CHARTS) {
      const chartKeys = chart.keys.filter((key) => figures.quarters.every((q) => q.values[key] !== undefined));
      if (chartKeys.length === 0) continue;
      const names = chartKeys.map((key) => FIGURE_TEXT[key].label);
      const lastCounts = chartKeys.map((key) => `${lowerFirst(FIGURE_TEXT[key].label)}: ${suppressCount(last.values[key]!).text}`);
      const horizontal = chartKeys.length > 1;
      charts.push({
        id: chart.id,
        title: `${chart.title}, per kvartal`,
        description: `${horizontal ? "Liggande stapeldiagram med en grupp staplar" : "Stående stapeldiagram med en stapel"} per kvartal från ${quarterLabel({
          ...first,
          partial: false,
        }).toLowerCase()} till ${quarterLabel({ ...last, partial: false }).toLowerCase()}: ${listInWords(names.map(lowerFirst))} vid kvartalets slut. Antal från 1 till 4 visas som ${SUPPRESSED_TEXT} och har ingen stapel.`,
        summary: `Så här såg det ut vid slutet av varje kvartal. I dag, ${formatDate(figures.countedAt)}: ${listInWords(lastCounts)}.`,
        categoryHeader: "Kvartal",
        series: names,
        seriesShort: chartKeys.map((key) => FIGURE_TEXT[key].short),
        layout: horizontal ? "horizontal" : "vertical",
        data: figures.quarters.map((q, i) => {
          const counts = chartKeys.map((key) => suppressCount(q.values[key]!));
          return {
            label: quarterLabel(q),
            shortLabel: `K${q.quarter}`,
            // The year under each first quarter, and under the first bar.
            subLabel: q.quarter === 1 || i === 0 ? String(q.year) : undefined,
            values: counts.map((c) => c.value ?? 0),
            valueTexts: counts.map((c) => (c.suppressed ? { text: c.text, short: shortText(c) } : undefined)),
          };
        }),
      });
    }
  }
  return {
    countedAt: figures.countedAt,
    figures: shown,
    charts,
    keys,
    quarters: figures.quarters.map((q) => ({
      label: quarterLabel(q),
      until: formatIsoDate(q.at),
      counts: keys.map((key) => ({ key, count: q.values[key] === undefined ? null : suppressCount(q.values[key]) })),
    })),
  };
}
