// SPDX-License-Identifier: EUPL-1.2
// The certification rules in one place: how long a certificate lasts, when the refresher
// opens, what state a certificate is in, and what its code looks like. Pure functions, so
// the coach's pages, the coordinator's figures, reminders and verification agree.
import { addDays, addMonths, startOfStockholmDay, stockholmDate, type LocalDate } from "~/lib/dates";
import { iso } from "~/lib/time";

export const DEFAULT_VALIDITY_MONTHS = 24;
/** The refresher ("booster") opens this many days before the certificate's last valid day. */
export const REFRESHER_WINDOW_DAYS = 60;

/**
 * A certificate issued on a Swedish calendar day is valid through the same day `months` later
 * and expires at the following Stockholm midnight, whatever the daylight-saving offset.
 */
export function expiryFrom(startDay: LocalDate, validityMonths: number): Date {
  return startOfStockholmDay(addDays(addMonths(startDay, validityMonths), 1));
}

export function expiryForIssue(issuedAt: Date, validityMonths: number = DEFAULT_VALIDITY_MONTHS): Date {
  return expiryFrom(stockholmDate(issuedAt), validityMonths);
}

/** Renewal continues from the old certificate's last valid day, so renewing early loses nothing. */
export function expiryForRenewal(previousExpiresAt: Date, validityMonths: number = DEFAULT_VALIDITY_MONTHS): Date {
  return expiryFrom(lastValidDay(previousExpiresAt), validityMonths);
}

/** The last Stockholm calendar day on which the certificate is valid. */
export function lastValidDay(expiresAt: Date | string): LocalDate {
  return stockholmDate(new Date(new Date(expiresAt).getTime() - 1));
}

export function refresherOpensAt(expiresAt: Date | string): Date {
  return startOfStockholmDay(addDays(lastValidDay(expiresAt), -REFRESHER_WINDOW_DAYS));
}

export type CertificateStatus = "valid" | "expired" | "revoked";

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: "giltigt",
  expired: "utgånget",
  revoked: "återkallat",
};

export function certificateStatus(cert: { expires_at: string; revoked_at: string | null }, now: Date = new Date()): CertificateStatus {
  if (cert.revoked_at) return "revoked";
  return new Date(cert.expires_at) <= now ? "expired" : "valid";
}

export function isInRefresherWindow(cert: { expires_at: string; revoked_at: string | null }, now: Date = new Date()): boolean {
  return certificateStatus(cert, now) === "valid" && refresherOpensAt(cert.expires_at) <= now;
}

// No 0/O, 1/I/L: a code read from paper or over the phone survives.
export const CERTIFICATE_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CERTIFICATE_CODE_LENGTH = 12;

/** 12 characters (about 59 bits), shown in groups of four: "K7QM-3XHD-P9TA". */
export function generateCertificateCode(): string {
  const bytes = new Uint8Array(CERTIFICATE_CODE_LENGTH);
  let code = "";
  while (code.length < CERTIFICATE_CODE_LENGTH) {
    crypto.getRandomValues(bytes);
    for (const byte of bytes) {
      // Rejection sampling keeps every character equally likely (31 letters do not divide 256).
      if (byte < 248 && code.length < CERTIFICATE_CODE_LENGTH) code += CERTIFICATE_CODE_ALPHABET[byte % 31];
    }
  }
  return formatCertificateCode(code);
}

export function formatCertificateCode(raw: string): string {
  return raw.match(/.{1,4}/g)!.join("-");
}

// The characters left out of the alphabet, and why a person typed them: the reason names the mix-up.
const LOOKS_ROUND = "läs av tecknet igen: det är troligen D eller Q.";
const LOOKS_STRAIGHT = "läs av tecknet igen: det är troligen J, T eller 7.";
const LEFT_OUT: Record<string, string> = {
  O: `O finns aldrig i en kod, och inte heller 0 (noll): ${LOOKS_ROUND}`,
  "0": `0 (noll) finns aldrig i en kod, och inte heller O: ${LOOKS_ROUND}`,
  I: `I finns aldrig i en kod, och inte heller 1 (ett) eller L: ${LOOKS_STRAIGHT}`,
  L: `L finns aldrig i en kod, och inte heller 1 (ett) eller I: ${LOOKS_STRAIGHT}`,
  "1": `1 (ett) finns aldrig i en kod, och inte heller I eller L: ${LOOKS_STRAIGHT}`,
};

