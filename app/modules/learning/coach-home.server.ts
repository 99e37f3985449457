// SPDX-License-Identifier: EUPL-1.2
// The coach's home page, /utbildning: every track they take with its progress, certificate and
// course days. It is the page coaches open most, so it reads each kind of record once for all
// tracks (a fixed handful of queries, however many tracks), decides in memory, and tries to
// issue a certificate only when the records say one is due (docs/decisions/022-coach-pages.md).
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { formatDate, formatDateTime } from "~/lib/dates";
import type { SessionUser } from "~/modules/access/permissions.server";
import {
  certificateStateOf,
  issuanceDue,
  issueCertificateIfEligible,
  loadPersonRecords,
  recordsOfTrack,
  type TrackCertificateState,
} from "~/modules/certification/certification.server";
import { stepProgressOf, upcomingBookingsOf, type SessionStepProgress } from "~/modules/course-days/progress.server";
import type { Database } from "~db/schema";
import { tracksFor } from "./access.server";
import { formatMinutesLeft, moduleUrl, trackProgress, type TestState } from "./progress.server";

export interface CoachHomeTrack {
  certificate: TrackCertificateState;
  requiresSessions: boolean;
  sessions: Array<{ key: string; title: string; description: string; required: boolean; status: string; done: boolean; url: string | null }>;
  slug: string;
  title: string;
  summary: string;
  modulesTotal: number;
  modulesComplete: number;
  timeLeft: string | null;
  next: { url: string; title: string; started: boolean } | null;
  modules: Array<{
    /** When earlier training completed the module, if it did. */
    credited: string | null;
    slug: string;
    title: string;
    url: string;
    lessonsDone: number;
    lessonsTotal: number;
    test: TestState;
    complete: boolean;
  }>;
}

export async function coachHome(db: Kysely<Database>, input: { user: SessionUser; content: ContentIndex; now?: Date }): Promise<{ tracks: CoachHomeTrack[] }> {
  const { user, content } = input;
  const now = input.now ?? new Date();
  const tracks = tracksFor(content, user);
  if (tracks.length === 0) return { tracks: [] };
  const [person, upcoming] = await Promise.all([loadPersonRecords(db, user.id), upcomingBookingsOf(db, user.id, { now })]);
  const views: CoachHomeTrack[] = [];
  for (const track of tracks) {
    let records = recordsOfTrack(person, track);
    // Catches up on a track completed before certificates were issued on the spot (or in the seed).
    if (issuanceDue(track, content, records, now)) {
      const result = await issueCertificateIfEligible(db, { userId: user.id, track, content, now });
      if (result && result.outcome !== "existing") records = { ...records, certificates: [result.certificate, ...records.certificates] };
    }
    const credits = person.credited.get(track.slug) ?? new Map<string, string>();
    const steps = stepProgressOf(track, { attendances: person.attendances, credited: credits, upcoming });
    const progress = trackProgress(content, track, person.progress);
    views.push({
      certificate: certificateStateOf(track, content, records, now),
      requiresSessions: track.sessions.some((s) => s.required),
      sessions: steps.map((step) => ({
        key: step.key,
        title: step.title,
        description: step.description,
        required: step.required,
        status: stepStatusText(step),
        done: step.status.kind === "attended" || step.status.kind === "credited",
        url: "sessionId" in step.status ? `/traffar/${step.status.sessionId}` : null,
      })),
      slug: track.slug,
      title: track.title,
      summary: track.summary,
      modulesTotal: progress.modules.length,
      modulesComplete: progress.modulesComplete,
      timeLeft: progress.minutesLeft > 0 ? formatMinutesLeft(progress.minutesLeft) : null,
      next: progress.next ? { url: progress.next.url, title: progress.next.title, started: progress.next.started } : null,
      modules: progress.modules.map((m) => ({
        credited: credits.get(m.slug) ?? null,
        slug: m.slug,
        title: m.title,
        url: moduleUrl(track.slug, m.slug),
        lessonsDone: m.lessonsDone,
        lessonsTotal: m.lessonsTotal,
        test: m.test,
        complete: m.complete,
      })),
    });
  }
  return { tracks: views };
}

function stepStatusText(step: SessionStepProgress): string {
  const status = step.status;
  if (status.kind === "attended") return `Du var med ${formatDate(status.at)}`;
  if (status.kind === "credited") return `Registrerad av din samordnare, genomförd ${formatDate(status.at)}`;
  if (status.kind === "booked") return `Du har en plats ${formatDateTime(status.startsAt)}`;
  if (status.kind === "waitlisted") return `Du står på väntelistan till ${formatDateTime(status.startsAt)}`;
  return step.required ? "Inte gjord än: anmäl dig till ett tillfälle" : "Inte anmäld";
}
