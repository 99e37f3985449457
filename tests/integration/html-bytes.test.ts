// SPDX-License-Identifier: EUPL-1.2
// Every page is served as valid UTF-8 without a NUL byte. An outside test found a NUL in about
// ten pages per run: React 18.3's stream writer sent its whole 2,048-byte buffer when a
// multi-byte character (å, ä, ö) did not fit in the last bytes, unfilled bytes included
// (docs/decisions/018-request-hardening.md). Pages are fetched over HTTP from the real Express
// app, as every caller the authorization matrix allows on them. Which pages put a multi-byte
// character on a boundary depends on their text; tests/unit/render-document.test.ts moves one
// across every byte.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { CALLERS, createMatrixFixtures, matrixContentDir, expectedOutcome, ROUTE_ACCESS, routeFiles, routeUrl, type MatrixFixtures, type RouteModule } from "../helpers/route-access";

let server: TestServer;

beforeAll(async () => {
  process.env.CONTENT_DIR = matrixContentDir();
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** What is wrong with a served body: a NUL byte, or bytes that are not UTF-8. */
function byteProblems(bytes: Uint8Array): string[] {
  const problems: string[] = [];
  const nul = bytes.indexOf(0);
  if (nul !== -1) problems.push(`NUL vid byte ${nul}`);
  try {
    strictUtf8.decode(bytes);
  } catch {
    problems.push("ogiltig UTF-8");
  }
  return problems;
}

async function fetchPage(url: string, cookie: string | undefined): Promise<{ status: number; type: string; bytes: Uint8Array }> {
  const response = await fetch(`${server.url}${url}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  return { status: response.status, type: response.headers.get("content-type") ?? "", bytes: new Uint8Array(await response.arrayBuffer()) };
}

describe("served HTML", () => {
  it("is valid UTF-8 without NUL on every page, for every caller who may see it", async () => {
    const fixtures: MatrixFixtures = await createMatrixFixtures();
    const problems: string[] = [];
    let pages = 0;
    for (const file of routeFiles()) {
      const module = (await import(path.resolve("app/routes", file))) as RouteModule;
      const entry = ROUTE_ACCESS[file];
      // Resource routes (files, CSV, JSON) have no component; the matrix covers their access.
      if (typeof (module as { default?: unknown }).default !== "function" || !entry) continue;
      for (const caller of CALLERS.filter((c) => expectedOutcome(entry, c) === "allowed")) {
        const params = entry.params ? await entry.params({ fixtures, caller }) : {};
        const url = routeUrl(file, params);
        const page = await fetchPage(url, fixtures.cookies[caller]);
        if (!page.type.startsWith("text/html")) continue;
        pages++;
        for (const problem of byteProblems(page.bytes)) problems.push(`${url} som ${caller}: ${problem}`);
      }
    }
    expect(pages).toBeGreaterThan(40);
    expect(problems).toEqual([]);
  }, 120_000);
});
