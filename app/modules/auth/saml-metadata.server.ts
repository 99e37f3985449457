// SPDX-License-Identifier: EUPL-1.2
// An identity provider's SAML 2.0 metadata (issue #18): what Coachportalen needs from it is the
// IdP's entity id, where to send the AuthnRequest (HTTP-Redirect binding), and the certificates
// it signs with. Read with an XML parser and XPath, as node-saml reads responses: metadata is
// signed XML written by many tools, and text patterns would misread it.
import { DOMParser } from "@xmldom/xmldom";
import * as xpath from "xpath";
import { envValue } from "~/env.server";

const REDIRECT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
const MAX_METADATA_CHARS = 2 * 1024 * 1024;

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  /** Base64 DER, without PEM framing or whitespace. */
  certificates: string[];
}

export type MetadataResult = { ok: true; metadata: IdpMetadata } | { ok: false; message: string };

const select = xpath.useNamespaces({ md: "urn:oasis:names:tc:SAML:2.0:metadata", ds: "http://www.w3.org/2000/09/xmldsig#" });

/**
 * The IdP in a metadata document. A federation's aggregate holds many entities; this takes a
 * document with exactly one IdP, or the one whose entity id is asked for.
 */
export function parseIdpMetadata(xml: string, entityId?: string): MetadataResult {
  if (!xml.trim()) return { ok: false, message: "Klistra in identitetsleverantörens metadata (XML)." };
  if (xml.length > MAX_METADATA_CHARS) return { ok: false, message: "Metadatan är för stor (högst 2 MB)." };
  let doc: Document;
  try {
    let broken = false;
    doc = new DOMParser({ errorHandler: { warning: () => undefined, error: () => (broken = true), fatalError: () => (broken = true) } }).parseFromString(xml, "text/xml") as unknown as Document;
    if (broken || !doc.documentElement) return { ok: false, message: "Metadatan är inte giltig XML." };
  } catch {
    return { ok: false, message: "Metadatan är inte giltig XML." };
  }
  const entities = (select("//md:EntityDescriptor[md:IDPSSODescriptor]", doc as unknown as Node) as Element[]).filter(
    (e) => !entityId || e.getAttribute("entityID") === entityId,
  );
  if (entities.length === 0) return { ok: false, message: "Metadatan beskriver ingen identitetsleverantör (IDPSSODescriptor)." };
  if (entities.length > 1) return { ok: false, message: "Metadatan beskriver flera identitetsleverantörer. Använd metadata för just kommunens." };
  const entity = entities[0]!;
  const id = entity.getAttribute("entityID")?.trim() ?? "";
  if (!id) return { ok: false, message: "Metadatan saknar entityID." };
  const sso = select(`string(md:IDPSSODescriptor/md:SingleSignOnService[@Binding='${REDIRECT_BINDING}']/@Location)`, entity) as string;
  if (!sso || !/^https?:\/\//.test(sso)) return { ok: false, message: "Metadatan saknar en adress för inloggning med HTTP-Redirect (SingleSignOnService)." };
  const certNodes = select("md:IDPSSODescriptor/md:KeyDescriptor[not(@use) or @use='signing']//ds:X509Certificate", entity) as Node[];
  const certificates = [...new Set(certNodes.map((n) => (n.textContent ?? "").replace(/\s+/g, "")).filter(Boolean))];
  if (certificates.length === 0) return { ok: false, message: "Metadatan saknar identitetsleverantörens certifikat för signering." };
  return { ok: true, metadata: { entityId: id, ssoUrl: sso, certificates } };
}

/** Fetches metadata from its published address, with the same timeout as an OpenID Connect provider. */
export async function fetchIdpMetadata(url: string): Promise<MetadataResult> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(envValue("OIDC_TIMEOUT_SECONDS") * 1000), redirect: "follow" });
    if (!response.ok) return { ok: false, message: `Metadatan gick inte att hämta (svar ${response.status}).` };
    if (Number(response.headers.get("content-length") ?? 0) > MAX_METADATA_CHARS) return { ok: false, message: "Metadatan är för stor (högst 2 MB)." };
    const text = await response.text();
    return parseIdpMetadata(text);
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name === "TimeoutError" || name === "AbortError") return { ok: false, message: "Metadataadressen svarade inte i tid." };
    return { ok: false, message: "Metadatan gick inte att hämta från adressen." };
  }
}

export function pemOf(certificate: string): string {
  return `-----BEGIN CERTIFICATE-----\n${certificate.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----`;
}
