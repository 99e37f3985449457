// SPDX-License-Identifier: EUPL-1.2
// The environment is read in one place (app/env.server.ts), and a wrong value stops the server
// at start with a message that names the variable, before it forks or listens.
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { envValue, parseEnv } from "~/env.server";

describe("the environment", () => {
  it("has the documented defaults when nothing is set", () => {
    expect(parseEnv({})).toMatchObject({
      NODE_ENV: "development",
      DATABASE_POOL_SIZE: 10,
      RETENTION_MONTHS: 24,
      CONTENT_DIR: "content",
      BUILD_DIR: "build",
      PORT: 3000,
      HOST: "0.0.0.0",
      WEB_CONCURRENCY: 1,
      WORKER_HEAP_MB: 192,
      SHUTDOWN_TIMEOUT_SECONDS: 10,
      OUTBOX_INTERVAL_SECONDS: 15,
      APP_URL: "http://localhost:3000",
    });
  });

  it("reads numbers and names as they are written", () => {
    expect(
      parseEnv({ PORT: "8080", WEB_CONCURRENCY: "4", DATABASE_POOL_SIZE: "25", RETENTION_MONTHS: "36", CONTENT_DIR: "/srv/innehall", TRUST_PROXY: "1" }),
    ).toMatchObject({ PORT: 8080, WEB_CONCURRENCY: 4, DATABASE_POOL_SIZE: 25, RETENTION_MONTHS: 36, CONTENT_DIR: "/srv/innehall", TRUST_PROXY: "1" });
  });

  it("refuses every wrong value at once, naming each variable", () => {
    const read = () =>
      parseEnv({ PORT: "tusen", WEB_CONCURRENCY: "0", DATABASE_POOL_SIZE: "2.5", WORKER_HEAP_MB: "-1", SHUTDOWN_TIMEOUT_SECONDS: "0", TRUST_PROXY: "true" });
    expect(read).toThrow(/^Felaktig miljövariabel: /);
    const message = (() => {
      try {
        read();
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('PORT: måste vara ett helt antal portnummer (1–65535), inte "tusen"');
    expect(message).toContain('WEB_CONCURRENCY: måste vara ett helt antal processer (1–64), inte "0"');
    expect(message).toContain('DATABASE_POOL_SIZE: måste vara ett helt antal anslutningar (1–100), inte "2.5"');
    expect(message).toContain("WORKER_HEAP_MB: ");
    expect(message).toContain("SHUTDOWN_TIMEOUT_SECONDS: ");
    expect(message).toContain("TRUST_PROXY: TRUST_PROXY=true vägras");
  });

  it("reads one variable with the same rule", () => {
    expect(envValue("RETENTION_MONTHS", "")).toBe(24);
    expect(envValue("RETENTION_MONTHS", "12")).toBe(12);
    expect(() => envValue("RETENTION_MONTHS", "två år")).toThrow('Felaktig miljövariabel: RETENTION_MONTHS: måste vara ett helt antal månader (1–1200), inte "två år"');
  });
});

describe("starting the server", () => {
  it("stops before listening when a variable is wrong, and says which", async () => {
    const child = spawn(process.execPath, ["server/index.js"], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", PORT: "tusen", WEB_CONCURRENCY: "2", BUILD_DIR: "build-finns-inte" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(1);
    const lines = stderr.trim().split("\n").map((line) => JSON.parse(line) as { level: string; message: string });
    expect(lines).toEqual([{ level: "error", time: expect.any(String), message: expect.stringContaining('PORT: måste vara ett helt antal portnummer (1–65535), inte "tusen"') }]);
  }, 30_000);
});
