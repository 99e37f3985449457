// SPDX-License-Identifier: EUPL-1.2
// Caching headers on public answers (app/modules/caching/http-cache.server.ts): public with an ETag for
// visitors without a session, 304 for a current copy, private for anyone signed in, never
// public with a cookie. First the loaders as Remix calls them, then over HTTP through the real
// Express app, where a 304 must come without a body and without a new CSP nonce.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CACHE_CONTROL, isNotModified, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { loader as downloadLoader } from "~/routes/material.$slug.bilagor.$file";
import { loader as materialLoader } from "~/routes/material.$slug";
import { loader as libraryLoader } from "~/routes/material._index";
import { loader as followupCsvLoader } from "~/routes/uppfoljning.$kommun.siffror[.csv]";
import { loader as followupLoader } from "~/routes/uppfoljning.$kommun._index";
import { loader as verifyLoader } from "~/routes/verifiera.$kod";
import { newId } from "~db/ids.server";
import { startTestServer, type TestServer } from "../helpers/app-server";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

const PUBLIC_MATERIAL = "vitt-snus-ak-7-9";
const PUBLIC_ATTACHMENT = "arbetsblad.pdf";
const STAFF_MATERIAL = "oro-for-en-elev";
// Stored as shown on the certificate; typed in any case, with or without dashes.
const CODE = "K7QM-3XHD-P9TA";

function withHeaders(request: Request, headers: Record<string, string>): Request {
  const copy = new Headers(request.headers);
  for (const [name, value] of Object.entries(headers)) copy.set(name, value);
  return new Request(request.url, { headers: copy });
}

async function signedInCoach() {
  const municipality = await createMunicipality(testDb(), `kommun-${newId().slice(0, 6)}`);
  const user = await createUser(testDb(), { role: "coach", municipalityId: municipality.id, name: "Åsa Öberg" });
  return { municipality, user, cookie: await cookieFor(user.id) };
}

async function certificate(options: { revoked?: boolean } = {}) {
  const { municipality, user } = await signedInCoach();
  const now = Date.now();
  await testDb()
    .insertInto("certification")
    .values({
      id: newId(),
      user_id: user.id,
      track: "andts-coach-grund",
      municipality_id: municipality.id,
      issued_at: new Date(now - 86_400_000).toISOString(),
      expires_at: new Date(now + 300 * 86_400_000).toISOString(),
      code: CODE,
      renews_id: null,
      revoked_at: options.revoked ? new Date(now).toISOString() : null,
      revoked_by: null,
      revoked_reason: options.revoked ? "Utfärdat av misstag till fel person." : null,
    })
    .execute();
}

