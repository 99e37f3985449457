// SPDX-License-Identifier: EUPL-1.2
// A municipality's logo, for anyone: its pages, emails and certificates show it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/modules/access/permissions.server";
import { findMunicipalityBySlug } from "~/modules/municipalities/municipalities.server";
import { readMunicipalityLogo } from "~/modules/municipalities/profile.server";
import { getDb } from "~db/client.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  // A renamed municipality's old address finds the same logo: its bytes do not depend on the name.
  const municipality = await findMunicipalityBySlug(db, params.kommun ?? "");
  const logo = municipality ? await readMunicipalityLogo(db, municipality.id) : undefined;
  if (!logo) notFound("Kommunen har ingen logotyp.");
  const etag = `"${logo.sha256}"`;
  const headers = new Headers({
    "Content-Type": logo.contentType,
    ETag: etag,
    // The address carries the hash (?v=), so a changed logo has a new address.
    "Cache-Control": "public, max-age=86400",
    // An SVG opened on its own is a document: even sanitized, it gets no script, no fetch, no frame.
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": "inline",
  });
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(Buffer.from(logo.data), { headers });
}
