// SPDX-License-Identifier: EUPL-1.2
// Every test gets a fresh migrated database as the app's database (in memory, or an emptied
// PostgreSQL database when TEST_DATABASE_URL is set), and a console.error during a test
// fails it: an error nobody asserted on is a bug.
import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { closeTestDb, installTestDb } from "./helpers/db";

process.env.NODE_ENV = "test";
process.env.APP_URL ??= "http://localhost:3000";

beforeEach(async () => {
  await installTestDb();
});
afterAll(async () => {
  await closeTestDb();
});

let errorSpy: ReturnType<typeof vi.spyOn> | undefined;
beforeEach(() => {
  errorSpy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    throw new Error(`console.error was called during the test: ${args.map(String).join(" ")}`);
  });
});
afterEach(() => {
  errorSpy?.mockRestore();
});
