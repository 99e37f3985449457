// An attachment of a material, as a download. Only files the material declares can be
// fetched, and a staff material's attachments ask for an account like the material does.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { getOptionalUser, requireUser } from "~/modules/access/permissions.server";
import { contentDisposition, contentTypeOf, readAttachment } from "~/modules/materials/attachments.server";
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

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const material = findMaterial(getContent().materials, params.slug ?? "");
  if (!material) return missing();
  if (!mayRead(material, user !== null)) await requireUser(request);
  const file = readAttachment(material, params.file ?? "");
  if (!file) return missing();

  await countMaterialUse(getDb(), { material: material.slug, user, userAgent: request.headers.get("user-agent"), kind: "download" });
  const contentType = contentTypeOf(file.fileName);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": contentDisposition(file.fileName),
      "Content-Length": String(file.bytes.length),
      // Every download is counted, so a browser asks again instead of reusing a stored copy.
      "Cache-Control": "private, no-cache",
      "X-Content-Type-Options": "nosniff",
      // A file opened on its own is a document on our origin: it may not run or load anything.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    },
  });
}
