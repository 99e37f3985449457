// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { cacheableFile } from "~/modules/caching/http-cache.server";
import { notFound } from "~/modules/access/permissions.server";
import { isPublicPromiseOf, PROMISE_NOT_FOUND } from "~/modules/followup/public-promise.server";
import { requireFollowupMunicipality } from "~/modules/followup/reports.server";
import { readPromiseDocument } from "~/modules/promises/promise-document.server";
import { getDb } from "~db/client.server";

// Public: the signed document of a published promise, for anyone (issue #14). A draft's PDF is
// only for its coordinators (samordnare.loften.$id.dokument[.pdf].ts), so it answers 404 here.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await requireFollowupMunicipality(db, request, params.kommun ?? "");
  const promiseId = params.id ?? "";
  if (!(await isPublicPromiseOf(db, { municipalityId: municipality.id, promiseId }))) notFound(PROMISE_NOT_FOUND);
  const document = await readPromiseDocument(db, promiseId);
  if (!document) notFound("Löftet har inget undertecknat dokument här.");
  return cacheableFile(request, new Uint8Array(document.data), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${document.fileName.replace(/[^\w.-]/g, "_")}"`,
      "Content-Length": String(document.size),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
