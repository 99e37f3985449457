// SPDX-License-Identifier: EUPL-1.2
// Security as a browser meets it: the real Express app (server/app.js) with every route of
// app/routes, over HTTP. Cross-site posts, the session cookie and its lifetime, the Content
// Security Policy and the other security headers, and HTML typed into names and commentary.
// docs/decisions/012-security-tests.md says what each test proves.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getContent } from "~/content/content.server";
import { newId } from "~db/ids.server";
import { setCookieOf, sessionCookieOf, startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, TEST_PASSWORD, testDb } from "../helpers/db";
import { createMatrixFixtures, matrixContentDir, ROUTE_ACCESS, routeFiles, routeUrl, type RouteModule } from "../helpers/route-access";

let server: TestServer;

beforeAll(async () => {
  process.env.CONTENT_DIR = matrixContentDir();
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

function send(pathname: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string>; cookie?: string } = {}) {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.Cookie = init.cookie;
  if (init.form) headers["Content-Type"] = "application/x-www-form-urlencoded";
  return fetch(`${server.url}${pathname}`, {
    method: init.method ?? (init.form ? "POST" : "GET"),
    body: init.form ? new URLSearchParams(init.form) : undefined,
    headers,
    redirect: "manual",
  });
}

/** A post as the app's own page sends it. */
function postSameOrigin(pathname: string, form: Record<string, string>, cookie?: string, headers: Record<string, string> = {}) {
  return send(pathname, { form, cookie, headers: { Origin: server.url, ...headers } });
}

async function signIn(email: string, password = TEST_PASSWORD, cookie?: string) {
  const response = await postSameOrigin("/logga-in", { email, password, redirectTo: "" }, cookie);
  expect(response.status).toBe(302);
  const session = sessionCookieOf(response);
  expect(session).toBeDefined();
  return { response, cookie: session! };
}

/** What /konto answers a cookie: the person's page, or the way to sign in. */
async function whoIs(cookie: string): Promise<{ status: number; location: string | null; html: string }> {
  const response = await send("/konto", { cookie });
  return { status: response.status, location: response.headers.get("Location"), html: await response.text() };
}

async function coach(name = "Cora Coach") {
  const municipality = await createMunicipality(testDb(), `kommun-${newId().slice(0, 6)}`, "Kommun A");
  return { municipality, user: await createUser(testDb(), { role: "coach", municipalityId: municipality.id, name }) };
}

describe("cross-site requests", () => {
  it("refuses a sign-in posted from another origin with 403, before the app sees it", async () => {
    const { user } = await coach();
    const response = await send("/logga-in", {
      form: { email: user.email, password: TEST_PASSWORD },
      headers: { Origin: "https://angripare.example" },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toBe("Förfrågan kom från en annan webbplats och har stoppats.");
    expect(setCookieOf(response)).toBeUndefined();
    // Nothing reached the app: no session was made and no sign-in was logged.
    expect(await testDb().selectFrom("session").selectAll().execute()).toEqual([]);
    expect(await testDb().selectFrom("audit_event").selectAll().execute()).toEqual([]);
  });

  it("refuses a post without Origin that the browser marks cross-site, and one with neither header", async () => {
    const { user } = await coach();
    const form = { email: user.email, password: TEST_PASSWORD };
    expect((await send("/logga-in", { form, headers: { "Sec-Fetch-Site": "cross-site" } })).status).toBe(403);
    expect((await send("/logga-in", { form, headers: { "Sec-Fetch-Site": "same-site" } })).status).toBe(403);
    expect((await send("/logga-in", { form })).status).toBe(403);
  });

  it("refuses look-alike origins: another port, another host, a null or malformed origin", async () => {
    const { user } = await coach();
    const form = { email: user.email, password: TEST_PASSWORD };
    const port = Number(new URL(server.url).port);
    for (const origin of [`http://127.0.0.1:${port + 1}`, `http://127.0.0.1.angripare.example:${port}`, "null", "inte en adress"]) {
      const response = await send("/logga-in", { form, headers: { Origin: origin } });
      expect(response.status, origin).toBe(403);
    }
  });

  it("refuses a state-changing request by every method but GET, HEAD and OPTIONS", async () => {
    const { user } = await coach();
    const { cookie } = await signIn(user.email);
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const response = await send("/logga-ut", { method, cookie, headers: { Origin: "https://angripare.example" } });
      expect(response.status, method).toBe(403);
    }
    expect((await whoIs(cookie)).status).toBe(200);
  });

  it("lets the same origin through, by Origin or by Sec-Fetch-Site", async () => {
    const { user } = await coach();
    await signIn(user.email);
    const bySecFetch = await send("/logga-in", { form: { email: user.email, password: TEST_PASSWORD }, headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(bySecFetch.status).toBe(302);
    expect(sessionCookieOf(bySecFetch)).toBeDefined();
  });

  it("stops a foreign post to every route that has an action, signed in or not", async () => {
    const fixtures = await createMatrixFixtures();
    const refused: string[] = [];
    for (const file of routeFiles()) {
      const module = (await import(path.resolve("app/routes", file))) as RouteModule;
      const entry = ROUTE_ACCESS[file];
      if (typeof module.action !== "function" || !entry) continue;
      const params = entry.params ? await entry.params({ fixtures, caller: "admin" }) : {};
      const url = routeUrl(file, params);
      const response = await send(url, { form: { intent: "x" }, cookie: fixtures.cookies.admin, headers: { Origin: "https://angripare.example" } });
      // The one exception by design: a SAML IdP posts its answer from its own site (server/app.js).
      if (file === "logga-in_.saml.svar.tsx") continue;
      if (response.status !== 403) refused.push(`${file}: ${response.status}`);
    }
    expect(refused).toEqual([]);
  });

  it("lets a foreign post reach only the SAML assertion consumer service, which without a signed answer to its own request changes nothing", async () => {
    const before = await testDb().selectFrom("session").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const response = await send("/logga-in/saml/svar", { form: { SAMLResponse: "x", RelayState: "y" }, headers: { Origin: "https://angripare.example" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("Inloggningen gick inte att slutföra");
    const after = await testDb().selectFrom("session").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toEqual(before.n);
  });
});

describe("the session cookie", () => {
  it("is HttpOnly, SameSite=Lax, for the whole site, and lasts as long as the session at most", async () => {
    const { user } = await coach();
    const { response } = await signIn(user.email);
    const attributes = setCookieOf(response)!.split(";").map((a) => a.trim());
    expect(attributes).toEqual(expect.arrayContaining(["HttpOnly", "SameSite=Lax", "Path=/", `Max-Age=${90 * 24 * 3600}`]));
    expect(attributes.some((a) => /^Domain=/i.test(a))).toBe(false);
  });

  it("is Secure, and HSTS is sent, in production behind https", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("APP_URL", "https://coachportalen.example");
    vi.resetModules();
    const https = await startTestServer({ isProduction: true, appUrl: "https://coachportalen.example" });
    try {
      const { user } = await coach();
      const response = await fetch(`${https.url}/logga-in`, {
        method: "POST",
        body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: https.url },
        redirect: "manual",
      });
      expect(response.status).toBe(302);
      expect(setCookieOf(response)!.split(";").map((a) => a.trim())).toEqual(expect.arrayContaining(["Secure", "HttpOnly", "SameSite=Lax", "Path=/"]));
      expect(response.headers.get("Strict-Transport-Security")).toBe("max-age=63072000; includeSubDomains");
      expect(response.headers.get("Content-Security-Policy")).toContain("upgrade-insecure-requests");
    } finally {
      await https.close();
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });

  it("is not Secure over plain http in development, where browsers would drop it", async () => {
    const { user } = await coach();
    const { response } = await signIn(user.email);
    expect(setCookieOf(response)!.split(";").map((a) => a.trim())).not.toContain("Secure");
  });
});

describe("the session token's lifetime", () => {
  it("is new at every sign-in: a cookie planted before is never taken over (session fixation)", async () => {
    const { user: victim } = await coach("Vera Victim");
    const attacker = await createUser(testDb(), { role: "coach", name: "Atle Angripare" });
    // The attacker's own valid session, planted in the victim's browser.
    const planted = (await signIn(attacker.email)).cookie;
    const { cookie: issued } = await signIn(victim.email, TEST_PASSWORD, planted);
    expect(issued).not.toBe(planted);
    // The planted token still belongs to the attacker, never to the victim.
    expect((await whoIs(planted)).html).toContain("Atle Angripare");
    expect((await whoIs(planted)).html).not.toContain("Vera Victim");
    expect((await whoIs(issued)).html).toContain("Vera Victim");

    // A made-up token is not adopted either.
    const { cookie: again } = await signIn(victim.email, TEST_PASSWORD, "__session=vald.avangriparen");
    expect(again).not.toBe("__session=vald.avangriparen");
    expect(await whoIs("__session=vald.avangriparen")).toMatchObject({ status: 302, location: "/logga-in?redirectTo=%2Fkonto" });
  });

  it("gives two sign-ins of the same person two different tokens", async () => {
    const { user } = await coach();
    const first = await signIn(user.email);
    const second = await signIn(user.email, TEST_PASSWORD, first.cookie);
    expect(second.cookie).not.toBe(first.cookie);
  });

  it("is dead after signing out: the old cookie sends the person to sign in", async () => {
    const { user } = await coach();
    const { cookie } = await signIn(user.email);
    expect((await whoIs(cookie)).status).toBe(200);
    const out = await postSameOrigin("/logga-ut", {}, cookie);
    expect(out.status).toBe(302);
    expect(out.headers.get("Location")).toBe("/logga-in?utloggad=1");
    expect(setCookieOf(out)).toMatch(/^__session=; .*Max-Age=0/);
    expect(await whoIs(cookie)).toMatchObject({ status: 302, location: "/logga-in?redirectTo=%2Fkonto" });
    // Posting with it is refused as well.
    const stale = await postSameOrigin("/konto", { intent: "updateName", name: "Ny Person" }, cookie);
    expect(stale.status).toBe(302);
    expect(stale.headers.get("Location")).toMatch(/^\/logga-in/);
  });

  it("is dead after a password change, on this device and every other; only the new token works", async () => {
    const { user } = await coach();
    const here = (await signIn(user.email)).cookie;
    const elsewhere = (await signIn(user.email)).cookie;
    // As a browser without JavaScript sends it: the answer is a redirect that carries the new cookie.
    const changed = await postSameOrigin(
      "/konto",
      { intent: "changePassword", currentPassword: TEST_PASSWORD, newPassword: "blå-kanot-över-sjön-9", newPasswordRepeat: "blå-kanot-över-sjön-9" },
      here,
    );
    expect(changed.status).toBe(302);
    expect(changed.headers.get("Location")).toBe("/konto?notis=losenord-bytt");
    const fresh = sessionCookieOf(changed)!;
    expect(fresh).toBeDefined();
    expect(fresh).not.toBe(here);
    for (const old of [here, elsewhere]) expect(await whoIs(old)).toMatchObject({ status: 302, location: "/logga-in?redirectTo=%2Fkonto" });
    expect((await whoIs(fresh)).status).toBe(200);
    // The old password no longer signs in; the new one does.
    expect((await postSameOrigin("/logga-in", { email: user.email, password: TEST_PASSWORD })).status).toBe(400);
    await signIn(user.email, "blå-kanot-över-sjön-9");
  });
});

/** The nonce of the response's CSP, after checking script-src allows nothing inline without it. */
function scriptNonce(response: Response): string {
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values] as const),
  );
  const scriptSrc = directives.get("script-src") ?? directives.get("default-src");
  expect(scriptSrc, csp).toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(scriptSrc).not.toContain("*");
  expect(directives.get("object-src")).toEqual(["'none'"]);
  expect(directives.get("base-uri")).toEqual(["'self'"]);
  expect(directives.get("frame-ancestors")).toEqual(["'none'"]);
  const nonce = scriptSrc!.map((v) => /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(v)?.[1]).find(Boolean);
  expect(nonce, `script-src without a nonce: ${csp}`).toBeDefined();
  return nonce!;
}

function expectSecurityHeaders(response: Response) {
  expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("X-Powered-By")).toBeNull();
}

/** Attribute names of every tag in the page; React escapes `>` and `"` inside attribute values. */
function attributeNames(html: string): string[] {
  return [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap((tag) =>
    [...tag[0].replace(/"[^"]*"/g, '""').matchAll(/\s([^\s=/>]+)(?==)/g)].map((m) => m[1]!.toLowerCase()),
  );
}

function expectNoInlineHandlers(html: string) {
  expect(attributeNames(html).filter((name) => name.startsWith("on"))).toEqual([]);
  expect(html).not.toMatch(/<[a-zA-Z][^>]*\s(href|src|action|formaction)="\s*javascript:/i);
}

/** Every <script> in the page carries the response's nonce, and no element has an inline event handler. */
function expectScriptsCarryNonce(html: string, nonce: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>/gi)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const attributes of scripts) expect(attributes).toContain(`nonce="${nonce}"`);
  expectNoInlineHandlers(html);
}

describe("one request, one session", () => {
  // The header's "name, role" as React writes it, with its text separators.
  const header = (name: string) => `${name}<!-- -->, <!-- -->ANDTS-coach`;

  it("shows a new name in the header of the very page that answers the form, without JavaScript", async () => {
    const { user } = await coach("Cora Coach");
    const { cookie } = await signIn(user.email);
    // A document post: Remix runs the action, then the page's loaders in the same request.
    const response = await postSameOrigin("/konto", { intent: "updateName", name: "Cora Nyberg" }, cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(header("Cora Nyberg"));
    expect(html).not.toContain(header("Cora Coach"));
  });

  it("keeps each request's person to itself when many requests arrive at once", async () => {
    const people = await Promise.all(["Alva", "Bror", "Cilla", "Dag"].map((name) => coach(name)));
    const cookies = await Promise.all(people.map(async ({ user }) => (await signIn(user.email)).cookie));
    const pages = await Promise.all([...cookies, ...cookies, ...cookies].map((cookie) => whoIs(cookie)));
    pages.forEach((page, i) => {
      expect(page.status).toBe(200);
      expect(page.html).toContain(header(people[i % people.length]!.user.name));
    });
  });
});

describe("the Content Security Policy and the other security headers", () => {
  it("allows scripts only by a fresh nonce, which every inline script of a page carries", async () => {
    const first = await send("/logga-in");
    const second = await send("/logga-in");
    const nonce = scriptNonce(first);
    expect(scriptNonce(second)).not.toBe(nonce);
    expectSecurityHeaders(first);
    expectScriptsCarryNonce(await first.text(), nonce);
  });

  it("holds for a signed-in person's page, an error page and a file download as well", async () => {
    const { user } = await coach();
    const { cookie } = await signIn(user.email);
    for (const [pathname, status] of [
      ["/konto", 200],
      ["/utbildning", 200],
      ["/finns-inte", 404],
      ["/samordnare", 403],
    ] as const) {
      const response = await send(pathname, { cookie });
      expect(response.status, pathname).toBe(status);
      expectSecurityHeaders(response);
      expectScriptsCarryNonce(await response.text(), scriptNonce(response));
    }
    const json = await send("/konto/mina-uppgifter.json", { cookie });
    expect(json.status).toBe(200);
    expectSecurityHeaders(json);
    scriptNonce(json);
    const refused = await send("/logga-in", { form: { email: user.email, password: "x" }, headers: { Origin: "https://angripare.example" } });
    expectSecurityHeaders(refused);
  });
});

describe("HTML typed into names and commentary is shown as text", () => {
  const PAYLOAD = `<img src=x onerror=alert(1)>"'><script>alert(2)</script>`;
  const ESCAPED = "&lt;img src=x onerror=alert(1)&gt;&quot;&#x27;&gt;&lt;script&gt;alert(2)&lt;/script&gt;";

  function expectInert(html: string) {
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<script>alert");
    expectNoInlineHandlers(html);
  }

  it("a name set on the account page is escaped on the account page, the header, the coordinator's pages and the public certificate check", async () => {
    const fixtures = await createMatrixFixtures();
    const coachCookie = fixtures.cookies.coach!;
    const saved = await postSameOrigin("/konto", { intent: "updateName", name: PAYLOAD }, coachCookie);
    expect(saved.status).toBe(200);
    const stored = await testDb().selectFrom("user").select("name").where("id", "=", fixtures.users.coach.id).executeTakeFirstOrThrow();
    expect(stored.name).toBe(PAYLOAD);

    const pages: Array<[string, string | undefined]> = [
      ["/konto", coachCookie],
      [`/samordnare/coacher/${fixtures.users.coach.id}`, fixtures.cookies.coordinator],
      ["/samordnare/coacher", fixtures.cookies.coordinator],
      [`/verifiera/${fixtures.certificateA.code}`, undefined],
    ];
    for (const [pathname, cookie] of pages) {
      const response = await send(pathname, { cookie });
      expect(response.status, pathname).toBe(200);
      const html = await response.text();
      expect(html, pathname).toContain(ESCAPED);
      expectInert(html);
    }
  });

  it("a follow-up report's commentary keeps its Markdown but none of its HTML", async () => {
    const { publishReport } = await import("~/modules/followup/reports.server");
    const municipality = await createMunicipality(testDb(), "oppen-kommun", "Öppna kommunen");
    const coordinator = await createUser(testDb(), { role: "coordinator", municipalityId: municipality.id });
    const id = newId();
    const commentary = [
      "**Bra år.** Se [rapporten](javascript:alert(3)) och [kommunen](https://kommun.example).",
      "",
      PAYLOAD,
      "",
      '<a href="javascript:alert(4)" onclick="alert(5)">klick</a> <iframe src="https://angripare.example"></iframe>',
      "",
      "![bild](x onerror=alert(6))",
    ].join("\n");
    const outcome = await publishReport(testDb(), {
      id,
      municipality: { id: municipality.id },
      actorId: coordinator.id,
      title: `Rapport ${PAYLOAD}`,
      period: { from: "2025-01-01", to: "2025-06-30" },
      commentary,
      replacesId: null,
      content: getContent(),
    });
    expect(outcome).toEqual({ status: "published", id });
    const response = await send(`/uppfoljning/${municipality.slug}/rapporter/${id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("<strong>Bra år.</strong>");
    expect(html).toContain('<a href="https://kommun.example">kommunen</a>');
    // The title is text to React; the commentary is HTML from the sanitizer, which escapes `<` its own way.
    expect(html).toContain(`Rapport ${ESCAPED}`);
    expect(html).toContain("&#x3C;img src=x onerror=alert(1)>");
    expectInert(html);
    expect(html).not.toMatch(/<iframe/i);
    expectScriptsCarryNonce(html, scriptNonce(response));
  });
});

