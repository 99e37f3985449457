// SPDX-License-Identifier: EUPL-1.2
// Property-based input tests: random and hostile values (very long strings, control
// characters, NUL, lone surrogates, right-to-left marks, zero-width characters, emoji, SQL
// and HTML fragments, numbers, missing and duplicated fields, files) sent to every form
// action and every URL of every route file in app/routes, as each caller the authorization
// matrix allows there (tests/helpers/route-access.ts). Generic over the route files: the
// field names come from each file's own source, so a new route is fuzzed without a line here.
// It asserts, for every request: never a 500 or a thrown error, and never a stored value
// that breaks its schema (tests/helpers/stored-values.ts).
// FUZZ_RUNS=<n> multiplies the runs (default 1), FUZZ_SEED=<n> replays one run.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fields } from "~/lib/validation";
import { call, cookieFor, halfSignedCookieFor } from "../helpers/requests";
import {
  CALLERS,
  createMatrixFixtures, matrixContentDir,
  expectedOutcome,
  ROUTE_ACCESS,
  routeFiles,
  routeUrl,
  type Caller,
  type MatrixFixtures,
  type Params,
  type RouteAccess,
  type RouteModule,
} from "../helpers/route-access";
import { storedValueProblems } from "../helpers/stored-values";

beforeAll(() => {
  process.env.CONTENT_DIR = matrixContentDir();
});

const SCALE = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1));
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const ACTION_RUNS = 36 * SCALE;
const LOADER_RUNS = 18 * SCALE;
// FUZZ_STATS=1 prints how often each route answered each status: a check that inputs get past the first guard.
const STATS: string[] | undefined = process.env.FUZZ_STATS ? [] : undefined;

const HOSTILE = [
  "",
  " ",
  "   \t\n ",
  "\u0000",
  "a\u0000b",
  "\u0001\u0002\u001b[31m",
  "\u007f",
  "\r\n\r\n",
  "\u202eevil\u202c",
  "\u200f\u200e",
  "\u200b\u200c\u200d\ufeff",
  "\u00a0",
  "\ud800",
  "x\udfffy",
  "🦄",
  "👩‍👩‍👧‍👦🏳️‍🌈",
  "Å̶̢̛̝̞̫̏",
  "ﷺ",
  "' OR '1'='1",
  "'; DROP TABLE user; --",
  "1; SELECT * FROM session",
  '" OR ""="',
  "%' --",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "../../../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "%00",
  "%2e%2e%2f",
  "-1",
  "0",
  "1e309",
  "NaN",
  "Infinity",
  "9007199254740993",
  "-0",
  "0x1F",
  "3.14",
  "true",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"__proto__":{"admin":true}}',
  "__proto__",
  "constructor",
  "2025-02-30",
  "0000-00-00",
  "9999-12-31T23:59:59Z",
  "2025-01-01T25:61",
  "a@b",
  "@",
  "a".repeat(101),
  "å".repeat(256),
  "x".repeat(5_001),
  "y".repeat(100_000),
];

// Code units a form rarely sees: C0/C1 controls, the surrogate range, bidi and zero-width marks.
const oddChar = fc.oneof(
  fc.integer({ min: 0x00, max: 0x1f }),
  fc.integer({ min: 0x7f, max: 0x9f }),
  fc.integer({ min: 0xd800, max: 0xdfff }),
  fc.constantFrom(0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0xfeff, 0xfffd, 0xfffe),
).map((code) => String.fromCharCode(code));

/**
 * The route's source with that of the components and modules it imports: a form that moved
 * into a component, or a schema into its use case's module, is still the route's form.
 */
function routeSource(file: string): string {
  const source = fs.readFileSync(path.resolve("app/routes", file), "utf8");
  const imported = [...source.matchAll(/from "~\/((?:components|modules)\/[^"]+)"/g)].flatMap((m) =>
    [".tsx", ".ts"].map((ext) => path.resolve("app", m[1]! + ext)).filter((candidate) => fs.existsSync(candidate)),
  );
  return [source, ...imported.map((candidate) => fs.readFileSync(candidate, "utf8"))].join("\n");
}

