// SPDX-License-Identifier: EUPL-1.2
// A course day's paperwork for its coordinators (issue #16): the attendance list to sign on the
// day, and the certificates that the day's attendance issued, printed together. Both are for a
// coordinator who manages the day (its municipality's, or the accepted partner's of a joint day);
// an asked partner sees nobody on it, so gets neither. The list names everyone booked, as the
// day's page does for both; the certificates are only those of the coordinator's own
// municipality, as on the coordinator's certificate pages.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { formatDateWithWeekday, formatIsoDate, formatTime } from "~/lib/dates";
import { can, notFound, type SessionUser } from "~/modules/access/permissions.server";
import { certificatesPdf } from "~/modules/certification/certificate-document.server";
import { certificatesFromAttendance, type CertificateRecord } from "~/modules/certification/certification.server";
import type { Database } from "~db/schema";
import { renderAttendanceListPdf } from "./attendance-list-pdf.server";
import { participantsOf, requireCoordinatorSession } from "./course-days.server";
import { findStep, stepTitle, type TrainingSession } from "./session-records.server";

/** The session whose paperwork the coordinator may print: one they manage; 404 for anyone else, as the day's page answers. */
export async function requirePaperworkSession(db: Kysely<Database>, actor: SessionUser, id: string | undefined): Promise<TrainingSession> {
  const { session, access } = await requireCoordinatorSession(db, actor, id);
  if (access !== "manage") notFound("Träffen finns inte.");
  return session;
}

const attendanceListUrl = (session: { id: string }) => `/samordnare/traffar/${session.id}/narvarolista.pdf`;
const certificatesUrl = (session: { id: string }) => `/samordnare/traffar/${session.id}/intyg.pdf`;

/** The certificates the day's attendance issued that this coordinator may see, by holder's name. */
async function visibleCertificates(db: Kysely<Database>, actor: SessionUser, session: TrainingSession): Promise<Array<CertificateRecord & { holderName: string }>> {
  if (session.cancelledAt) return [];
  const collator = new Intl.Collator("sv");
  const all = await certificatesFromAttendance(db, { id: session.id, track: session.track, startsAt: session.startsAt });
  return all.filter((c) => can.viewCertificate(actor, c)).sort((a, b) => collator.compare(a.holderName, b.holderName) || a.id.localeCompare(b.id));
}

export interface SessionPaperworkLinks {
  /** None for a cancelled day: nobody comes to sign. */
  attendanceList: string | null;
  /** None until someone is certified by the day's attendance. */
  certificates: { url: string; count: number } | null;
}

/** The links on the day's page, for a coordinator who manages it. */
export async function sessionPaperworkLinks(db: Kysely<Database>, actor: SessionUser, session: TrainingSession): Promise<SessionPaperworkLinks> {
  const certificates = await visibleCertificates(db, actor, session);
  return {
    attendanceList: session.cancelledAt ? null : attendanceListUrl(session),
    certificates: certificates.length > 0 ? { url: certificatesUrl(session), count: certificates.length } : null,
  };
}

export type PaperworkPdf = { status: "ready"; pdf: Buffer; fileName: string } | { status: "none"; message: string };

/** "narvarolista-utbildningsdag-1-2026-04-14.pdf": the step's key is already letters, digits and hyphens. */
const fileName = (kind: string, session: TrainingSession) => `${kind}-${session.stepKey}-${formatIsoDate(session.startsAt)}.pdf`;

export async function attendanceListPdf(db: Kysely<Database>, input: { session: TrainingSession; content: ContentIndex }): Promise<PaperworkPdf> {
  const { session, content } = input;
  if (session.cancelledAt) return { status: "none", message: "Träffen är inställd, så det finns ingen närvarolista." };
  const { booked } = await participantsOf(db, session.id);
  const pdf = await renderAttendanceListPdf({
    title: stepTitle(content, session.track, session.stepKey),
    trackTitle: findStep(content, session.track, session.stepKey)?.track.title ?? session.track,
    date: formatDateWithWeekday(session.startsAt),
    time: `${formatTime(session.startsAt)}–${formatTime(session.endsAt)}`,
    place: session.place,
    organisers: session.partnerMunicipalityName ? `${session.municipalityName} och ${session.partnerMunicipalityName}` : session.municipalityName,
    participants: booked.map((p) => ({ name: p.name, municipalityName: p.municipalityName })),
  });
  return { status: "ready", pdf, fileName: fileName("narvarolista", session) };
}

export async function sessionCertificatesPdf(
  db: Kysely<Database>,
  input: { actor: SessionUser; session: TrainingSession; content: ContentIndex },
): Promise<PaperworkPdf> {
  const { session, content } = input;
  const certificates = await visibleCertificates(db, input.actor, session);
  if (certificates.length === 0) return { status: "none", message: "Ingen har fått sitt intyg genom närvaron på den här träffen ännu." };
  const pdf = await certificatesPdf(db, {
    certificates: certificates.map((certificate) => ({ certificate, holderName: certificate.holderName })),
    title: `Intyg från ${stepTitle(content, session.track, session.stepKey)}, ${formatDateWithWeekday(session.startsAt)}`,
    author: session.municipalityName,
    content,
  });
  return { status: "ready", pdf, fileName: fileName("intyg", session) };
}

/** The PDF as a download the browser can also show: a plain ASCII name, and the Swedish one for those that read it. */
export function paperworkResponse(result: Extract<PaperworkPdf, { status: "ready" }>): Response {
  const swedish = result.fileName.replace(/^narvarolista-/, "närvarolista-");
  return new Response(new Uint8Array(result.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${result.fileName}"; filename*=UTF-8''${encodeURIComponent(swedish)}`,
      "Content-Length": String(result.pdf.length),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
