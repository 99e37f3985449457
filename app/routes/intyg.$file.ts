// SPDX-License-Identifier: EUPL-1.2
// /intyg/<id>.pdf and /intyg/<id>.json: the holder's own certificate as a PDF, or as a signed
// Open Badges 3.0 credential (issue #16). Flat routes cannot put an extension after a parameter
// in one segment, so the file name is read here. Anyone else's certificate, like one that does
// not exist, answers 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { notFound } from "~/modules/access/permissions.server";
import { certificatePdf } from "~/modules/certification/certificate-document.server";
import { getCertificateForOwner } from "~/modules/certification/certification.server";
import { openBadgeCredential } from "~/modules/certification/open-badges/credential.server";
import { requireLearner } from "~/modules/learning/access.server";
import { getDb } from "~db/client.server";

const CERTIFICATE_FILE = /^([a-z0-9]{1,64})\.(pdf|json)$/;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const [, id, kind] = CERTIFICATE_FILE.exec(params.file ?? "") ?? [];
  if (!id) notFound("Intyget finns inte.");
  const certificate = await getCertificateForOwner(getDb(), { certificateId: id, userId: user.id });
  if (!certificate) notFound("Intyget finns inte.");
  if (certificate.revokedAt) notFound("Intyget är återkallat och kan inte laddas ner.");

  if (kind === "json") {
    const outcome = await openBadgeCredential(getDb(), { certificate, holder: user, content: getContent() });
    if (!outcome.ok) notFound(outcome.message);
    const body = JSON.stringify(outcome.credential, null, 2);
    return new Response(body, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${outcome.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  }

  const pdf = await certificatePdf(getDb(), { certificate, holderName: user.name, content: getContent() });
  const filename = `intyg-${certificate.track}-${formatIsoDate(certificate.issuedAt)}.pdf`;
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Content-Length": String(pdf.length),
      "Cache-Control": "private, no-store",
    },
  });
}
