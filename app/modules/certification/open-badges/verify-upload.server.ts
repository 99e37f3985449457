// SPDX-License-Identifier: EUPL-1.2
// /verifiera with a file: anyone who has been given a coach's Open Badges credential checks it
// here. The signature is checked against the issuer's published key, and the status now is read
// from the issuer's revocation list, both as any outside verifier would read them (through the
// same documents the public addresses serve), so this page cannot say more than the file proves.
import type { Kysely } from "kysely";
import { appUrl } from "~/env.server";
import { formatDate, formatLocalDate } from "~/lib/dates";
import type { Database } from "~db/schema";
import { CERTIFICATE_STATUS_LABELS, lastValidDay, type CertificateStatus } from "../rules";
import { CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT, documentLoader } from "./documents.server";
import { signingLibraries } from "./libraries.server";

/** A credential file is a few kilobytes; this leaves room for a long name and criteria. */
export const MAX_CREDENTIAL_BYTES = 200 * 1024;

export interface CheckedCredential {
  holderName: string | null;
  achievementName: string | null;
  issuerName: string | null;
  validFrom: string | null;
  validThrough: string | null;
  status: CertificateStatus;
  statusLabel: string;
}

export type UploadOutcome =
  | { kind: "refused"; status: 400 | 413; message: string }
  /** The file is a credential, but its signature does not hold or it is not ours to check. */
  | { kind: "not_verified"; message: string }
  | { kind: "verified"; credential: CheckedCredential };

const NOT_A_CREDENTIAL = "Filen är inte ett digitalt intyg. Välj den JSON-fil (intyg-….json) som laddades ned från Coachportalen.";
const TAMPERED =
  "Signaturen stämmer inte. Filen har ändrats efter att intyget utfärdades, eller så kommer den inte från Coachportalen. Lita inte på uppgifterna i den.";
const STATUS_UNREADABLE = "Signaturen stämmer, men intygets status kunde inte läsas från utfärdarens lista. Försök igen om en stund.";
const NOT_OURS = "Intyget är inte utfärdat i Coachportalen, så det kan inte kontrolleras här.";

// A credential of this app has about 60 JSON values. Checking a signature costs time in
// proportion to the values (each becomes statements to canonicalize): 1,500 made-up entries in a
// 130 kB file cost 0.4 s of the server's time, so a file far larger than any we issue is refused first.
const MAX_JSON_VALUES = 400;

type Json = Record<string, unknown>;

/** Whether `value` holds more than `limit` JSON values, counted until the limit is passed. */
function moreValuesThan(value: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (++count > limit) return true;
    if (Array.isArray(next)) stack.push(...next);
    else if (next && typeof next === "object") stack.push(...Object.values(next));
  }
  return false;
}
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** Reads the uploaded file; refuses what is not a credential before any signature work is done. */
export async function checkUploadedCredential(db: Kysely<Database>, file: File | null, now = new Date()): Promise<UploadOutcome> {
  if (!file || file.size === 0) return { kind: "refused", status: 400, message: "Välj filen med det digitala intyget." };
  if (file.size > MAX_CREDENTIAL_BYTES) {
    return { kind: "refused", status: 413, message: `Filen är för stor för att vara ett digitalt intyg (högst ${MAX_CREDENTIAL_BYTES / 1024} kB).` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return { kind: "refused", status: 400, message: NOT_A_CREDENTIAL };
  }
  if (!isObject(parsed) || !asArray(parsed.type).includes("VerifiableCredential") || !isObject(parsed.proof)) {
    return { kind: "refused", status: 400, message: NOT_A_CREDENTIAL };
  }
  if (moreValuesThan(parsed, MAX_JSON_VALUES)) return { kind: "not_verified", message: TAMPERED };
  return checkCredential(db, parsed, now);
}

async function checkCredential(db: Kysely<Database>, credential: Json, now: Date): Promise<UploadOutcome> {
  const issuer = isObject(credential.issuer) ? credential.issuer : { id: credential.issuer };
  if (typeof issuer.id !== "string" || !issuer.id.startsWith(appUrl("/openbadges/utfardare/"))) return { kind: "not_verified", message: NOT_OURS };
  const context = asArray(credential["@context"]);
  if (context.length !== 2 || context[0] !== CREDENTIALS_V2_CONTEXT || context[1] !== OPEN_BADGES_CONTEXT) return { kind: "not_verified", message: TAMPERED };

  const { vc, DataIntegrityProof, cryptosuite, statusList } = await signingLibraries();
  const loader = documentLoader(db);
  const suite = new DataIntegrityProof({ cryptosuite });
  // The signature is checked as of the first day of validity: an expired credential is still
  // genuine, and its status says it has expired. The status is read separately below.
  const validFrom = new Date(String(credential.validFrom));
  const signature = await vc.verifyCredential({
    credential,
    suite,
    documentLoader: loader,
    now: Number.isNaN(validFrom.getTime()) ? now : validFrom,
    checkStatus: async () => ({ verified: true }),
  });
  if (!signature.verified) return { kind: "not_verified", message: TAMPERED };

  const status = await statusList.checkStatus({ credential, documentLoader: loader, suite });
  const validUntil = text(credential.validUntil);
  const revoked = status.results?.some((result) => result.credentialStatus.statusPurpose === "revocation" && result.status);
  const state: CertificateStatus | null = !status.verified
    ? null
    : revoked
      ? "revoked"
      : validUntil && new Date(validUntil) <= now
        ? "expired"
        : "valid";
  if (!state) return { kind: "not_verified", message: STATUS_UNREADABLE };

  const subject = isObject(credential.credentialSubject) ? credential.credentialSubject : {};
  const achievement = isObject(subject.achievement) ? subject.achievement : {};
  return {
    kind: "verified",
    credential: {
      holderName: text(subject.name),
      achievementName: text(achievement.name) ?? text(credential.name),
      issuerName: text(issuer.name),
      validFrom: Number.isNaN(validFrom.getTime()) ? null : formatDate(validFrom.toISOString()),
      validThrough: validUntil ? formatLocalDate(lastValidDay(validUntil)) : null,
      status: state,
      statusLabel: CERTIFICATE_STATUS_LABELS[state],
    },
  };
}
