// SPDX-License-Identifier: EUPL-1.2
// The knowledge test as a form: what a submission leads to, and what its result page says
// about the certificate and the course days still ahead. The page's route only reads the
// form and turns these outcomes into answers.
import type { Kysely } from "kysely";
import type { ContentIndex, Module, Track } from "~/content/content.server";
import { formatLocalDate } from "~/lib/dates";
import { certificateIssuedBy, issueCertificateIfEligible, loadStepRecords, sessionStepsLeft, type IssueResult } from "~/modules/certification/certification.server";
import { lastValidDay } from "~/modules/certification/rules";
import type { Database } from "~db/schema";
import { loadProgress, moduleProgress, trackProgress } from "./progress.server";
import { countAttempts, parseAnswers, questionsForAttempt, recordAttempt, type AttemptFeedback } from "./quiz.server";

export type QuizSubmission =
  /** The module's lessons are not all read: the test is not open. */
  | { kind: "locked"; message: string }
  /** Questions left unanswered: the person answers them, keeping what they chose. */
  | { kind: "incomplete"; errors: Record<string, string>; values: Record<string, string[]> }
  /** The form was not one we sent: nothing is scored. */
  | { kind: "tampered"; message: string }
  | { kind: "recorded"; attemptId: string; passed: boolean; certificate: IssueResult | null };

/**
 * Scores a submitted test and stores the attempt. A pass that completes the track issues the
 * certificate, and the refresher's pass in its window renews it, in the same transaction as
 * the attempt: an attempt is never stored without the certificate it earned.
 */
export async function submitQuizAttempt(
  db: Kysely<Database>,
  input: { userId: string; track: Track; module: Module; content: ContentIndex; form: FormData; now?: Date },
): Promise<QuizSubmission> {
  const { userId, track, module, content } = input;
  const progress = moduleProgress(track, module, await loadProgress(db, userId, { track: track.slug, module: module.slug }));
  if (progress.lessonsDone < progress.lessonsTotal) return { kind: "locked", message: "Kunskapstestet öppnas när du har läst alla lektioner i modulen." };
  const attempt = (await countAttempts(db, userId, track.slug, module.slug)) + 1;
  const order = questionsForAttempt(module.quiz, { userId, track: track.slug, module: module.slug, attempt });
  const parsed = parseAnswers(module.quiz, order, input.form);
  if (!parsed.ok) return parsed.tampered ? { kind: "tampered", message: parsed.message } : { kind: "incomplete", errors: parsed.errors, values: parsed.values };
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
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
}

/** What a test's result page says beyond the score: the certificate it brought, or the course days still ahead. */
export async function attemptOutcome(
  db: Kysely<Database>,
  input: { userId: string; track: Track; content: ContentIndex; feedback: AttemptFeedback },
): Promise<AttemptOutcome> {
  const { userId, track, feedback } = input;
  if (!feedback.passed) return { certificate: null, sessionsLeft: [] };
  const certificate = await certificateIssuedBy(db, { userId, track: track.slug, attemptSubmittedAt: feedback.submittedAt });
  if (certificate) {
    return {
      certificate: { renewed: certificate.renewsId !== null, trackTitle: track.title, validThrough: formatLocalDate(lastValidDay(certificate.expiresAt)) },
      sessionsLeft: [],
    };
  }
  if (!track.sessions.some((step) => step.required)) return { certificate: null, sessionsLeft: [] };
  const online = trackProgress(input.content, track, await loadProgress(db, userId, { track: track.slug }));
  if (online.modulesComplete < online.modules.length) return { certificate: null, sessionsLeft: [] };
  const left = new Set(sessionStepsLeft(track, await loadStepRecords(db, userId, track)));
  return { certificate: null, sessionsLeft: track.sessions.filter((step) => left.has(step.key)).map((step) => step.title) };
}