describe("public pages for visitors without an account", () => {
  it("the materials list is public with a weak ETag, and answers 304 to a current copy", async () => {
    const first = await call(libraryLoader, get("/material"));
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    expect(first.headers.get("Vary")).toBe("Cookie");
    const etag = first.headers.get("ETag");
    expect(etag).toMatch(/^W\/".+"$/);

    const again = await call(libraryLoader, withHeaders(get("/material"), { "If-None-Match": etag! }));
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);

    // Another filter is another answer.
    const filtered = await call(libraryLoader, withHeaders(get("/material?q=snus"), { "If-None-Match": etag! }));
    expect(filtered.status).toBe(200);
    expect(filtered.headers.get("ETag")).not.toBe(etag);
  });

  it("a public material is public, and its views are still counted on every request that arrives, 304s too", async () => {
    const first = await call(materialLoader, get(`/material/${PUBLIC_MATERIAL}`), { slug: PUBLIC_MATERIAL });
    expect(first.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    const etag = first.headers.get("ETag")!;
    const again = await call(materialLoader, withHeaders(get(`/material/${PUBLIC_MATERIAL}`), { "If-None-Match": `"other", ${etag}` }), { slug: PUBLIC_MATERIAL });
    expect(again.status).toBe(304);
    const counted = await testDb().selectFrom("material_use").select("views").where("material", "=", PUBLIC_MATERIAL).executeTakeFirst();
    expect(counted?.views).toBe(2);
  });

  it("a public material's attachment is public, and 304 comes without a body", async () => {
    const params = { slug: PUBLIC_MATERIAL, file: PUBLIC_ATTACHMENT };
    const first = (await downloadLoader({ request: get(`/material/${PUBLIC_MATERIAL}/bilagor/${PUBLIC_ATTACHMENT}`), params, context: {} } as never)) as Response;
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    expect(first.headers.get("Content-Disposition")).toContain("attachment");
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"/);
    const again = (await downloadLoader({ request: withHeaders(get(`/material/${PUBLIC_MATERIAL}/bilagor/${PUBLIC_ATTACHMENT}`), { "If-None-Match": etag }), params, context: {} } as never)) as Response;
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("Content-Length")).toBeNull();
  });

  it("a valid certificate's verification may be kept 30 seconds by a CDN, and a revocation changes its ETag", async () => {
    await certificate();
    const valid = await call(verifyLoader, get(`/verifiera/${CODE}`), { kod: CODE });
    expect(valid.status).toBe(200);
    expect(valid.headers.get("Cache-Control")).toBe(CACHE_CONTROL.verification);
    expect(valid.headers.get("X-Robots-Tag")).toBe("noindex");
    const etag = valid.headers.get("ETag")!;
    await testDb().updateTable("certification").set({ revoked_at: new Date().toISOString() }).where("code", "=", CODE).execute();
    const revoked = await call(verifyLoader, withHeaders(get(`/verifiera/${CODE}`), { "If-None-Match": etag }), { kod: CODE });
    expect(revoked.status).toBe(200);
    expect(revoked.data.certificate.status).toBe("revoked");
    expect(revoked.headers.get("ETag")).not.toBe(etag);
  });

  it("a municipality's follow-up page and its figures file are public, and a current copy gets 304", async () => {
    await createMunicipality(testDb(), "hogsby");
    const first = await call(followupLoader, get("/uppfoljning/hogsby"), { kommun: "hogsby" });
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    const again = await call(followupLoader, withHeaders(get("/uppfoljning/hogsby"), { "If-None-Match": first.headers.get("ETag")! }), { kommun: "hogsby" });
    expect(again.status).toBe(304);

    const csv = (await followupCsvLoader({ request: get("/uppfoljning/hogsby/siffror.csv"), params: { kommun: "hogsby" }, context: {} } as never)) as Response;
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    const { cookie } = await signedInCoach();
    const signedIn = await call(followupLoader, get("/uppfoljning/hogsby", cookie), { kommun: "hogsby" });
    expect(signedIn.headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
  });

  it("an unknown municipality's 404 is not stored", async () => {
    const missing = await call(followupLoader, get("/uppfoljning/finns-inte"), { kommun: "finns-inte" });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("ETag")).toBeNull();
  });

  it("an unknown code is never stored", async () => {
    const unknown = await call(verifyLoader, get("/verifiera/AAAABBBBCCCC"), { kod: "AAAABBBBCCCC" });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get("Cache-Control")).toBe("no-store");
    expect(unknown.headers.get("ETag")).toBeNull();
  });
});

