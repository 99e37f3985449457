// SPDX-License-Identifier: EUPL-1.2
// A certificate as an Open Badges 3.0 credential (issue #16): a W3C Verifiable Credential 2.0
// of type OpenBadgeCredential, signed with a Data Integrity proof (eddsa-rdfc-2022) under the
// issuing municipality's address, which the holder can show anywhere and anyone can check
// without asking us (docs/decisions/028). It is made when the holder downloads it, for any
// certificate that is not revoked; its place in the revocation list is given on first download
// and kept, so every copy of the same certificate is revoked together.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { appUrl } from "~/env.server";
import { iso } from "~/lib/time";
import type { Database } from "~db/schema";
import type { CertificateRecord } from "../certification.server";
import {
  CREDENTIALS_V2_CONTEXT,
  OPEN_BADGES_CONTEXT,
  STATUS_LIST_SIZE,
  documentLoader,
  issuerProfile,
  issuerSigningSuite,
  statusListUrl,
} from "./documents.server";
import { signingLibraries } from "./libraries.server";

/** A certificate's place in its municipality's status list: given once, the next free one. */
async function statusPlace(db: Kysely<Database>, certificate: { id: string; municipalityId: string }, now: Date): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const kept = await db.selectFrom("credential_status").select("status_index").where("certification_id", "=", certificate.id).executeTakeFirst();
    if (kept) return Number(kept.status_index);
    const last = await db
      .selectFrom("credential_status")
      .select((eb) => eb.fn.max("status_index").as("last"))
      .where("municipality_id", "=", certificate.municipalityId)
      .executeTakeFirst();
    const next = last?.last === null || last?.last === undefined ? 0 : Number(last.last) + 1;
    // Two downloads at once may pick the same place or both place the same certificate: the
    // unique keys keep one row, and the loop reads what was kept.
    await db
      .insertInto("credential_status")
      .values({ certification_id: certificate.id, municipality_id: certificate.municipalityId, status_index: next, created_at: iso(now) })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  throw new Error(`No status list place could be given to certificate ${certificate.id}.`);
}

/** The OB 3.0 identity of an email address: hashed with a salt, so the file does not carry the address itself (GDPR). */
function hashedEmail(email: string, salt: string) {
  const hash = createHash("sha256").update(email.trim().toLowerCase() + salt).digest("hex");
  return { type: "IdentityObject", identityType: "emailAddress", hashed: true, identityHash: `sha256$${hash}`, salt };
}

function criteriaNarrative(track: ContentIndex["tracks"][number], content: ContentIndex): string {
  const modules = track.modules.map((slug) => content.modules[slug]?.title ?? slug);
  const courseDays = track.sessions.filter((step) => step.required).map((step) => step.title);
  return [
    `Personen har gått igenom alla moduler i utbildningen och klarat modulernas kunskapstest: ${modules.join(", ")}.`,
    courseDays.length > 0 ? `Personen har deltagit i utbildningens obligatoriska träffar: ${courseDays.join(", ")}.` : null,
  ]
    .filter(Boolean)
    .join(" ");
}

export type OpenBadgeOutcome = { ok: true; credential: Record<string, unknown>; fileName: string } | { ok: false; message: string };

/** The signed credential for a certificate, given its holder; the caller has checked that the holder asks. */
export async function openBadgeCredential(
  db: Kysely<Database>,
  input: { certificate: CertificateRecord; holder: { name: string; email: string }; content: ContentIndex; now?: Date },
): Promise<OpenBadgeOutcome> {
  const { certificate, content } = input;
  const now = input.now ?? new Date();
  const track = content.tracks.find((t) => t.slug === certificate.track);
  if (certificate.revokedAt) return { ok: false, message: "Intyget är återkallat och kan inte laddas ner." };
  if (!track || !certificate.municipalityId) return { ok: false, message: "Det här intyget finns inte som digitalt intyg." };
  const municipalityId = certificate.municipalityId;
  const issuer = await issuerProfile(db, municipalityId);
  if (!issuer) return { ok: false, message: "Det här intyget finns inte som digitalt intyg." };
  const place = await statusPlace(db, { id: certificate.id, municipalityId }, now);
  const listUrl = statusListUrl(municipalityId, Math.floor(place / STATUS_LIST_SIZE) + 1);

  const unsigned = {
    "@context": [CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id: appUrl(`/verifiera/${certificate.code}`),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: track.title,
    issuer,
    validFrom: iso(new Date(certificate.issuedAt)),
    validUntil: iso(new Date(certificate.expiresAt)),
    credentialSubject: {
      type: ["AchievementSubject"],
      name: input.holder.name,
      identifier: [
        { type: "IdentityObject", identityType: "name", hashed: false, identityHash: input.holder.name },
        hashedEmail(input.holder.email, certificate.id),
      ],
      achievement: {
        id: appUrl(`/utbildning/${track.slug}`),
        type: ["Achievement"],
        achievementType: "Certification",
        name: track.title,
        description: track.summary,
        criteria: { narrative: criteriaNarrative(track, content) },
        inLanguage: "sv",
      },
    },
    credentialStatus: {
      id: `${listUrl}#${place % STATUS_LIST_SIZE}`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: String(place % STATUS_LIST_SIZE),
      statusListCredential: listUrl,
    },
  };
  const { vc } = await signingLibraries();
  const credential = await vc.issue({ credential: unsigned, suite: await issuerSigningSuite(db, municipalityId), documentLoader: documentLoader(db), now });
  return { ok: true, credential, fileName: `intyg-${certificate.code}.json` };
}
