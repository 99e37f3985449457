// SPDX-License-Identifier: EUPL-1.2
// An attachment of a material, as a PDF to download. Only attachments the material declares can
// be fetched, and a staff material's attachments ask for an account like the material does.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { cacheableFile } from "~/modules/caching/http-cache.server";
import { getOptionalUser, requireUser } from "~/modules/access/permissions.server";
import { attachmentPdf, contentDisposition, downloadName, findAttachment } from "~/modules/materials/attachments.server";
import { findMaterial, mayRead } from "~/modules/materials/catalog.server";
import { countMaterialUse } from "~/modules/materials/usage.server";
import { getDb } from "~db/client.server";

// A plain answer: this is a file link, opened outside the app's pages.
function missing(): Response {
  return new Response("Bilagan finns inte. Gå tillbaka till materialet och försök igen.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" },
  });
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser({ request, context });
  const material = findMaterial(getContent().materials, params.slug ?? "");
  if (!material) return missing();
  if (!mayRead(material, user !== null)) await requireUser({ request, context });
  const attachment = findAttachment(material, params.file ?? "");
  if (!attachment) return missing();
  const pdf = await attachmentPdf(material, attachment);

  await countMaterialUse(getDb(), { material: material.slug, user, userAgent: request.headers.get("user-agent"), kind: "download" });
  // A public material's file may be carried by a CDN for visitors without an account; a staff
  // material's, or anything asked for with a session, stays private (app/modules/caching/http-cache.server.ts).
  // Downloads that reach the server are counted, revalidations (304) too.
  return cacheableFile(request, new Uint8Array(pdf.bytes), {
    personalized: user !== null || material.visibility !== "public",
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": contentDisposition(downloadName(material, attachment)),
      "Content-Length": String(pdf.bytes.length),
      "X-Content-Type-Options": "nosniff",
      // A file opened on its own is a document on our origin: it may not run or load anything.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