/** What the route's source names: form fields, search parameters, intents and other literal values. */
function namesInSource(file: string): { fields: string[]; search: string[]; literals: string[] } {
  const source = routeSource(file);
  const all = (pattern: RegExp) => [...source.matchAll(pattern)].map((m) => m[1]!).filter((v) => v.length <= 60);
  const fields = new Set([
    ...all(/\bname="([^"{}]+)"/g),
    ...all(/\bname=\{["'`]([^"'`]+)["'`]\}/g),
    ...all(/\.get(?:All)?\(\s*["']([^"']+)["']\s*\)/g),
    ...all(/^\s*([A-Za-z_]\w*)\s*:\s*(?:z\.|fields\.)/gm),
  ]);
  const search = new Set(all(/searchParams\.(?:get|getAll|has)\(\s*["']([^"']+)["']/g));
  const literals = new Set([...all(/z\.literal\(\s*["']([^"']+)["']/g), ...all(/\bvalue="([^"{}]+)"/g), ...all(/z\.enum\(\[([^\]]+)\]/g).flatMap((list) => [...list.matchAll(/["']([^"']+)["']/g)].map((m) => m[1]!))]);
  fields.add("intent");
  return { fields: [...fields], search: [...search, ...fields], literals: [...literals] };
}

/** Ids and codes of real records, so that some inputs get past "not found" into the deeper checks. */
function knownValues(fixtures: MatrixFixtures): string[] {
  return [
    ...Object.values(fixtures.users).flatMap((u) => [u.id, u.email]),
    fixtures.municipalityA.id,
    fixtures.municipalityA.slug,
    fixtures.municipalityB.id,
    fixtures.invitationA.id,
    fixtures.certificateA.id,
    fixtures.certificateA.code,
    "coach",
    "school_staff",
    "coordinator",
    "admin",
    "2026-03-01",
    "2026-03-01T09:00",
    "10",
    "on",
  ];
}

function valueArbitrary(names: { literals: string[] }, known: string[]) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
    // Just over and far over the lengths forms allow (names 100, texts 200 or 2 000, commentary 10 000).
    { weight: 2, arbitrary: fc.constantFrom(101, 201, 2_001, 10_001, 100_000).map((n) => "å".repeat(n)) },
    { weight: 3, arbitrary: fc.constantFrom("", ...names.literals, ...known) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }) },
    { weight: 1, arbitrary: fc.string({ unit: oddChar, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()).map(String) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("", ...names.literals, ...known), fc.constantFrom(...HOSTILE)).map(([a, b]) => a + b) },
  );
}

function keyArbitrary(names: string[]) {
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "intent[]", "a.b", "", "\u0000") },
  );
}

type Entries = Array<[string, string]>;
interface FormInput {
  entries: Entries;
  /** multipart/form-data, with some values sent as files */
  multipart: boolean;
  files: boolean[];
}

function formArbitrary(names: { fields: string[]; literals: string[] }, known: string[], upload = true): fc.Arbitrary<FormInput> {
  const value = valueArbitrary(names, known);
  // A form as a page sends it (every field once, an intent of the page), with hostile values …
  const whole = fc.tuple(fc.constantFrom(...(names.literals.length ? names.literals : ["x"])), fc.array(value, { minLength: names.fields.length, maxLength: names.fields.length })).map(
    ([intent, values]): Entries => names.fields.map((field, i) => [field, field === "intent" ? intent : values[i]!]),
  );
  // … or any fields at all: missing, unknown, repeated.
  const loose = fc.array(fc.tuple(keyArbitrary(names.fields), value), { maxLength: 10 });
  return fc.record({
    entries: fc.oneof(whole, loose),
    // Multipart reaches only the pages that take a file; elsewhere readForm answers 415 at once.
    multipart: upload ? fc.boolean() : fc.constant(false),
    files: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
  });
}

function formRequest(url: string, input: FormInput, cookie: string | undefined): Request {
  const headers: Record<string, string> = { Origin: "http://localhost:3000" };
  if (cookie) headers.Cookie = cookie;
  let body: URLSearchParams | FormData;
  if (input.multipart) {
    body = new FormData();
    input.entries.forEach(([key, value], i) => {
      if (input.files[i % input.files.length]) (body as FormData).append(key, new Blob([value], { type: "text/csv" }), "fil.csv");
      else (body as FormData).append(key, value);
    });
  } else {
    body = new URLSearchParams(input.entries);
  }
  return new Request(`http://localhost:3000${url}`, { method: "POST", body, headers });
}

/** URLs carry UTF-8: an unpaired surrogate cannot be in one, so it becomes U+FFFD as a browser would make it. */
function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

function show(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…(${v.length} tecken)` : v));
  return text.length > 600 ? `${text.slice(0, 600)}…` : text;
}

function allowedCallers(file: string): Caller[] {
  const entry = ROUTE_ACCESS[file]!;
  // The code step's only callers hold a half-signed session: the coordinator's, as cookieOf makes it.
  if (entry.access === "half-signed") return ["coordinator"];
  // An area's page for unknown addresses answers 404 to everyone who may enter the area: they are its callers.
  return CALLERS.filter((caller) => expectedOutcome(entry, caller) === (entry.unknownPage ? "not-found" : "allowed"));
}

async function cookieOf(fixtures: MatrixFixtures, caller: Caller, entry?: RouteAccess): Promise<string | undefined> {
  // A fresh session for every request: an earlier input may have signed the caller out.
  if (caller === "anonymous") return undefined;
  return entry?.access === "half-signed" ? halfSignedCookieFor(fixtures.users[caller].id) : cookieFor(fixtures.users[caller].id);
}

/** Runs one request and answers what is wrong with the outcome, or null. */
async function problemWith(handler: unknown, request: Request, params: Params, fixtures: MatrixFixtures): Promise<string | null> {
  let status: number;
  try {
    status = (await call(handler as Parameters<typeof call>[0], request, params)).status;
  } catch (error) {
    return `kastade ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  if (STATS) STATS.push(`${new URL(request.url).pathname.split("/")[1]} ${request.method} ${status}`);
  if (status >= 500) return `svarade ${status}`;
  const stored = await storedValueProblems(fixtures.db);
  if (stored.length) return `svarade ${status} men sparade ogiltiga värden: ${stored.slice(0, 3).join("; ")}`;
  return null;
}

function runOptions<T>(numRuns: number): fc.Parameters<T> {
  // Shrinking a failure to its smallest input is worth a few seconds, not minutes.
  return { numRuns, ...(SEED !== undefined ? { seed: SEED } : {}), interruptAfterTimeLimit: 20_000 };
}

function report<T extends [unknown]>(what: string, details: fc.RunDetails<T>): string[] {
  if (!details.failed) return [];
  const input = show(details.counterexample?.[0]);
  const reason = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return [`${what}: ${reason}\n    indata: ${input}\n    (seed ${details.seed}, path ${details.counterexamplePath})`];
}

async function fuzzActions(file: string, module: RouteModule, fixtures: MatrixFixtures): Promise<string[]> {
  if (typeof module.action !== "function") return [];
  const entry = ROUTE_ACCESS[file]!;
  const names = namesInSource(file);
  const form = formArbitrary(names, knownValues(fixtures), takesUploads(file));
  const callers = allowedCallers(file);
  const problems: string[] = [];
  for (const caller of callers) {
    const details = await fc.check(
      fc.asyncProperty(form, async (input) => {
        const params = entry.params ? await entry.params({ fixtures, caller }) : {};
        const problem = await problemWith(module.action, formRequest(routeUrl(file, params), input, await cookieOf(fixtures, caller, entry)), params, fixtures);
        if (problem) throw new Error(problem);
      }),
      // Each intent of the form gets its share of the runs.
      runOptions(Math.max(6, Math.ceil((ACTION_RUNS * Math.max(1, names.literals.length / 2)) / callers.length))),
    );
    problems.push(...report(`${file} POST som ${caller}`, details));
  }
  return problems;
}

async function fuzzLoader(file: string, module: RouteModule, fixtures: MatrixFixtures): Promise<string[]> {
  if (typeof module.loader !== "function") return [];
  const entry = ROUTE_ACCESS[file]!;
  const names = namesInSource(file);
  const known = knownValues(fixtures);
  const value = valueArbitrary(names, known).map(wellFormed);
  const paramNames = [...file.matchAll(/\$([A-Za-z0-9_]+)/g)].map((m) => m[1]!.replace(/_$/, ""));
  const callers = allowedCallers(file);
  const input = fc.record({
    caller: fc.constantFrom(...callers),
    // Half the time the route's real params, so the search parameters reach a real page.
    params: fc.option(fc.array(value, { minLength: paramNames.length, maxLength: paramNames.length }), { nil: undefined }),
    search: fc.array(fc.tuple(keyArbitrary(names.search.length ? names.search : ["q"]).map(wellFormed), value), { maxLength: 6 }),
  });
  const details = await fc.check(
    fc.asyncProperty(input, async ({ caller, params: fuzzed, search }) => {
      const params: Params = fuzzed ? Object.fromEntries(paramNames.map((name, i) => [name, fuzzed[i]!])) : entry.params ? await entry.params({ fixtures, caller }) : {};
      const query = new URLSearchParams(search).toString();
      const url = `${routeUrl(file, params)}${query ? `?${query}` : ""}`;
      const cookie = await cookieOf(fixtures, caller, entry);
      const request = new Request(`http://localhost:3000${url}`, { headers: cookie ? { Cookie: cookie } : {} });
      const problem = await problemWith(module.loader, request, params, fixtures);
      if (problem) throw new Error(`${problem} (${url.slice(0, 200)}, som ${caller})`);
    }),
    runOptions(LOADER_RUNS),
  );
  return report(`${file} GET`, details);
}

function sourceOf(file: string): string {
  return fs.readFileSync(path.resolve("app/routes", file), "utf8");
}

function takesUploads(file: string): boolean {
  return /readForm\(request, \{[^}]*upload: true/.test(sourceOf(file));
}

// What a client that is not a browser form may send instead of a form.
const NOT_A_FORM: Array<[string, () => { body: BodyInit; headers: Record<string, string> }]> = [
  ["JSON", () => ({ body: '{"intent":"x","email":"a@b.se"}', headers: { "Content-Type": "application/json" } })],
  ["text/plain", () => ({ body: "intent=x", headers: { "Content-Type": "text/plain;charset=UTF-8" } })],
  ["no Content-Type", () => ({ body: new TextEncoder().encode("intent=x"), headers: {} })],
  ["multipart without a boundary", () => ({ body: '--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nx\r\n--b--', headers: { "Content-Type": "multipart/form-data" } })],
  ["broken multipart", () => ({ body: "--b\r\nno headers, no end", headers: { "Content-Type": "multipart/form-data; boundary=b" } })],
  ["XML", () => ({ body: "<intent>x</intent>", headers: { "Content-Type": "application/xml" } })],
];

describe("every action answers a body that is not a form with a 4xx, never a 500", () => {
  for (const file of routeFiles()) {
    it(file, async () => {
      const module = (await import(path.resolve("app/routes", file))) as RouteModule;
      if (typeof module.action !== "function" || !ROUTE_ACCESS[file]) return;
      const entry = ROUTE_ACCESS[file]!;
      const readsForm = sourceOf(file).includes("readForm(");
      const fixtures = await createMatrixFixtures();
      const problems: string[] = [];
      for (const caller of allowedCallers(file)) {
        for (const [what, make] of NOT_A_FORM) {
          const params = entry.params ? await entry.params({ fixtures, caller }) : {};
          const { body, headers } = make();
          const cookie = await cookieOf(fixtures, caller, entry);
          const request = new Request(`http://localhost:3000${routeUrl(file, params)}`, {
            method: "POST",
            body,
            headers: { Origin: "http://localhost:3000", ...headers, ...(cookie ? { Cookie: cookie } : {}) },
          });
          let status: number;
          try {
            status = (await call(module.action as Parameters<typeof call>[0], request, params)).status;
          } catch (error) {
            problems.push(`${what} som ${caller}: kastade ${error instanceof Error ? error.message : String(error)}`);
            continue;
          }
          // A form-reading action refuses before doing anything; one that reads nothing (signing out) may act.
          if (status >= 500 || (readsForm && ![400, 404, 413, 415].includes(status))) problems.push(`${what} som ${caller}: svarade ${status}`);
        }
      }
      expect(problems).toEqual([]);
      expect(await storedValueProblems(fixtures.db)).toEqual([]);
    }, 60_000);
  }

  it("every action in app/ reads its form through readForm, so none can skip these answers", () => {
    const readers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name) && full !== path.join("app", "lib", "form.server.ts") && /\.formData\(\)/.test(fs.readFileSync(full, "utf8"))) readers.push(full);
      }
    };
    walk("app");
    expect(readers).toEqual([]);
  });
});

describe("every form and URL survives random and hostile input", () => {
  for (const file of routeFiles()) {
    it(file, async () => {
      // A route without a row fails in the authorization matrix; here there is nothing to go by.
      if (!ROUTE_ACCESS[file]) return;
      const module = (await import(path.resolve("app/routes", file))) as RouteModule;
      const fixtures = await createMatrixFixtures();
      const problems = [...(await fuzzActions(file, module, fixtures)), ...(await fuzzLoader(file, module, fixtures))];
      expect(problems).toEqual([]);
    }, 60_000);
  }
});

afterAll(() => {
  if (!STATS) return;
  const counts = new Map<string, number>();
  for (const line of STATS) counts.set(line, (counts.get(line) ?? 0) + 1);
  console.log([...counts].sort().map(([line, n]) => `${line}: ${n}`).join("\n"));
});

describe("the account's name, the field every page shows", () => {
  it("is stored only as the schema makes it, whatever is sent; otherwise the old name stays", async () => {
    const { action } = (await import("~/routes/konto")) as { action: unknown };
    const fixtures = await createMatrixFixtures();
    const id = fixtures.users.coach.id;
    const nameOf = async () => (await fixtures.db.selectFrom("user").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;
    const name = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ unit: "binary", maxLength: 120 }),
      fc.string({ unit: oddChar, minLength: 1, maxLength: 5 }).map((odd) => `Anna${odd}Berg`),
      fc.constantFrom(...HOSTILE).map((h) => `Anna ${h}`),
    );
    await fc.assert(
      fc.asyncProperty(name, async (sent) => {
        const before = await nameOf();
        const input: FormInput = { entries: [["intent", "updateName"], ["name", sent]], multipart: false, files: [false] };
        const result = await call(action as Parameters<typeof call>[0], formRequest("/konto", input, await cookieFor(id)));
        const after = await nameOf();
        expect(result.status === 200 || result.status === 400, `status ${result.status}`).toBe(true);
        if (result.status === 400) expect(after).toBe(before);
        else expect(after).toBe(fields.name().parse(new URLSearchParams([["n", sent]]).get("n")));
        expect(await storedValueProblems(fixtures.db)).toEqual([]);
      }),
      runOptions(60),
    );
  });
});

