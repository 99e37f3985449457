// SPDX-License-Identifier: EUPL-1.2
// The service provider's SAML metadata, at the stable address that is also its entity id: what
// municipal IT registers with Skolfederation (or its own IdP).
import { serviceProviderMetadata } from "~/modules/auth/saml.server";

export async function loader() {
  return new Response(serviceProviderMetadata(), {
    headers: { "Content-Type": "application/samlmetadata+xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
