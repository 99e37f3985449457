// SPDX-License-Identifier: EUPL-1.2
// The faults an outside security test found, tried again over HTTP against the real Express app
// (server/app.js) around every route: a request with 60,000 fields, a body larger than any form,
// an open redirect after signing in, CR/LF in the redirect target, bodies that are not forms,
// and a forwarded host unlike the Origin (docs/decisions/018-request-hardening.md).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_IMPORT_BYTES } from "~/modules/certification/credits.server";
import { newId } from "~db/ids.server";
import { MAX_LOGO_BYTES } from "~/modules/municipalities/logo.server";
import { bodyLimitFor, DEFAULT_BODY_LIMIT } from "../../server/body-limits.js";
import { sessionCookieOf, startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { createMatrixFixtures, matrixContentDir } from "../helpers/route-access";

let server: TestServer;

beforeAll(async () => {
  process.env.CONTENT_DIR = matrixContentDir();
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

function postBody(pathname: string, body: BodyInit, headers: Record<string, string> = {}, target = server) {
  return fetch(`${target.url}${pathname}`, { method: "POST", body, headers: { Origin: target.url, ...headers }, redirect: "manual" });
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

async function coachAccount() {
  const municipality = await createMunicipality(testDb(), `kommun-${newId().slice(0, 6)}`, "Kommun A");
  return createUser(testDb(), { role: "coach", municipalityId: municipality.id, name: "Cora Coach" });
}

describe("a request built to stall a worker", () => {
  it("with 60,000 fields is refused in under 200 ms, and /healthz is not held up behind it", async () => {
    const body = Array.from({ length: 60_000 }, (_, i) => `f${i}=1`).join("&");
    expect(body.length).toBeGreaterThan(500_000);
    const attempt = async () => {
      const started = performance.now();
      const big = postBody("/logga-in", body, FORM).then(async (response) => ({ response, html: await response.text(), ms: performance.now() - started }));
      const health = fetch(`${server.url}/healthz`).then((response) => ({ response, ms: performance.now() - started }));
      const [refused, healthz] = await Promise.all([big, health]);
      expect(refused.response.status).toBe(413);
      expect(refused.html).toContain("för många fält");
      expect(healthz.response.status).toBe(200);
      return { refused: refused.ms, healthz: healthz.ms };
    };
    // Three tries: on a machine shared with other test processes one can lose the CPU for a few
    // tens of milliseconds. The fault this guards against stalled for 13–14 s, every time, so
    // every try must stay far from that, and the best one within the target.
    const tries = [await attempt(), await attempt(), await attempt()];
    expect(Math.min(...tries.map((t) => t.refused))).toBeLessThan(200);
    expect(Math.min(...tries.map((t) => t.healthz))).toBeLessThan(200);
    for (const t of tries) expect(Math.max(t.refused, t.healthz)).toBeLessThan(1_000);
  });

  it("with a body over the limit is answered 413 from its Content-Length, before the app reads it", async () => {
    const response = await postBody("/logga-in", "x=" + "a".repeat(DEFAULT_BODY_LIMIT), FORM);
    expect(response.status).toBe(413);
    expect(await response.text()).toBe("Det som skickades är för stort (högst 1 MB). Dela upp det och försök igen.");
    // A data request of the same page (Remix's client navigation) has the same limit.
    expect((await postBody("/logga-in.data", "x=" + "a".repeat(DEFAULT_BODY_LIMIT), FORM)).status).toBe(413);
  });

  it("without a length (chunked) is refused with 411", async () => {
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("email=a%40b.se&password=x"));
        controller.close();
      },
    });
    const response = await fetch(`${server.url}/logga-in`, { method: "POST", body: stream, duplex: "half", headers: { Origin: server.url, ...FORM } } as RequestInit);
    expect(response.status).toBe(411);
  });

  it("leaves room for the earlier-training import, which takes a 2 MB file and sends its rows back", async () => {
    expect(bodyLimitFor("/samordnare/tidigare-utbildning")).toBeGreaterThanOrEqual(MAX_IMPORT_BYTES * 2 + 100_000);
    expect(bodyLimitFor("/samordnare/tidigare-utbildning.data")).toBe(bodyLimitFor("/samordnare/tidigare-utbildning"));
    expect(bodyLimitFor("/logga-in")).toBe(DEFAULT_BODY_LIMIT);
    // A logo of 1 MB with its multipart framing fits, on the coordinator's and the admin's page alike.
    for (const page of ["/samordnare/profil", "/admin/kommuner/abcdefghijklmnopqrstuvwx"]) {
      expect(bodyLimitFor(page)).toBeGreaterThanOrEqual(MAX_LOGO_BYTES + 100_000);
      expect(bodyLimitFor(page)).toBeLessThan(2 * MAX_LOGO_BYTES);
    }
    const fixtures = await createMatrixFixtures();
    // Over the general limit, under the page's: the page itself answers about the file.
    const upload = new FormData();
    upload.append("intent", "preview");
    upload.append("track", "x");
    upload.append("file", new Blob(["a".repeat(DEFAULT_BODY_LIMIT + 10)], { type: "text/csv" }), "lista.csv");
    const response = await postBody("/samordnare/tidigare-utbildning", upload, { Cookie: fixtures.cookies.coordinator! });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Välj en utbildning.");
  });
});

