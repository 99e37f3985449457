// SPDX-License-Identifier: EUPL-1.2
// /samordnare/loften/:id/dokument.pdf: a version's signed document for its coordinators, drafts
// included (citizens get published versions' documents from the public pages). Another
// municipality's promise, like one without a document, answers 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireCoordinator } from "~/modules/access/permissions.server";
import { readPromiseDocument } from "~/modules/promises/promise-document.server";
import { promiseForEditor } from "~/modules/promises/promise-editing.server";
import { getDb } from "~db/client.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const promise = await promiseForEditor(db, user, params.id ?? "");
  if (!promise) notFound("Löftet finns inte.");
  const document = await readPromiseDocument(db, promise.id);
  if (!document) notFound("Löftet har inget uppladdat dokument.");
  return new Response(new Uint8Array(document.data), {
    headers: {
      "Content-Type": "application/pdf",
      // The stored name is cleaned to letters, digits and a few marks; encoded for the non-ASCII ones.
      "Content-Disposition": `inline; filename="medborgarlofte.pdf"; filename*=UTF-8''${encodeURIComponent(document.fileName)}`,
      "Content-Length": String(document.size),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
