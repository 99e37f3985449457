// SPDX-License-Identifier: EUPL-1.2
// A SAML 2.0 identity provider for the tests: a key and a self-signed certificate made here by
// openssl (node:crypto makes keys but not X.509 certificates), its metadata, and responses whose
// assertions are signed with xml-crypto as Shibboleth signs them. The tests post these to
// Coachportalen's own assertion consumer service; nothing of node-saml is mocked.
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SignedXml } from "xml-crypto";

export const IDP_ENTITY_ID = "https://idp.skola.hogsby.se/idp/shibboleth";
export const IDP_SSO_URL = "https://idp.skola.hogsby.se/idp/profile/SAML2/Redirect/SSO";
export const MAIL = "urn:oid:0.9.2342.19200300.100.1.3";
export const DISPLAY_NAME = "urn:oid:2.16.840.1.113730.3.1.241";
export const ENTITLEMENT = "urn:oid:1.3.6.1.4.1.5923.1.1.1.7";

export interface TestIdpKeys {
  privateKey: string;
  certificate: string;
}

/** A fresh RSA key and a self-signed certificate for it. */
export function makeIdpKeys(commonName = "test-idp"): TestIdpKeys {
  const dir = mkdtempSync(path.join(tmpdir(), "saml-idp-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2", "-subj", `/CN=${commonName}`, "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return { privateKey: readFileSync(path.join(dir, "key.pem"), "utf8"), certificate: readFileSync(path.join(dir, "cert.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function base64Der(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----/g, "").replace(/\s+/g, "");
}

export function idpMetadata(keys: TestIdpKeys, entityId = IDP_ENTITY_ID, ssoUrl = IDP_SSO_URL): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${base64Der(keys.certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${ssoUrl}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
}

export interface AssertionOptions {
  inResponseTo: string;
  audience: string;
  recipient: string;
  attributes: Record<string, string | string[]>;
  assertionId?: string;
  issuer?: string;
  nameId?: string;
  now?: Date;
  /** Minutes the assertion stays valid: negative for one that has expired. */
  validForMinutes?: number;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An assertion as its own document, declaring its namespaces, so that it can be signed and moved. */
export function assertionXml(options: AssertionOptions): string {
  const now = options.now ?? new Date();
  const minutes = options.validForMinutes ?? 5;
  const notBefore = new Date(now.getTime() - 60_000 + Math.min(0, minutes) * 60_000).toISOString();
  const notOnOrAfter = new Date(now.getTime() + minutes * 60_000).toISOString();
  const attributes = Object.entries(options.attributes)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${[value]
          .flat()
          .map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escape(v)}</saml:AttributeValue>`)
          .join("")}</saml:Attribute>`,
    )
    .join("");
  return `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${options.assertionId ?? `_${randomUUID()}`}" Version="2.0" IssueInstant="${now.toISOString()}"><saml:Issuer>${options.issuer ?? IDP_ENTITY_ID}</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">${options.nameId ?? `_${randomUUID()}`}</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="${options.inResponseTo}" NotOnOrAfter="${notOnOrAfter}" Recipient="${options.recipient}"/></saml:SubjectConfirmation></saml:Subject><saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${escape(options.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions><saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="_${randomUUID()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement><saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`;
}

/** Signs an assertion as an IdP does: an enveloped RSA-SHA256 signature after its Issuer. */
export function signAssertion(xml: string, keys: TestIdpKeys): string {
  const sig = new SignedXml({
    privateKey: keys.privateKey,
    publicCert: keys.certificate,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  });
  sig.addReference({
    xpath: "/*[local-name(.)='Assertion']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  sig.computeSignature(xml, { location: { reference: "/*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: "after" } });
  return sig.getSignedXml();
}

/** Signs a whole Response (and so not the assertion on its own), as some IdPs can be set to. */
export function signResponse(xml: string, keys: TestIdpKeys): string {
  const sig = new SignedXml({
    privateKey: keys.privateKey,
    publicCert: keys.certificate,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  });
  sig.addReference({
    xpath: "/*[local-name(.)='Response']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  sig.computeSignature(xml, { location: { reference: "/*[local-name(.)='Response']/*[local-name(.)='Issuer']", action: "after" } });
  return sig.getSignedXml();
}

/** A Response around the given assertion XML (or several, or anything else a hostile test puts there). */
export function responseXml(options: { inResponseTo: string; destination: string; body: string; issuer?: string; now?: Date }): string {
  const now = options.now ?? new Date();
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${randomUUID()}" Version="2.0" IssueInstant="${now.toISOString()}" Destination="${options.destination}" InResponseTo="${options.inResponseTo}"><saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${options.issuer ?? IDP_ENTITY_ID}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>${options.body}</samlp:Response>`;
}

export function encode(xml: string): string {
  return Buffer.from(xml, "utf8").toString("base64");
}
