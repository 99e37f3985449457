// SPDX-License-Identifier: EUPL-1.2
// The rules of docs/content-format.md as zod schemas, one per kind of file. Messages are
// Swedish and start in lower case: they are printed after "fil:rad: fält: ".
import { z } from "zod";

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Taken by the knowledge test's own URL: /utbildning/:track/:module/kunskapstest. */
export const RESERVED_LESSON_SLUGS = ["kunskapstest"];

export const TOPICS = ["alkohol", "narkotika", "dopning", "tobak", "spel"] as const;
export const MATERIAL_AUDIENCES = ["F-3", "4-6", "7-9", "gymnasiet", "föräldrar", "personal"] as const;
export const MATERIAL_KINDS = ["lektion", "samtalsunderlag", "föräldramöte", "fördjupning"] as const;
export const QUESTION_TYPES = ["single", "multiple", "truefalse"] as const;

// `explanation:` with nothing after it is YAML's null: to the author the field is just empty.
const missingOr = (otherwise: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? "fältet saknas" : issue.input === null ? "får inte vara tomt" : otherwise;

const text = () =>
  z
    .string({ error: missingOr("ska vara text") })
    .trim()
    .min(1, "får inte vara tomt");

const slug = () =>
  z
    .string({ error: missingOr("ska vara text") })
    .regex(SLUG_PATTERN, "får bara innehålla små bokstäver a–z, siffror och bindestreck (till exempel andts-och-uppdraget)");

const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: missingOr(`ska vara ett heltal mellan ${min} och ${max}`) })
    .int(`ska vara ett heltal mellan ${min} och ${max}`)
    .min(min, `ska vara ett heltal mellan ${min} och ${max}`)
    .max(max, `ska vara ett heltal mellan ${min} och ${max}`);

const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: missingOr(`ska vara ett av: ${values.join(", ")}`) });

const nonEmptyList = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item, { error: missingOr(`ska vara en lista med ${what}`) }).min(1, `ska ha minst en rad (${what})`);

const httpsUrl = () =>
  z.string({ error: missingOr("ska vara en webbadress") }).refine((value) => {
    try {
      return new URL(value).protocol === "https:";
    } catch {
      return false;
    }
  }, "ska vara en fullständig webbadress som börjar med https://");

// year and url are asked for whenever they exist; a signed local agreement (the
// medborgarlöfte) may have no web address, and many web pages carry no year.
const source = z.strictObject({
  title: text(),
  publisher: text(),
  year: wholeNumber(1900, 2100).optional(),
  url: httpsUrl().optional(),
});

const sources = () => nonEmptyList(source, "källor");

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const isoDate = () => z.string({ error: missingOr("ska vara ett datum i formen ÅÅÅÅ-MM-DD") }).refine(isCalendarDate, "ska vara ett datum i formen ÅÅÅÅ-MM-DD");

const reviewFields = {
  review: oneOf(["utkast", "granskad"]),
  reviewedBy: text().optional(),
  reviewedAt: isoDate().optional(),
};

// The day someone last checked the text against its sources. The curriculum requires it on
// every lesson and material (curriculum.ts); content:check warns when it is over a year old.
const sourcesCheckedOn = () => isoDate().optional();

// A reviewed file says who reviewed it and when: the coordinator answers for the content.
function checkReview(value: { review: string; reviewedBy?: string; reviewedAt?: string }, ctx: z.RefinementCtx) {
  if (value.review !== "granskad") return;
  if (!value.reviewedBy) ctx.addIssue({ code: "custom", path: ["review"], message: "granskad kräver också reviewedBy (vem som granskade)" });
  if (!value.reviewedAt) ctx.addIssue({ code: "custom", path: ["review"], message: "granskad kräver också reviewedAt (datum i formen ÅÅÅÅ-MM-DD)" });
}

function checkUnique(values: string[], ctx: z.RefinementCtx, path: (index: number) => PropertyKey[], message: (value: string) => string) {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (seen.has(value)) ctx.addIssue({ code: "custom", path: path(index), message: message(value) });
    seen.add(value);
  });
}

export const SESSION_KINDS = ["utbildningsdag", "booster"] as const;

// An in-person step ("träff") of a track. `required` defaults to true for a course day and
// false for a booster: the boosters keep a certificate valid, they do not earn the first one.
const session = z.strictObject({
  key: slug(),
  title: text(),
  description: text(),
  kind: oneOf(SESSION_KINDS),
  required: z.boolean({ error: "ska vara true eller false" }).optional(),
});

export const trackSchema = z
  .strictObject({
    title: text(),
    summary: text(),
    modules: nonEmptyList(slug(), "modulnamn"),
    sessions: z.array(session, { error: "ska vara en lista med träffar" }).optional(),
    validityMonths: wholeNumber(1, 120).default(24),
    passPercent: wholeNumber(1, 100).default(80),
    refresher: slug().optional(),
    boosterExtendsValidity: z.strictObject({ withinMonths: wholeNumber(1, 120) }, { error: missingOr("ska ha withinMonths: antal månader") }).optional(),
    audience: oneOf(["coach", "school_staff"]).default("coach"),
    // After three failed attempts in a row the next one waits this long (0: no pause).
    retryPauseMinutes: wholeNumber(0, 10080).default(60),
  })
  .superRefine((track, ctx) => {
    checkUnique(track.modules, ctx, (i) => ["modules", i], (m) => `modulen ${m} står redan i listan`);
    const sessions = track.sessions ?? [];
    checkUnique(sessions.map((s) => s.key), ctx, (i) => ["sessions", i, "key"], (key) => `träffen ${key} står redan i listan`);
    // Prior training names a step by its key, module or träff alike: the two must never meet.
    const modules = new Set([...track.modules, ...(track.refresher ? [track.refresher] : [])]);
    sessions.forEach((s, i) => {
      if (modules.has(s.key)) ctx.addIssue({ code: "custom", path: ["sessions", i, "key"], message: `${s.key} är redan namnet på en modul i spåret: ge träffen ett eget namn` });
    });
    if (track.boosterExtendsValidity && !sessions.some((s) => s.kind === "booster")) {
      ctx.addIssue({ code: "custom", path: ["boosterExtendsValidity"], message: "spåret har ingen träff av typen booster (kind: booster) som kan förlänga intyget" });
    }
  });