describe("anyone with a session gets private answers", () => {
  it("the list, a public material, its attachment and a verification", async () => {
    await certificate();
    const { cookie } = await signedInCoach();
    const results = [
      await call(libraryLoader, get("/material", cookie)),
      await call(materialLoader, get(`/material/${PUBLIC_MATERIAL}`, cookie), { slug: PUBLIC_MATERIAL }),
      await call(verifyLoader, get(`/verifiera/${CODE}`, cookie), { kod: CODE }),
    ];
    const download = (await downloadLoader({ request: get(`/material/${PUBLIC_MATERIAL}/bilagor/${PUBLIC_ATTACHMENT}`, cookie), params: { slug: PUBLIC_MATERIAL, file: PUBLIC_ATTACHMENT }, context: {} } as never)) as Response;
    for (const headers of [...results.map((r) => r.headers), download.headers]) {
      expect(headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
      expect(headers.get("ETag")).toBeNull();
      expect(headers.get("Vary")).toBe("Cookie");
    }
  });

  it("even an expired or forged session cookie, whose page looks anonymous", async () => {
    const result = await call(libraryLoader, get("/material", "__session=forged.token"));
    expect(result.data.signedIn).toBe(false);
    expect(result.headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
  });

  it("a staff material is private even for the staff who may read it", async () => {
    const municipality = await createMunicipality(testDb(), "hogsby");
    const staff = await createUser(testDb(), { role: "school_staff", municipalityId: municipality.id });
    const page = await call(materialLoader, get(`/material/${STAFF_MATERIAL}`, await cookieFor(staff.id)), { slug: STAFF_MATERIAL });
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
  });
});

describe("the headers a route passes on", () => {
  const publicHeaders = new Headers({ "Cache-Control": CACHE_CONTROL.public, ETag: 'W/"x"', Vary: "Cookie" });

  it("keep the loader's caching headers", () => {
    const headers = new Headers(publicPageHeaders({ loaderHeaders: publicHeaders, parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }));
    expect(headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    expect(headers.get("ETag")).toBe('W/"x"');
  });

  it("turn private when anything in the route tree sets a cookie", () => {
    const parentHeaders = new Headers({ "Set-Cookie": "flash=1; Path=/" });
    const headers = new Headers(publicPageHeaders({ loaderHeaders: publicHeaders, parentHeaders, actionHeaders: new Headers(), errorHeaders: undefined }));
    expect(headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
    expect(headers.get("ETag")).toBeNull();
  });

  it("never store an error", () => {
    const headers = new Headers(publicPageHeaders({ loaderHeaders: new Headers(), parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: new Headers() }));
    expect(headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
  });

  it("compare If-None-Match weakly, in lists and with *", () => {
    const request = (value: string) => new Request("http://localhost/", { headers: { "If-None-Match": value } });
    expect(isNotModified(request('W/"abc"'), 'W/"abc"')).toBe(true);
    expect(isNotModified(request('"abc"'), 'W/"abc"')).toBe(true);
    expect(isNotModified(request('"x", W/"abc"'), 'W/"abc"')).toBe(true);
    expect(isNotModified(request("*"), 'W/"abc"')).toBe(true);
    expect(isNotModified(request('W/"abd"'), 'W/"abc"')).toBe(false);
    expect(isNotModified(new Request("http://localhost/"), 'W/"abc"')).toBe(false);
  });
});

describe("over HTTP through the real app", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });

  it("a page is public for a visitor without an account, and a current copy gets an empty 304 that keeps the stored page's CSP", async () => {
    const first = await fetch(`${server.url}/material/${PUBLIC_MATERIAL}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    expect(first.headers.get("Vary")).toMatch(/Cookie/);
    const html = await first.text();
    const nonce = /nonce="([^"]+)"/.exec(html)?.[1];
    expect(first.headers.get("Content-Security-Policy")).toContain(`'nonce-${nonce}'`);
    const etag = first.headers.get("ETag")!;
    expect(etag).toMatch(/^W\/"/);

    const again = await fetch(`${server.url}/material/${PUBLIC_MATERIAL}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("ETag")).toBe(etag);
    expect(again.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    // A cache merges a 304's headers into its stored copy: a new nonce would block the stored page's scripts.
    expect(again.headers.get("Content-Security-Policy")).toBeNull();
  });

  it("the same page with a session is private and has no ETag", async () => {
    const { cookie } = await signedInCoach();
    const response = await fetch(`${server.url}/material/${PUBLIC_MATERIAL}`, { headers: { Cookie: cookie } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Åsa Öberg");
    expect(response.headers.get("Cache-Control")).toBe(CACHE_CONTROL.private);
    expect(response.headers.get("ETag")).toBeNull();
  });

  it("client-side navigation's data request follows the same rules", async () => {
    const first = await fetch(`${server.url}/material.data`);
    expect(first.status).toBe(200);
    expect(first.headers.get("Cache-Control")).toBe(CACHE_CONTROL.public);
    const etag = first.headers.get("ETag")!;
    const again = await fetch(`${server.url}/material.data`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
  });
});
