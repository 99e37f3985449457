// SPDX-License-Identifier: EUPL-1.2
// Public: the municipality's revocation list (a signed Bitstring Status List), read from the
// database on every request so that every instance shows a revocation at once.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/access/permissions.server";
import { publicDocumentResponse, statusListCredential } from "~/modules/certification/open-badges/documents.server";
import { getDb } from "~db/client.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const list = /^[1-9][0-9]{0,8}$/.test(params.lista ?? "") ? Number(params.lista) : 0;
  const document = list ? await statusListCredential(getDb(), params.id ?? "", list) : undefined;
  if (!document) notFound("Statuslistan finns inte.");
  return publicDocumentResponse(document, "status");
}