export const moduleSchema = z
  .strictObject({
    title: text(),
    summary: text(),
    objectives: z
      .array(text().regex(/[.!?]$/, "ett mål ska vara en hel mening som slutar med punkt"), { error: missingOr("ska vara en lista med lärandemål") })
      .min(1, "ska ha 1–8 lärandemål")
      .max(8, "ska ha 1–8 lärandemål"),
    estimatedMinutes: wholeNumber(1, 600),
    // How many questions of quiz.yml an attempt asks; without it, all of them.
    questionsPerAttempt: wholeNumber(1, 100).optional(),
    ...reviewFields,
    sources: sources(),
  })
  .superRefine(checkReview);

export const lessonSchema = z.strictObject({
  title: text(),
  minutes: wholeNumber(1, 60),
  sourcesCheckedOn: sourcesCheckedOn(),
});

const option = z.strictObject({
  id: slug(),
  text: text(),
  correct: z.boolean({ error: "ska vara true eller false" }).default(false),
});

const question = z
  .strictObject({
    id: slug(),
    type: oneOf(QUESTION_TYPES),
    prompt: text(),
    options: z.array(option, { error: "ska vara en lista med svarsalternativ" }).optional(),
    answer: z.boolean({ error: "ska vara true eller false" }).optional(),
    explanation: text(),
    source: text().optional(),
    // The lesson to read again after answering wrong: its slug (the file name without NN- and .md).
    lesson: slug().optional(),
    // A question that asks for a date, an SFS number or a percentage rather than what to do;
    // the curriculum allows at most a quarter of a pool to be such questions.
    recall: z.boolean({ error: "ska vara true eller false" }).optional(),
  })
  .superRefine((q, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (q.type === "truefalse") {
      if (q.answer === undefined) issue(["answer"], "en fråga av typen truefalse måste ha answer: true eller answer: false");
      if (q.options) issue(["options"], "en fråga av typen truefalse har inga options, bara answer");
      return;
    }
    if (q.answer !== undefined) issue(["answer"], `answer används bara av frågor av typen truefalse, inte ${q.type}`);
    if (!q.options) {
      issue(["options"], `en fråga av typen ${q.type} måste ha options`);
      return;
    }
    if (q.options.length < 2 || q.options.length > 6) issue(["options"], "en fråga ska ha 2–6 svarsalternativ");
    const correct = q.options.filter((o) => o.correct).length;
    if (q.type === "single" && correct !== 1) issue(["options"], "en fråga av typen single måste ha exakt ett rätt svar");
    if (q.type === "multiple" && correct < 1) issue(["options"], "en fråga av typen multiple måste ha minst ett rätt svar");
    checkUnique(q.options.map((o) => o.id), ctx, (i) => ["options", i, "id"], (id) => `svarsalternativet ${id} finns redan i frågan`);
  });

export const quizSchema = z
  .strictObject({ questions: nonEmptyList(question, "frågor") })
  .superRefine((quiz, ctx) =>
    checkUnique(quiz.questions.map((q) => q.id), ctx, (i) => ["questions", i, "id"], (id) => `frågan ${id} finns redan i testet`),
  );

export const materialSchema = z
  .strictObject({
    title: text(),
    summary: text(),
    topics: nonEmptyList(oneOf(TOPICS), "ämnen"),
    audience: nonEmptyList(oneOf(MATERIAL_AUDIENCES), "målgrupper"),
    kind: oneOf(MATERIAL_KINDS),
    minutes: wholeNumber(1, 600),
    visibility: oneOf(["public", "staff"]),
    // An attachment's text is a section of the material's own text (`::bilaga{section}`), printed as a PDF.
    attachments: z
      .array(z.strictObject({ title: text(), section: slug() }), { error: "ska vara en lista med bilagor" })
      .optional(),
    sourcesCheckedOn: sourcesCheckedOn(),
    ...reviewFields,
    sources: sources(),
  })
  .superRefine(checkReview);

// A public guide for citizens (content/guider/): no account needed, so every fact stands on a
// named source, and the day those sources were last read is shown with them.
export const guideSchema = z
  .strictObject({
    title: text(),
    summary: text(),
    ...reviewFields,
    sources: sources(),
    sourcesCheckedOn: z
      .string({ error: missingOr("ska vara ett datum i formen ÅÅÅÅ-MM-DD") })
      .refine(isCalendarDate, "ska vara ett datum i formen ÅÅÅÅ-MM-DD"),
  })
  .superRefine(checkReview);

export type TrackFrontmatter = z.output<typeof trackSchema>;
export type ModuleFrontmatter = z.output<typeof moduleSchema>;
export type LessonFrontmatter = z.output<typeof lessonSchema>;
export type QuizFile = z.output<typeof quizSchema>;
export type MaterialFrontmatter = z.output<typeof materialSchema>;
export type GuideFrontmatter = z.output<typeof guideSchema>;
