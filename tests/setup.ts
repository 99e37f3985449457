// Every test file gets its own migrated in-memory database as the app's database, and a
// console.error during a test fails it: an error nobody asserted on is a bug.
import { afterEach, beforeEach, vi } from "vitest";
import { installTestDb } from "./helpers/db";

process.env.NODE_ENV = "test";
process.env.APP_URL ??= "http://localhost:3000";

beforeEach(async () => {
  await installTestDb();
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
