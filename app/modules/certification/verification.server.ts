// SPDX-License-Identifier: EUPL-1.2
// Public verification of a certificate by its code: whoever holds the paper (an employer,
// a school) sees whether it holds, and nothing more about the person than the name on it.
// Codes are unguessable, and lookups of unknown codes are counted per address so that
// nobody can walk through them.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { formatDate, formatLocalDate } from "~/lib/dates";
import {
  checkThrottle,
  recordAttempt as recordThrottledAttempt,
  THROTTLE_RULES,
  throttleKeys,
} from "~/modules/auth/throttle.server";
import type { Database } from "~db/schema";
import { findCertificateByCode } from "./certification.server";
import { CERTIFICATE_STATUS_LABELS, certificateStatus, lastValidDay, normalizeCertificateCode, type CertificateStatus } from "./rules";

export interface PublicCertificate {
  code: string;
  holderName: string;
  trackTitle: string;
  municipalityName: string | null;
  issuedOn: string;
  validThrough: string;
  status: CertificateStatus;
  statusLabel: string;
  /** The day it was revoked; never the reason. */
  revokedOn: string | null;
}

export type VerificationResult =
  | { status: "found"; certificate: PublicCertificate }
  /** Unknown, or not even the shape of a code. */
  | { status: "not_found" }
  | { status: "throttled"; retryAfterMinutes: number };

export async function verifyCertificateCode(
  db: Kysely<Database>,
  input: { code: string; ip: string; content: ContentIndex; now?: Date },
): Promise<VerificationResult> {
  const now = input.now ?? new Date();
  const key = throttleKeys.unknownCertificateCodeIp(input.ip);
  // Over the limit every lookup is refused, known codes too: answering those would still tell a guesser when they hit one.
  const verdict = await checkThrottle(db, key, THROTTLE_RULES.unknownCertificateCodePerIp, now);
  if (!verdict.allowed) return { status: "throttled", retryAfterMinutes: verdict.retryAfterMinutes };

  const code = normalizeCertificateCode(input.code);
  // Something that cannot be a code tells a guesser nothing, so a typo there costs nothing.
  if (!code) return { status: "not_found" };
  const found = await findCertificateByCode(db, code);
  // An anonymised holder's certificate answers as unknown: nothing may tie the code to a person
  // any more, and a distinct answer would confirm that someone once held it (docs/decisions/014-data-safety.md).
  const certificate = found && !(await holderIsAnonymised(db, found.userId)) ? found : undefined;
  if (!certificate) {
    await recordThrottledAttempt(db, [key], now);
    return { status: "not_found" };
  }
  const status = certificateStatus({ expires_at: certificate.expiresAt, revoked_at: certificate.revokedAt }, now);
  return {
    status: "found",
    certificate: {
      code: certificate.code,
      holderName: certificate.holderName,
      trackTitle: input.content.tracks.find((t) => t.slug === certificate.track)?.title ?? certificate.track,
      municipalityName: certificate.municipalityName,
      issuedOn: formatDate(certificate.issuedAt),
      validThrough: formatLocalDate(lastValidDay(certificate.expiresAt)),
      status,
      statusLabel: CERTIFICATE_STATUS_LABELS[status],
      revokedOn: certificate.revokedAt ? formatDate(certificate.revokedAt) : null,
    },
  };
}

async function holderIsAnonymised(db: Kysely<Database>, userId: string): Promise<boolean> {
  const holder = await db.selectFrom("user").select("anonymised_at").where("id", "=", userId).executeTakeFirst();
  return Boolean(holder?.anonymised_at);
}
