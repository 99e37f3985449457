// SPDX-License-Identifier: EUPL-1.2
// Public: a key the municipality's credentials are signed with, as a Multikey document. Keys
// rotated out stay here, so what they signed keeps verifying.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/access/permissions.server";
import { keyDocument, publicDocumentResponse } from "~/modules/certification/open-badges/documents.server";
import { getDb } from "~db/client.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const document = await keyDocument(getDb(), params.id ?? "", params.nyckel ?? "");
  if (!document) notFound("Nyckeln finns inte.");
  return publicDocumentResponse(document, "issuer");
}
