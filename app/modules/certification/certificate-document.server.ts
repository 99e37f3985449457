// SPDX-License-Identifier: EUPL-1.2
// Everything the certificate PDF states, gathered for one certificate: the holder and track, the
// scope, and the issuing municipality's name, issuer and logo (an SVG logo is drawn to PNG here,
// since a PDF takes raster images; sharp renders it with librsvg, without fetching anything).
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import { appUrl } from "~/env.server";
import { getMunicipalityProfile, readMunicipalityLogo } from "~/modules/municipalities/profile.server";
import type { Database } from "~db/schema";
import { renderCertificatePdf, renderCertificatesPdf, type CertificatePdfInput } from "./certificate-pdf.server";
import { certificateScope } from "./certificate-scope.server";
import { summarizeCertificate, type CertificateRecord } from "./certification.server";

async function logoForPdf(db: Kysely<Database>, municipalityId: string, alt: string): Promise<{ data: Buffer; alt: string } | null> {
  const logo = await readMunicipalityLogo(db, municipalityId);
  if (!logo) return null;
  if (logo.contentType !== "image/svg+xml") return { data: Buffer.from(logo.data), alt };
  // Loaded here, not at start: only a certificate with an SVG logo needs it.
  const { default: sharp } = await import("sharp");
  try {
    return { data: await sharp(Buffer.from(logo.data), { density: 300 }).resize({ height: 240, withoutEnlargement: false }).png().toBuffer(), alt };
  } catch {
    // A logo that will not draw leaves the certificate without it rather than without a certificate.
    return null;
  }
}

/** What one certificate's PDF states: the same for its own download and for a course day's bundle. */
async function certificatePdfInput(
  db: Kysely<Database>,
  input: { certificate: CertificateRecord; holderName: string; content: ContentIndex; now?: Date },
): Promise<CertificatePdfInput> {
  const { certificate, content } = input;
  const track = content.tracks.find((t) => t.slug === certificate.track);
  const summary = summarizeCertificate(certificate, { track, renewedBy: undefined, now: input.now ?? new Date() });
  const profile = certificate.municipalityId ? await getMunicipalityProfile(db, certificate.municipalityId) : undefined;
  const [scope, logo] = await Promise.all([
    track
      ? certificateScope(db, { userId: certificate.userId, track, content, until: certificate.issuedAt })
      : Promise.resolve({ modules: [], courseDays: [], estimatedHours: 1 }),
    profile ? logoForPdf(db, profile.id, `${profile.officialName}s logotyp`) : Promise.resolve(null),
  ]);
  return {
    holderName: input.holderName,
    trackTitle: summary.trackTitle,
    municipalityName: certificate.municipalityName,
    issuedOn: summary.issuedOn,
    validThrough: summary.validThrough,
    renewal: summary.renewal,
    code: certificate.code,
    verifyUrl: appUrl(`/verifiera/${certificate.code}`),
    scope,
    issuer: { organisation: profile?.officialName ?? null, name: profile?.issuer.name ?? null, title: profile?.issuer.title ?? null },
    logo,
  };
}

export async function certificatePdf(db: Kysely<Database>, input: { certificate: CertificateRecord; holderName: string; content: ContentIndex; now?: Date }): Promise<Buffer> {
  return renderCertificatePdf(await certificatePdfInput(db, input));
}

/** Several certificates in one PDF, one page each, every page as that certificate's own PDF. */
export async function certificatesPdf(
  db: Kysely<Database>,
  input: { certificates: Array<{ certificate: CertificateRecord; holderName: string }>; title: string; author: string; content: ContentIndex; now?: Date },
): Promise<Buffer> {
  const pages: CertificatePdfInput[] = [];
  for (const c of input.certificates) pages.push(await certificatePdfInput(db, { ...c, content: input.content, now: input.now }));
  return renderCertificatesPdf(pages, { title: input.title, author: input.author, subject: `${pages.length} intyg om genomgången utbildning` });
}
