// SPDX-License-Identifier: EUPL-1.2
// The signing libraries (jsonld, rdf-canonize and the rest) are loaded when a credential is first
// signed or checked, not when the pages that offer it are loaded: libraries loaded at worker start
// once made every page three times slower (docs/performance.md).
import { createRequire } from "node:module";
import { expect, it } from "vitest";

const loadedModules = () => Object.keys((createRequire(import.meta.url)("node:module") as { _cache: Record<string, unknown> })._cache);
const signingCodeLoaded = () => loadedModules().some((file) => /node_modules\/(jsonld|jsonld-signatures|rdf-canonize)\//.test(file));

it("loads the signing libraries on first use, not with the pages that use them", async () => {
  await import("~/routes/intyg.$file");
  await import("~/routes/intyg._index");
  await import("~/routes/verifiera._index");
  await import("~/routes/openbadges.utfardare.$id");
  await import("~/routes/openbadges.utfardare.$id_.nyckel.$nyckel");
  await import("~/routes/openbadges.utfardare.$id_.status.$lista");
  expect(signingCodeLoaded()).toBe(false);

  const { signingLibraries } = await import("~/modules/certification/open-badges/libraries.server");
  await signingLibraries();
  expect(signingCodeLoaded()).toBe(true);
});
