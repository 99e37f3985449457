// SPDX-License-Identifier: EUPL-1.2
// TRUST_PROXY as the server applies it: a setting that would trust what clients write stops the
// server at start, and with a hop count the throttles count the address the proxy saw, whatever
// the client put in front of it in X-Forwarded-For. The accepted values: tests/unit/trust-proxy.test.ts.
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "../../server/app.js";
import { createTestBuild } from "../helpers/app-server";
import { testDb } from "../helpers/db";

let build: ServerBuild;
let server: Server | undefined;

beforeAll(async () => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  build = await createTestBuild();
}, 60_000);

afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
});

/** The app as server/index.js makes it, with TRUST_PROXY set to `trustProxy`. */
async function serve(trustProxy: string | undefined): Promise<string> {
  const app = createApp({ build, isProduction: true, appUrl: "http://localhost:3000", trustProxy, log: () => {} });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function wrongSignIn(url: string, forwardedFor?: string) {
  const response = await fetch(`${url}/logga-in`, {
    method: "POST",
    body: new URLSearchParams({ email: "ingen@kommun.example", password: "fel-losenord-1", redirectTo: "" }),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url, ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}) },
    redirect: "manual",
  });
  expect(response.status).toBe(400);
}

async function addressesCounted(): Promise<string[]> {
  const rows = await testDb().selectFrom("login_attempt").select("key").where("key", "like", "signin:ip:%").execute();
  return rows.map((row) => row.key.slice("signin:ip:".length));
}

describe("TRUST_PROXY at start-up", () => {
  it("refuses TRUST_PROXY=true: the server exits non-zero, says why, and never listens", async () => {
    const child = spawn(process.execPath, ["server/index.js"], {
      env: { ...process.env, NODE_ENV: "production", TRUST_PROXY: "true", PORT: "0", BUILD_DIR: path.join(os.tmpdir(), "no-build-here") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.once("close", resolve));

    expect(code).toBe(1);
    const lines = stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]!) as { level: string; message: string };
    expect(line.level).toBe("error");
    expect(line.message).toContain("TRUST_PROXY=true vägras: vilken klient som helst kan skriva X-Forwarded-For");
    expect(line.message).toContain("till exempel TRUST_PROXY=1");
    expect(stdout).not.toContain("lyssnar");
  });
});

describe("the address the throttles count", () => {
  it("with TRUST_PROXY=1 is the right-most X-Forwarded-For entry, the one our proxy wrote, whatever the client wrote before it", async () => {
    const url = await serve("1");
    await wrongSignIn(url, "198.51.100.7, 203.0.113.9");
    await wrongSignIn(url, "192.0.2.66, 203.0.113.9");
    await wrongSignIn(url, "203.0.113.9");
    expect(await addressesCounted()).toEqual(["203.0.113.9", "203.0.113.9", "203.0.113.9"]);
  });

  it("without TRUST_PROXY is the connection's own, and X-Forwarded-For is ignored", async () => {
    const url = await serve(undefined);
    await wrongSignIn(url, "198.51.100.7");
    expect(await addressesCounted()).toEqual(["127.0.0.1"]);
  });
});
