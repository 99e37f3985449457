// SPDX-License-Identifier: EUPL-1.2
import fs from "node:fs";
import path from "node:path";
import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

const ALL_TESTS = ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts"];

// With TEST_DATABASE_URL set this is the PostgreSQL run: only the files that use the app's
// database (they import the test database or request helpers, or call getDb), and
// tests/postgres, which needs a real server: two app instances, concurrent migrations.
// docs/decisions/009-tests-on-both-databases.md
const postgres = Boolean(process.env.TEST_DATABASE_URL);
const USES_APP_DATABASE = /helpers\/(db|requests|training)(\.[jt]s)?["']|\bgetDb\(/;

function databaseFacingTests(): string[] {
  const files = ALL_TESTS.flatMap((pattern) => listMatching(pattern));
  return [...files.filter((file) => USES_APP_DATABASE.test(fs.readFileSync(file, "utf8"))), "tests/postgres/**/*.test.ts"];
}

function listMatching(pattern: string): string[] {
  const [dir] = pattern.split("/**/");
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".test.ts")) out.push(full);
    }
  };
  walk(dir!);
  return out;
}

// The Remix Vite plugin stays out of tests: it breaks under Vitest (remix #8094, #8140).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: postgres ? databaseFacingTests() : ALL_TESTS,
    setupFiles: ["tests/setup.ts"],
    ...(postgres ? { globalSetup: ["tests/postgres-global-setup.ts"] } : {}),
    environment: "node",
    pool: "forks",
    testTimeout: 20_000,
  },
});
