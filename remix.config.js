// SPDX-License-Identifier: EUPL-1.2
// Remix options live here so that vite.config.ts and any tooling read the same set.
// Every v3 future flag is on: the move to React Router v7 is then a codemod.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  // BUILD_DIR lets parallel checkouts of the test suite build side by side; normally "build".
  buildDirectory: process.env.BUILD_DIR || "build",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    v3_routeConfig: true,
  },
};
