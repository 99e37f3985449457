// SPDX-License-Identifier: EUPL-1.2
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// The crash test (tests/crash) kills a production server built by `npm run build`, so it runs
// on its own after the build (scripts/test.mjs), not in the first Vitest run, which comes before it.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/crash/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 90_000,
  },
});
