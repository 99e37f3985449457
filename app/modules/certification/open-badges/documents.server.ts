// SPDX-License-Identifier: EUPL-1.2
// What a verifier fetches to check an Open Badges credential, each at a stable public address:
//   /openbadges/utfardare/<municipality id>                 the issuer: the municipality as an OB 3.0
//                                                           Profile, naming the keys it signs with
//   /openbadges/utfardare/<municipality id>/nyckel/<key>    a public key (Multikey) of that issuer
//   /openbadges/utfardare/<municipality id>/status/<list>   its revocation list (Bitstring Status List)
// The municipality's id, not its slug, is in the address: a credential names its issuer for
// years, and a renamed municipality gets a new slug. Every municipality signs with the
// deployment's key(s), each under its own address, because a verifier requires the key's
// controller to be the credential's issuer.
//
// The same documents are what the app's own verifier reads (documentLoader below): from the
// database, never over the network, and with the JSON-LD contexts bundled. Any other address is
// refused, so checking a file never makes the server fetch anything.
import type { Kysely } from "kysely";
import { appUrl } from "~/env.server";
import { CACHE_CONTROL } from "~/modules/caching/http-cache.server";
import { iso } from "~/lib/time";
import { getMunicipalityProfile, logoUrl } from "~/modules/municipalities/profile.server";
import type { Database } from "~db/schema";
import { publishedKey, publishedKeys, signingKey } from "./keys.server";
import { signingLibraries } from "./libraries.server";

export const CREDENTIALS_V2_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OPEN_BADGES_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1";
// Written as the full IRI: neither the VC 2.0 nor the OB 3.0 context has a term for it, and the
// signature library finds a controller's keys by this IRI.
const ASSERTION_METHOD = "https://w3id.org/security#assertionMethod";

/**
 * Bits per status list: the Bitstring Status List minimum (16 kB), so that a list does not tell
 * how many certificates a municipality has. Place n is in list floor(n / size) + 1.
 */
export const STATUS_LIST_SIZE = 131_072;

export const issuerUrl = (municipalityId: string) => appUrl(`/openbadges/utfardare/${municipalityId}`);
export const keyUrl = (municipalityId: string, keyId: string) => appUrl(`/openbadges/utfardare/${municipalityId}/nyckel/${keyId}`);
export const statusListUrl = (municipalityId: string, list: number) => appUrl(`/openbadges/utfardare/${municipalityId}/status/${list}`);

type Json = Record<string, unknown>;

/** The issuer as it appears in a credential: the municipality's official name, its web address, and its logo when it has one. */
export async function issuerProfile(db: Kysely<Database>, municipalityId: string): Promise<Json | undefined> {
  const profile = await getMunicipalityProfile(db, municipalityId);
  if (!profile) return undefined;
  const logo = logoUrl(profile);
  return {
    id: issuerUrl(profile.id),
    type: ["Profile"],
    name: profile.officialName,
    url: profile.website ?? appUrl(`/om/${profile.slug}`),
    ...(logo ? { image: { id: appUrl(logo), type: "Image" } } : {}),
  };
}

