// SPDX-License-Identifier: EUPL-1.2
// Error pages as a browser meets them (the real Express app around every route): a 404 inside
// /samordnare, /admin or /utbildning keeps the site's header and that area's navigation, and a
// 500 shows an id that the error's log line and the request's log line carry too.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newId } from "~db/ids.server";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { cookieFor } from "../helpers/requests";

let server: TestServer;
const requestLog: string[] = [];

beforeAll(async () => {
  process.env.CONTENT_DIR = path.resolve("tests/fixtures/content/valid");
  server = await startTestServer({
    log: (line) => requestLog.push(line),
    // A page inside the coordinator's area that fails as a bug would.
    extraRoutes: [
      {
        id: "routes/samordnare.trasig",
        parentId: "routes/samordnare",
        path: "trasig",
        module: {
          loader: () => {
            throw new Error("Trasig sida: hemlig detalj");
          },
          default: () => null,
        },
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await server?.close();
});

async function person(role: "coach" | "coordinator" | "admin" | "polis") {
  const municipality = role === "admin" || role === "polis" ? null : await createMunicipality(testDb(), `kommun-${newId().slice(0, 6)}`, "Kommun A");
  const user = await createUser(testDb(), { role, municipalityId: municipality?.id ?? null });
  return { user, cookie: await cookieFor(user.id) };
}

const shownId = (html: string) => html.match(/<code data-error-id="true">([0-9a-f-]{36})<\/code>/)?.[1];

async function page(pathname: string, cookie?: string) {
  const response = await fetch(`${server.url}${pathname}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: "manual" });
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}

describe("a page that does not exist inside an area", () => {
  it("keeps the coordinator's navigation and leads back to the overview", async () => {
    const { cookie } = await person("coordinator");
    for (const pathname of ["/samordnare/finns-inte", "/samordnare/coacher/finns-inte", "/samordnare/traffar/finns-inte/ny"]) {
      const { status, html } = await page(pathname, cookie);
      expect(status, pathname).toBe(404);
      expect(html, pathname).toContain("Sidan finns inte");
      expect(html, pathname).toContain('href="/samordnare/inbjudningar"');
      expect(html, pathname).toContain("Till översikten");
    }
  });

  it("keeps the admin navigation", async () => {
    const { cookie } = await person("admin");
    const { status, html } = await page("/admin/finns-inte", cookie);
    expect(status).toBe(404);
    expect(html).toContain('href="/admin/kommuner"');
    expect(html).toContain("Till administrationens översikt");
  });

  it("keeps the police partner's navigation, for an unknown address and a promise they are not attached to", async () => {
    const { cookie } = await person("polis");
    for (const pathname of ["/polis/finns-inte", "/polis/loften/aaaaaaaaaaaaaaaaaaaaaaaa"]) {
      const { status, html } = await page(pathname, cookie);
      expect(status, pathname).toBe(404);
      expect(html, pathname).toContain('href="/polis"');
      expect(html, pathname).toContain("Till medborgarlöftena");
    }
  });

  it("keeps the coach's navigation, for an unknown address and for a track that does not exist", async () => {
    const { cookie } = await person("coach");
    for (const pathname of ["/utbildning/finns-inte/alls/nagonstans/mer", "/utbildning/finns-inte/modul"]) {
      const { status, html } = await page(pathname, cookie);
      expect(status, pathname).toBe(404);
      expect(html, pathname).toContain('href="/intyg"');
      expect(html, pathname).toContain("Till Min utbildning");
    }
  });

  it("asks a visitor to sign in, and tells another role no, as every page of the area does", async () => {
    const anonymous = await page("/samordnare/finns-inte");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe("/logga-in?redirectTo=%2Fsamordnare%2Ffinns-inte");
    const { cookie } = await person("coach");
    expect((await page("/admin/finns-inte", cookie)).status).toBe(403);
    expect((await page("/samordnare/finns-inte", cookie)).status).toBe(403);
  });
});

describe("an unexpected error", () => {
  it("shows an id that the error's log line and the request's log line carry, inside the area, without the error's details", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: unknown) => {
      logged.push(String(line));
    });
    const { cookie } = await person("coordinator");
    requestLog.length = 0;
    const { status, html } = await page("/samordnare/trasig", cookie);
    expect(status).toBe(500);
    expect(html).toContain("Något gick fel");
    expect(html).toContain('href="/samordnare/inbjudningar"');
    expect(html).not.toContain("hemlig detalj");

    const shown = shownId(html);
    expect(shown).toBeDefined();
    const errorLines = logged.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(errorLines).toEqual([
      expect.objectContaining({ level: "error", requestId: shown, path: "/samordnare/trasig", message: "Trasig sida: hemlig detalj" }),
    ]);
    const requestLines = requestLog.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(requestLines).toEqual([expect.objectContaining({ level: "info", requestId: shown, path: "/samordnare/trasig", status: 500 })]);
  });

  it("gives every request its own id", async () => {
    const { cookie } = await person("coordinator");
    vi.spyOn(console, "error").mockImplementation(() => {});
    const ids = new Set<string | undefined>();
    for (let i = 0; i < 3; i++) ids.add(shownId((await page("/samordnare/trasig", cookie)).html));
    expect(ids.size).toBe(3);
    expect(ids.has(undefined)).toBe(false);
  });
});