/**
 * Why what a person typed cannot be a certificate code, in Swedish, or null if it can.
 * A typed code is usually the right length with one misread character, so the answer names that character.
 */
export function certificateCodeProblem(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "");
  if (!raw) return "Skriv intygskoden.";
  const foreign = [...raw].find((char) => !CERTIFICATE_CODE_ALPHABET.includes(char));
  if (foreign) {
    const where = `Tecken ${[...raw].indexOf(foreign) + 1} är ”${foreign}”.`;
    return `${where} ${LEFT_OUT[foreign] ?? `${foreign} finns aldrig i en kod: koderna har bara bokstäverna A–Z utan I, L och O, och siffrorna 2–9.`}`;
  }
  const length = [...raw].length;
  if (length !== CERTIFICATE_CODE_LENGTH) return `Koden har ${length} tecken men ska ha ${CERTIFICATE_CODE_LENGTH}. Kontrollera att inget tecken saknas eller har kommit med två gånger.`;
  return null;
}

/** What a person typed or scanned, in stored form; null if it cannot be a code. */
export function normalizeCertificateCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, "");
  if (raw.length !== CERTIFICATE_CODE_LENGTH) return null;
  for (const char of raw) if (!CERTIFICATE_CODE_ALPHABET.includes(char)) return null;
  return formatCertificateCode(raw);
}

/**
 * A booster attended in person renews a certificate as the refresher does, if the track says
 * so (`boosterExtendsValidity`): once the refresher window is open, a booster attended within
 * the last `withinMonths` calendar months (Stockholm) and after the certificate was issued
 * renews it. "After it was issued" keeps one booster from renewing two certificates in a row.
 */
export function boosterRenews(
  cert: { issued_at: string; expires_at: string; revoked_at: string | null },
  boosterDates: string[],
  withinMonths: number,
  now: Date = new Date(),
): boolean {
  if (!isInRefresherWindow(cert, now)) return false;
  const earliest = iso(startOfStockholmDay(addMonths(stockholmDate(now), -withinMonths)));
  const nowIso = iso(now);
  return boosterDates.some((at) => at > cert.issued_at && at >= earliest && at <= nowIso);
}

/** The dates that decide which of a person's certificates counts. */
export interface CertificateDates {
  issued_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const asDates = (c: unknown) => c as CertificateDates;

/**
 * The certificate that holds now: valid, and of those the one that lasts longest (a renewal
 * over the one it renewed); none when no certificate is valid. What the coach may show,
 * renew and be reminded of.
 */
export function validCertificate<C>(certificates: readonly C[], now: Date, dates: (c: C) => CertificateDates = asDates): C | undefined {
  let best: C | undefined;
  for (const cert of certificates) {
    if (certificateStatus(dates(cert), now) !== "valid") continue;
    if (best === undefined || dates(cert).expires_at > dates(best).expires_at) best = cert;
  }
  return best;
}

/**
 * The certificate that speaks for a person in the coordinator's lists and figures: the valid
 * one (as validCertificate), else the newest, so an expired or revoked certificate still shows
 * why someone is no longer certified.
 */
export function certificateOnRecord<C>(certificates: readonly C[], now: Date, dates: (c: C) => CertificateDates = asDates): C | undefined {
  const valid = validCertificate(certificates, now, dates);
  if (valid !== undefined) return valid;
  let newest: C | undefined;
  for (const cert of certificates) if (newest === undefined || dates(cert).issued_at > dates(newest).issued_at) newest = cert;
  return newest;
}
