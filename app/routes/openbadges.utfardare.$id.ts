// SPDX-License-Identifier: EUPL-1.2
// Public: the issuer of a municipality's Open Badges credentials (its OB 3.0 profile and the
// keys it signs with), which verifiers fetch. Addressed by the municipality's id, which never changes.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/access/permissions.server";
import { issuerDocument, publicDocumentResponse } from "~/modules/certification/open-badges/documents.server";
import { getDb } from "~db/client.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const document = await issuerDocument(getDb(), params.id ?? "");
  if (!document) notFound("Utfärdaren finns inte.");
  return publicDocumentResponse(document, "issuer");
}
