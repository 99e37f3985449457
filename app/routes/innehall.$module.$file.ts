// SPDX-License-Identifier: EUPL-1.2
// The images of the training content, served from the compiled index. They are teaching
// pictures without anything personal in them, so no sign-in is asked; the URL carries the
// image's hash, so a browser may keep it for good.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { notFound } from "~/modules/access/permissions.server";

export async function loader({ params, request }: LoaderFunctionArgs) {
  const image = getContent().images[`${params.module}/${params.file}`];
  if (!image) notFound("Bilden finns inte.");
  const versioned = new URL(request.url).searchParams.get("v") === image.hash;
  return new Response(Buffer.from(image.data, "base64"), {
    headers: {
      "Content-Type": image.contentType,
      "Cache-Control": versioned ? "public, max-age=31536000, immutable" : "public, max-age=300",
      // An SVG opened on its own is a document on our origin: it may not run or load anything.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