/** The issuer's own document: its profile and the keys it has signed with, retired ones too. */
export async function issuerDocument(db: Kysely<Database>, municipalityId: string): Promise<Json | undefined> {
  const profile = await issuerProfile(db, municipalityId);
  if (!profile) return undefined;
  // A first credential may not be signed yet: the key is made here too, so the document is never without one.
  await signingKey(db);
  const keys = await publishedKeys(db);
  return {
    "@context": [CREDENTIALS_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    ...profile,
    [ASSERTION_METHOD]: keys.map((key) => ({ id: keyUrl(municipalityId, key.id) })),
  };
}

/** One public key as a Multikey verification method, controlled by the issuer. */
export async function keyDocument(db: Kysely<Database>, municipalityId: string, keyId: string): Promise<Json | undefined> {
  const [key, municipality] = await Promise.all([
    publishedKey(db, keyId),
    db.selectFrom("municipality").select("id").where("id", "=", municipalityId).executeTakeFirst(),
  ]);
  if (!key || !municipality) return undefined;
  return {
    "@context": MULTIKEY_CONTEXT,
    id: keyUrl(municipalityId, key.id),
    type: "Multikey",
    controller: issuerUrl(municipalityId),
    // A retired key is not marked "revoked": verifiers would then refuse what it rightly signed.
    publicKeyMultibase: key.publicKeyMultibase,
  };
}

/** The signer for an issuer: the deployment's current key under that issuer's address. */
export async function issuerSigningSuite(db: Kysely<Database>, municipalityId: string) {
  const [{ Ed25519Multikey, DataIntegrityProof, cryptosuite }, key] = await Promise.all([signingLibraries(), signingKey(db)]);
  const pair = await Ed25519Multikey.from({
    id: keyUrl(municipalityId, key.id),
    controller: issuerUrl(municipalityId),
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
  return new DataIntegrityProof({ signer: pair.signer(), cryptosuite });
}

// A signed list is kept while its bits and the signing key stay the same: the bits are read from
// the database on every request (so every instance answers a revocation at once), the signing is
// not repeated.
const signedLists = new Map<string, { encodedList: string; keyId: string; credential: Json }>();

/** The issuer's revocation list number `list`, signed, with a bit set for each revoked certificate in it. */
export async function statusListCredential(db: Kysely<Database>, municipalityId: string, list: number, now = new Date()): Promise<Json | undefined> {
  if (!Number.isSafeInteger(list) || list < 1) return undefined;
  const profile = await issuerProfile(db, municipalityId);
  if (!profile) return undefined;
  // Only lists that places have been given in (and the first) exist, so the signed lists kept below stay few.
  const last = await db
    .selectFrom("credential_status")
    .select((eb) => eb.fn.max("status_index").as("last"))
    .where("municipality_id", "=", municipalityId)
    .executeTakeFirst();
  if (list > Math.floor(Number(last?.last ?? 0) / STATUS_LIST_SIZE) + 1) return undefined;
  const first = (list - 1) * STATUS_LIST_SIZE;
  const revoked = await db
    .selectFrom("credential_status")
    .innerJoin("certification", "certification.id", "credential_status.certification_id")
    .select("credential_status.status_index")
    .where("credential_status.municipality_id", "=", municipalityId)
    .where("credential_status.status_index", ">=", first)
    .where("credential_status.status_index", "<", first + STATUS_LIST_SIZE)
    .where("certification.revoked_at", "is not", null)
    .execute();
  const libraries = await signingLibraries();
  const bits = await libraries.statusList.createList({ length: STATUS_LIST_SIZE });
  for (const row of revoked) bits.setStatus(Number(row.status_index) - first, true);
  const id = statusListUrl(municipalityId, list);
  const unsigned = await libraries.statusList.createCredential({ id, list: bits, statusPurpose: "revocation" });
  const encodedList = (unsigned.credentialSubject as { encodedList: string }).encodedList;
  const key = await signingKey(db);
  const kept = signedLists.get(id);
  if (kept?.encodedList === encodedList && kept.keyId === key.id) return kept.credential;
  const credential = await libraries.vc.issue({
    // Only the id: the list has the VC context alone, where an OB 3.0 Profile is not defined.
    credential: { ...unsigned, issuer: profile.id, validFrom: iso(now) },
    suite: await issuerSigningSuite(db, municipalityId),
    documentLoader: documentLoader(db),
  });
  signedLists.set(id, { encodedList, keyId: key.id, credential });
  return credential;
}

const OWN_DOCUMENT = /^openbadges\/utfardare\/([a-z0-9]{1,64})(?:\/(nyckel|status)\/([0-9]{1,9}))?$/;

/** A document of this app by its address, as the public routes serve it; undefined for anything else. */
async function ownDocument(db: Kysely<Database>, url: string): Promise<Json | undefined> {
  const base = appUrl("/");
  if (!url.startsWith(base)) return undefined;
  const match = OWN_DOCUMENT.exec(url.slice(base.length));
  if (!match) return undefined;
  const [, municipalityId, kind, number] = match as unknown as [string, string, string | undefined, string | undefined];
  if (kind === "nyckel") return keyDocument(db, municipalityId, number!);
  if (kind === "status") return statusListCredential(db, municipalityId, Number(number));
  return issuerDocument(db, municipalityId);
}

let contextsLoader: ReturnType<typeof loadContexts> | undefined;
const bundledContexts = () => (contextsLoader ??= loadContexts());

async function loadContexts() {
  const { JsonLdDocumentLoader, contexts } = await signingLibraries();
  const loader = new JsonLdDocumentLoader();
  for (const map of contexts) for (const [url, context] of map) loader.addStatic(url, context);
  return loader;
}

/**
 * The JSON-LD document loader of the app's signing and verifying: the bundled contexts, and this
 * app's own issuer, key and status list documents read from the database. Anything else is an error.
 */
export function documentLoader(db: Kysely<Database>) {
  let built: Promise<(url: string) => Promise<unknown>> | undefined;
  const build = async () => {
    const loader = (await bundledContexts()).clone();
    const own = {
      async get({ url }: { url: string }) {
        const document = await ownDocument(db, url);
        if (!document) throw new Error(`Refused to load "${url}": not a bundled context or a document of this app.`);
        return document;
      },
    };
    loader.setProtocolHandler({ protocol: "https", handler: own });
    loader.setProtocolHandler({ protocol: "http", handler: own });
    return loader.build();
  };
  return async (url: string) => {
    built ??= build();
    const load = await built;
    return load(url) as Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;
  };
}

/**
 * A public document as the addresses above serve it: JSON-LD that any verifier, a browser-based
 * one too, may fetch. The issuer and its keys change seldom; the status list is kept at most
 * 30 seconds by a CDN and never by a browser, so a revocation shows within half a minute.
 */
export function publicDocumentResponse(document: Record<string, unknown>, kind: "issuer" | "status"): Response {
  return new Response(JSON.stringify(document, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Cache-Control": kind === "status" ? CACHE_CONTROL.verification : CACHE_CONTROL.public,
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
