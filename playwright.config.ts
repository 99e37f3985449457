// SPDX-License-Identifier: EUPL-1.2
import { defineConfig, devices } from "@playwright/test";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_DATABASE = process.env.E2E_DATABASE ?? "./data/e2e.db";
// A key for the test server only: 32 bytes, not all alike (app/env.server.ts secretsKeyProblem).
const E2E_SECRETS_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 29 + 3) % 256)).toString("base64");

// Debian's Chromium: a test tool's own browser download cannot work on these machines.
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

// Runs against the production build (Vite re-optimising mid-run makes dev flaky: remix #10156).
export default defineConfig({
  testDir: "tests/e2e",
  // Playwright empties its output folder at start; the JSON summaries beside it survive.
  outputDir: "test-results/e2e-artifacts",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: "sv-SE",
    timezoneId: "Europe/Stockholm",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    // The page-length budgets of issue #20 measure the demo as it was seeded, before the other
    // specs publish promises and reports into it: they run first, alone, and then the rest.
    { name: "demo-as-seeded", testMatch: /page-heights\.spec\.ts/, use: chromium },
    { name: "chromium", testIgnore: /page-heights\.spec\.ts/, dependencies: ["demo-as-seeded"], use: chromium },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${E2E_PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      DATABASE_URL: E2E_DATABASE,
      APP_URL: `http://localhost:${E2E_PORT}`,
      BUILD_DIR: process.env.BUILD_DIR ?? "build",
      // The journeys sign coordinators and admins in with a password alone; the second factor's
      // own spec creates people already enrolled, who are asked for the code whatever this says.
      REQUIRE_MFA: "false",
      // Encrypts the client secret of the test provider tests/e2e/oidc-sign-in.spec.ts configures.
      SECRETS_KEY: process.env.SECRETS_KEY ?? E2E_SECRETS_KEY,
    },
  },
});
