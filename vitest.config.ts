import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// The Remix Vite plugin stays out of tests: it breaks under Vitest (remix #8094, #8140).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
