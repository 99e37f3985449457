// SPDX-License-Identifier: EUPL-1.2
// The knowledge test as a form: what the page offers now (an open attempt, the lessons still
// to read, or the pause after three failed attempts), what a submission leads to, and what its
// result page says about the certificate and the course days still ahead. The page's route
// only reads the form and turns these outcomes into answers.
import type { Kysely } from "kysely";
import type { ContentIndex, Lesson, Module, Track } from "~/content/content.server";
import { formatDate, formatIsoDate, formatLocalDate, formatTime } from "~/lib/dates";
import { certificateIssuedBy, issueCertificateIfEligible, loadStepRecords, sessionStepsLeft, type IssueResult } from "~/modules/certification/certification.server";
import { lastValidDay } from "~/modules/certification/rules";
import type { Database } from "~db/schema";
import { loadProgress, moduleProgress, trackProgress } from "./progress.server";
import {
  ATTEMPT_FIELD,
  closeAttempt,
  findOpenAttempt,
  nextAttemptOpensAt,
  openAttempt,
  parseAnswers,
  recordAttempt,
  unansweredMessage,
  type AttemptFeedback,
  type PublicQuestion,
  type RandomSource,
} from "./quiz.server";

const LOCKED = "Kunskapstestet öppnas när du har läst alla lektioner i modulen.";

/** Why the next attempt waits, beside retryMessage's when. */
export const PAUSE_REASON = "Du har inte klarat testet tre gånger i rad. Läs lektionerna igen innan nästa försök.";

/** "Du kan göra ett nytt försök kl. 14.35.", with the date when it is not today (Swedish time). */
export function retryMessage(opensAt: Date, now: Date): string {
  const time = formatTime(opensAt).replace(":", ".");
  const sameDay = formatIsoDate(opensAt) === formatIsoDate(now);
  return `Du kan göra ett nytt försök ${sameDay ? "" : `den ${formatDate(opensAt)} `}kl. ${time}.`;
}

/** What the test page says beforehand about the pause of the track, or null when it has none. */
export function pauseNotice(pauseMinutes: number): string | null {
  if (pauseMinutes <= 0) return null;
  const hours = pauseMinutes / 60;
  const length = Number.isInteger(hours) ? (hours === 1 ? "en timme" : `${hours} timmar`) : `${pauseMinutes} minuter`;
  return `Om du inte klarar testet tre gånger i rad får du vänta ${length} innan du kan försöka igen.`;
}

export type TestView =
  /** The module's lessons are not all read: these remain. */
  | { kind: "locked"; remaining: Lesson[] }
  /** Three failed attempts in a row: the next opens later. */
  | { kind: "paused"; message: string; opensAt: string }
  | { kind: "open"; attemptId: string; questions: PublicQuestion[]; passedBefore: boolean };

/** What the test's page shows the person now: the attempt they have open (drawn and kept on first view), or why there is none. */
export async function knowledgeTestView(
  db: Kysely<Database>,
  input: { userId: string; track: Track; module: Module; now?: Date; random?: RandomSource },
): Promise<TestView> {
  const { userId, track, module } = input;
  const now = input.now ?? new Date();
  const progress = moduleProgress(track, module, await loadProgress(db, userId, { track: track.slug, module: module.slug }));
  if (progress.lessonsDone < progress.lessonsTotal) return { kind: "locked", remaining: module.lessons.filter((l) => !progress.doneLessons.has(l.slug)) };
  const opensAt = await nextAttemptOpensAt(db, { userId, track: track.slug, module: module.slug, pauseMinutes: track.retryPauseMinutes, now });
  if (opensAt) return { kind: "paused", message: retryMessage(opensAt, now), opensAt: opensAt.toISOString() };
  const open = await openAttempt(db, { userId, track: track.slug, module, random: input.random, now });
  return { kind: "open", attemptId: open.drawId, questions: open.questions, passedBefore: progress.test === "passed" };
}

const ALREADY_SUBMITTED = "Svaren är redan inlämnade. Ladda om sidan för att se testet igen.";

export type QuizSubmission =
  /** The module's lessons are not all read: the test is not open. */
  | { kind: "locked"; message: string }
  /** Three failed attempts in a row and the pause is not over: nothing is scored. */
  | { kind: "paused"; message: string; retryAfterSeconds: number }
  /** Questions left unanswered: the person answers them, keeping what they chose. */
  | { kind: "incomplete"; message: string; errors: Record<string, string>; values: Record<string, string[]> }
  /** The form was not one we sent: nothing is scored. */
  | { kind: "tampered"; message: string }
  /** The same attempt was submitted twice at once: the other submission stored it. */
  | { kind: "closed"; message: string }
  | { kind: "recorded"; attemptId: string; passed: boolean; certificate: IssueResult | null };