describe("the fuzzer itself", () => {
  it("finds field names, search parameters and intents in a route's source", () => {
    const names = namesInSource("konto.tsx");
    expect(names.fields).toEqual(expect.arrayContaining(["name", "currentPassword", "newPassword", "sessionId", "intent"]));
    expect(names.literals).toEqual(expect.arrayContaining(["updateName", "changePassword", "endSession", "signOutEverywhere"]));
  });

  it("reports a route that answers 500 or throws on some input, and one that stores what it was sent", async () => {
    const fixtures = await createMatrixFixtures();
    const crashes = async ({ request }: { request: Request }) => {
      const name = String((await request.formData()).get("name") ?? "");
      if (name.includes("\u0000")) throw new TypeError("NUL i namnet");
      return null;
    };
    const details = await fc.check(
      fc.asyncProperty(formArbitrary({ fields: ["name"], literals: [] }, ["\u0000"]), async (input) => {
        const problem = await problemWith(crashes, formRequest("/x", input, undefined), {}, fixtures);
        if (problem) throw new Error(problem);
      }),
      { numRuns: 300 },
    );
    expect(details.failed).toBe(true);
    expect(report("x", details)[0]).toContain("kastade TypeError: NUL i namnet");

    const storesAnything = async ({ request }: { request: Request }) => {
      const name = String((await request.formData()).get("name") ?? "");
      await fixtures.db.updateTable("user").set({ name }).where("id", "=", fixtures.users.coach.id).execute();
      return null;
    };
    const stored = await fc.check(
      fc.asyncProperty(formArbitrary({ fields: ["name"], literals: [] }, []), async (input) => {
        const problem = await problemWith(storesAnything, formRequest("/x", input, undefined), {}, fixtures);
        if (problem) throw new Error(problem);
      }),
      { numRuns: 100 },
    );
    expect(stored.failed).toBe(true);
    expect(report("x", stored)[0]).toMatch(/sparade ogiltiga värden: user \S+: namnet/);
  });
});
