// SPDX-License-Identifier: EUPL-1.2
// The compiled content index: what `npm run content:build` writes and the app reads.
// Quizzes carry their answers, so the index is read only on the server (content.server.ts).

// 2: tracks gained in-person steps (sessions) and boosterExtendsValidity.
// 3: question pools (quiz.perAttempt), a lesson per question, tracks' retryPauseMinutes.
// 4: a material's attachments are sections of its own text (blocks), printed as PDFs; lessons
// and materials carry sourcesCheckedOn; public guides for citizens (guides);
// synonyms (content/synonymer.txt) for the materials search.
export const CONTENT_FORMAT_VERSION = 4;

export type ReviewStatus = "utkast" | "granskad";
export type TrackAudience = "coach" | "school_staff";

export interface Source {
  title: string;
  publisher: string;
  year: number | null;
  url: string | null;
}

export interface Review {
  status: ReviewStatus;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

export type SessionStepKind = "utbildningsdag" | "booster";

/** An in-person step ("träff") of a track: a coordinator schedules sessions for it, and attendance completes it. */
export interface SessionStep {
  /** Unique within the track and never the slug of one of its modules: prior training names steps by it. */
  key: string;
  title: string;
  description: string;
  kind: SessionStepKind;
  /** Attendance is needed for the certificate (course days by default; boosters not). */
  required: boolean;
}

export interface Track {
  slug: string;
  title: string;
  summary: string;
  /** Sanitized HTML; links to lessons still hold the track placeholder (see resolveLessonLinks). */
  html: string;
  modules: string[];
  /** In-person steps, in the order the track lists them; empty for a track that is only online. */
  sessions: SessionStep[];
  validityMonths: number;
  passPercent: number;
  refresher: string | null;
  /** A booster attended within this many months renews the certificate in its refresher window, like the refresher. */
  boosterExtendsValidity: { withinMonths: number } | null;
  audience: TrackAudience;
  /** After three failed attempts in a row on a test, the next one opens this many minutes after the last (0: at once). */
  retryPauseMinutes: number;
}

export interface Lesson {
  slug: string;
  /** Position in the module, from the file name's NN. */
  number: number;
  title: string;
  minutes: number;
  /** YYYY-MM-DD: when the text was last checked against the module's sources; null if never said. */
  sourcesCheckedOn: string | null;
  html: string;
}

export interface QuizOption {
  id: string;
  text: string;
  correct: boolean;
}

interface QuestionBase {
  id: string;
  prompt: string;
  explanation: string;
  source: string | null;
  /** The slug of the module's lesson that teaches it, or null: then every lesson of the module is named. */
  lesson: string | null;
}

export type Question =
  | (QuestionBase & { type: "single" | "multiple"; options: QuizOption[] })
  | (QuestionBase & { type: "truefalse"; answer: boolean });

export interface Quiz {
  /** The pool: an attempt asks `perAttempt` of these. */
  questions: Question[];
  /** How many questions an attempt asks: the module's questionsPerAttempt, or the whole pool. */
  perAttempt: number;
}

export interface Module {
  slug: string;
  title: string;
  summary: string;
  objectives: string[];
  estimatedMinutes: number;
  review: Review;
  sources: Source[];
  html: string;
  /** SHA-256 (hex) over index, lessons and quiz with normalised line endings, in file-name order. */
  contentHash: string;
  lessons: Lesson[];
  quiz: Quiz;
}

/** A stretch of an attachment's text in one style. */
export interface AttachmentRun {
  text: string;
  bold?: true;
  italic?: true;
}

export interface AttachmentListItem {
  /** `- [ ] text`: a box to tick on paper. */
  checkbox: boolean;
  blocks: AttachmentBlock[];
}

/** An attachment's text, compiled from Markdown into what a printed page has. */
export type AttachmentBlock =
  /** `##` is level 2: the attachment's title is the document's only level 1. */
  | { type: "heading"; level: 2 | 3 | 4; runs: AttachmentRun[] }
  | { type: "paragraph"; runs: AttachmentRun[] }
  | { type: "list"; ordered: boolean; start: number; items: AttachmentListItem[] }
  /** Lines of underscores alone: empty lines to write an answer on. */
  | { type: "answerLines"; count: number }
  /** `---` or `***`: a dashed line to cut along (between cards) or to separate parts. */
  | { type: "cut" }
  /** A cell that is just `[ ]` prints as a box to tick. */
  | { type: "table"; header: AttachmentRun[][]; rows: AttachmentRun[][][] }
  | { type: "quote"; blocks: AttachmentBlock[] };

export interface Attachment {
  title: string;
  /** The `::bilaga{section}` in the material's text that holds it. */
  section: string;
  /** Its name in the URL, /material/:slug/bilagor/:fileName, e.g. "arbetsblad.pdf". */
  fileName: string;
  blocks: AttachmentBlock[];
  /** Set by content:build, which prints the PDF into the build; null when it is made on first request. */
  pdf: { pages: number; bytes: number } | null;
}

export interface Material {
  slug: string;
  title: string;
  summary: string;
  topics: string[];
  audience: string[];
  kind: string;
  minutes: number;
  visibility: "public" | "staff";
  attachments: Attachment[];
  review: Review;
  sources: Source[];
  /** YYYY-MM-DD: when the text was last checked against its sources; null if never said. */
  sourcesCheckedOn: string | null;
  html: string;
}

/** A public guide for citizens (content/guider/<slug>.md), readable without an account. */
export interface Guide {
  slug: string;
  title: string;
  summary: string;
  review: Review;
  sources: Source[];
  /** YYYY-MM-DD: the day the sources were last read against the text. */
  sourcesCheckedOn: string;
  html: string;
}

export interface ContentImage {
  contentType: string;
  /** The file's bytes, base64-encoded. */
  data: string;
  /** Short hash of the bytes, used in image URLs so that browsers may cache them for good. */
  hash: string;
}

export interface ContentIndex {
  formatVersion: typeof CONTENT_FORMAT_VERSION;
  /** Ordered by slug. */
  tracks: Track[];
  modules: Record<string, Module>;
  /** Ordered by slug. */
  materials: Material[];
  /** Ordered by slug. */
  guides: Guide[];
  /** Keyed "<module>/<file>". */
  images: Record<string, ContentImage>;
  /** Groups of words the materials search treats as one (content/synonymer.txt). */
  synonyms: string[][];
}

/** One problem in the content folder, placed so that an author can find it. */
export interface ContentError {
  /** Relative to the content folder, with forward slashes. */
  file: string;
  line: number;
  /** The frontmatter or YAML field (`questions[2].options`), or what in the text (`länk`, `bild`). */
  field: string;
  message: string;
}

/** Text a reader reads (not code, addresses or the names of sources), placed like a ContentError: for the spelling check. */
export interface ContentProse {
  file: string;
  /** The line of the text's first line; each line break in `text` is one more line. */
  line: number;
  text: string;
}