/**
 * Scores a submitted test against the questions its attempt asks, and stores the attempt. The
 * attempt is the one the page showed; a submission without a page shown opens it now, and a
 * form that answers other questions is refused. A pass that completes the track issues the
 * certificate, and the refresher's pass in its window renews it, in the same transaction as
 * the attempt: an attempt is never stored without the certificate it earned.
 */
export async function submitQuizAttempt(
  db: Kysely<Database>,
  input: { userId: string; track: Track; module: Module; content: ContentIndex; form: FormData; now?: Date; random?: RandomSource },
): Promise<QuizSubmission> {
  const { userId, track, module, content } = input;
  const now = input.now ?? new Date();
  const progress = moduleProgress(track, module, await loadProgress(db, userId, { track: track.slug, module: module.slug }));
  if (progress.lessonsDone < progress.lessonsTotal) return { kind: "locked", message: LOCKED };
  const opensAt = await nextAttemptOpensAt(db, { userId, track: track.slug, module: module.slug, pauseMinutes: track.retryPauseMinutes, now });
  if (opensAt) return { kind: "paused", message: retryMessage(opensAt, now), retryAfterSeconds: Math.ceil((opensAt.getTime() - now.getTime()) / 1000) };
  // The attempt the page showed, when the form names it; a form without one (a script's POST) opens it now.
  const stated = input.form.get(ATTEMPT_FIELD);
  const open =
    typeof stated === "string" && stated !== ""
      ? await findOpenAttempt(db, { userId, track: track.slug, module, drawId: stated.slice(0, 64) })
      : await openAttempt(db, { userId, track: track.slug, module, random: input.random, now });
  if (!open) return { kind: "closed", message: ALREADY_SUBMITTED };
  const parsed = parseAnswers(open.questions, input.form);
  if (!parsed.ok) {
    return parsed.tampered
      ? { kind: "tampered", message: parsed.message }
      : { kind: "incomplete", message: unansweredMessage(parsed.missing), errors: parsed.errors, values: parsed.values };
  }
  return db.transaction().execute(async (trx) => {
    if (!(await closeAttempt(trx, open.drawId))) {
      return { kind: "closed" as const, message: ALREADY_SUBMITTED };
    }
    const result = await recordAttempt(trx, {
      userId,
      track: track.slug,
      module: module.slug,
      contentHash: module.contentHash,
      quiz: module.quiz,
      answers: parsed.answers,
      passPercent: track.passPercent,
      now,
    });
    const certificate = result.passed ? await issueCertificateIfEligible(trx, { userId, track, content, now }) : null;
    return { kind: "recorded" as const, attemptId: result.id, passed: result.passed, certificate };
  });
}

export interface AttemptOutcome {
  /** The certificate the attempt issued or renewed. */
  certificate: { renewed: boolean; trackTitle: string; validThrough: string } | null;
  /** Titles of the required course days still ahead once every module is done and no certificate came. */
  sessionsLeft: string[];
  /** When the next attempt opens, if it waits (after three failed attempts in a row): retryMessage. */
  retryLater: string | null;
}

/** What a test's result page says beyond the score: the certificate it brought, or the course days still ahead. */
export async function attemptOutcome(
  db: Kysely<Database>,
  input: { userId: string; track: Track; module: Module; content: ContentIndex; feedback: AttemptFeedback; now?: Date },
): Promise<AttemptOutcome> {
  const { userId, track, feedback } = input;
  if (!feedback.passed) {
    const now = input.now ?? new Date();
    const opensAt = await nextAttemptOpensAt(db, { userId, track: track.slug, module: input.module.slug, pauseMinutes: track.retryPauseMinutes, now });
    return { certificate: null, sessionsLeft: [], retryLater: opensAt && retryMessage(opensAt, now) };
  }
  const certificate = await certificateIssuedBy(db, { userId, track: track.slug, attemptSubmittedAt: feedback.submittedAt });
  if (certificate) {
    return {
      certificate: { renewed: certificate.renewsId !== null, trackTitle: track.title, validThrough: formatLocalDate(lastValidDay(certificate.expiresAt)) },
      sessionsLeft: [],
      retryLater: null,
    };
  }
  if (!track.sessions.some((step) => step.required)) return { certificate: null, sessionsLeft: [], retryLater: null };
  const online = trackProgress(input.content, track, await loadProgress(db, userId, { track: track.slug }));
  if (online.modulesComplete < online.modules.length) return { certificate: null, sessionsLeft: [], retryLater: null };
  const left = new Set(sessionStepsLeft(track, await loadStepRecords(db, userId, track)));
  return { certificate: null, sessionsLeft: track.sessions.filter((step) => left.has(step.key)).map((step) => step.title), retryLater: null };
}