describe("where signing in leads", () => {
  const hostile = ["%2F%09%2Fevil.example%2F", "%2F%09%5Cevil.example", "%2F%0D%2Fevil.example", "%2F%0A%2Fevil.example", "%2F%2Fevil.example", "%2F%5Cevil.example", "%2F..%2F%2Fevil.example", "https%3A%2F%2Fevil.example"];

  it("never leaves the site, whatever redirectTo says", async () => {
    const user = await coachAccount();
    for (const target of hostile) {
      const response = await postBody("/logga-in", `email=${encodeURIComponent(user.email)}&password=${TEST_PASSWORD}&redirectTo=${target}`, FORM);
      expect(response.status, target).toBe(302);
      expect(response.headers.get("Location"), target).toBe("/utbildning");
    }
  });

  it("with CR and LF in redirectTo still signs the person in, to their home page, with one cookie", async () => {
    const user = await coachAccount();
    const response = await postBody("/logga-in", `email=${encodeURIComponent(user.email)}&password=${TEST_PASSWORD}&redirectTo=%2Fkonto%0D%0ASet-Cookie%3A+x%3D1`, FORM);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/utbildning");
    expect(response.headers.getSetCookie().map((c) => c.split("=")[0])).toEqual(["__session"]);
    // The session it made is the one the person got: no orphan left behind by a failed answer.
    const sessions = await testDb().selectFrom("session").select("id").where("user_id", "=", user.id).execute();
    expect(sessions).toHaveLength(1);
    expect(sessionCookieOf(response)).toContain(sessions[0]!.id);
  });

  it("keeps a path on the site", async () => {
    const user = await coachAccount();
    const response = await postBody("/logga-in", `email=${encodeURIComponent(user.email)}&password=${TEST_PASSWORD}&redirectTo=%2Fkonto%3Fflik%3D1`, FORM);
    expect(response.headers.get("Location")).toBe("/konto?flik=1");
  });
});

describe("a body that is not a form", () => {
  const cases: Array<[string, BodyInit, Record<string, string>, number]> = [
    ["JSON", '{"email":"a@b.se","password":"x"}', { "Content-Type": "application/json" }, 415],
    ["text/plain", "email=a@b.se", { "Content-Type": "text/plain" }, 415],
    ["no Content-Type", new Uint8Array([101, 61, 49]), {}, 415],
    ["multipart without a boundary", "--x\r\n", { "Content-Type": "multipart/form-data" }, 415],
    ["broken multipart", "--x\r\nnonsense", { "Content-Type": "multipart/form-data; boundary=x" }, 415],
  ];

  it("gets a Swedish answer and a 4xx from the sign-in page, never a 500", async () => {
    for (const [what, body, headers, status] of cases) {
      const response = await postBody("/logga-in", body, headers);
      expect(response.status, what).toBe(status);
      expect(await response.text(), what).toContain("Förfrågan var inte ett formulär.");
    }
  });

  it("broken multipart on the page that takes files gets a 400", async () => {
    const fixtures = await createMatrixFixtures();
    for (const [what, body, headers] of cases.slice(3)) {
      const response = await postBody("/samordnare/tidigare-utbildning", body, { ...headers, Cookie: fixtures.cookies.coordinator! });
      expect(response.status, what).toBe(400);
      expect(await response.text(), what).toContain("Formuläret gick inte att läsa.");
    }
  });
});

describe("forwarded headers", () => {
  it("are ignored when no proxy is trusted, so a forwarded host unlike Origin is no 500", async () => {
    const direct = await startTestServer({ trustProxy: "" });
    try {
      const user = await coachAccount();
      const response = await postBody("/logga-in", `email=${encodeURIComponent(user.email)}&password=${TEST_PASSWORD}`, { ...FORM, "X-Forwarded-Host": "evil.example" }, direct);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/utbildning");
      const wrong = await postBody("/logga-in", "email=ingen%40example.se&password=x", { ...FORM, "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" }, direct);
      expect(wrong.status).toBe(400);
    } finally {
      await direct.close();
    }
  });

  it("from a trusted proxy are compared with Origin, and a mismatch is refused as cross-site (403), not a 500", async () => {
    const response = await postBody("/logga-in", "email=ingen%40example.se&password=x", { ...FORM, "X-Forwarded-Host": "evil.example" });
    expect(response.status).toBe(403);
    const forwarded = await postBody("/logga-in", "email=ingen%40example.se&password=x", { ...FORM, "X-Forwarded-Host": server.host });
    expect(forwarded.status).toBe(400);
  });
});
