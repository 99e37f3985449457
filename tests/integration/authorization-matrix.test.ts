// SPDX-License-Identifier: EUPL-1.2
// The authorization matrix: every route file × every kind of caller, loader and action,
// against the access designed for it in tests/helpers/route-access.ts. A route added
// without a row fails here, and so does a protected route that answers the wrong caller.
import path from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { notFound, requireCoordinator, requireUser, requireVisiblePerson } from "~/modules/access/permissions.server";
import { getPerson } from "~/modules/people/people.server";
import { getDb } from "~db/client.server";
import {
  checkPost,
  checkRoute,
  compareWithTable,
  createMatrixFixtures, matrixContentDir,
  PARTNERSHIP_ANSWER,
  partnershipRequestParams,
  ROUTE_ACCESS,
  routeFiles,
  routeUrl,
  type RouteAccess,
  type RouteModule,
} from "../helpers/route-access";
import { get, testContext } from "../helpers/requests";

beforeAll(() => {
  process.env.CONTENT_DIR = matrixContentDir();
});

const files = routeFiles();

describe("the access table", () => {
  it("has a row for every route file and a file for every row", () => {
    expect(compareWithTable(files, ROUTE_ACCESS)).toEqual([]);
  });
});

describe("every route answers each caller as designed", () => {
  for (const file of files) {
    it(file, async () => {
      const module = (await import(path.resolve("app/routes", file))) as RouteModule;
      const problems = await checkRoute(file, module, ROUTE_ACCESS[file], await createMatrixFixtures());
      expect(problems).toEqual([]);
    });
  }
});

// Intents with a rule of their own on a page whose row allows more callers.
describe("answering a request to hold a session jointly", () => {
  const file = "samordnare.traffar.$id.tsx";
  for (const intent of ["accept", "decline"]) {
    it(`${file} intent ${intent}: only the coordinator of the municipality asked`, async () => {
      const module = (await import(path.resolve("app/routes", file))) as RouteModule;
      expect(await checkPost(file, module.action, { intent }, PARTNERSHIP_ANSWER, partnershipRequestParams, await createMatrixFixtures())).toEqual([]);
    });
  }

  it(`${file}: the municipality asked does nothing else with the session until it has accepted`, async () => {
    const module = (await import(path.resolve("app/routes", file))) as RouteModule;
    const onlyTheOwner = { ...PARTNERSHIP_ANSWER, coordinator: "allowed", otherCoordinator: "forbidden" } as const;
    const fixtures = await createMatrixFixtures();
    for (const intent of ["update", "cancel", "attendance"]) {
      expect(await checkPost(file, module.action, { intent }, onlyTheOwner, partnershipRequestParams, fixtures)).toEqual([]);
    }
  });
});

// A police partner is shown no personal data of any coach: every page they can open, and every
// page that turns them away, answers without the name or email of the fixtures' coach and school
// staff (or the invited coach's address). The root loader is asked too: it feeds every page.
describe("a police partner sees no coach's name anywhere", () => {
  it("GET of every route as the police partner, and the root loader", async () => {
    const fixtures = await createMatrixFixtures();
    const secrets = [fixtures.users.coach.name, fixtures.users.coach.email, fixtures.users.school_staff.name, fixtures.users.school_staff.email, "inbjuden@kommun-a.example"];
    const leaks: string[] = [];
    const modules: Array<[string, RouteModule]> = [["root.tsx", (await import(path.resolve("app/root.tsx"))) as RouteModule]];
    for (const file of files) modules.push([file, (await import(path.resolve("app/routes", file))) as RouteModule]);
    for (const [file, module] of modules) {
      if (typeof module.loader !== "function" || HOLDERS_SECRET.includes(file)) continue;
      const entry = ROUTE_ACCESS[file];
      const params = entry?.params ? await entry.params({ fixtures, caller: "polis" }) : {};
      const url = file === "root.tsx" ? "/polis" : routeUrl(file, params);
      const body = await responseText(module.loader, get(url, fixtures.cookies.polis), params);
      for (const secret of secrets) if (body.includes(secret)) leaks.push(`${file} (${url}) visar ${secret}`);
    }
    expect(leaks).toEqual([]);
  });

  it("the check would see a name if a page showed one", async () => {
    const fixtures = await createMatrixFixtures();
    const leaky = async () => ({ people: [{ name: fixtures.users.coach.name }] });
    expect(await responseText(leaky, get("/polis", fixtures.cookies.polis), {})).toContain(fixtures.users.coach.name);
  });
});

// Pages whose address carries the coach's own secret (a link emailed to them, the code on their
// certificate they show to whom they choose) show the holder's name or address to whoever holds
// it, whatever their role: a police partner never has one.
const HOLDERS_SECRET = ["aterstall.$token.tsx", "inbjudan.$token.tsx", "logga-in_.lank_.$token.tsx", "verifiera.$kod.tsx"];

/** Whatever a loader answers, returned or thrown, as text: data as JSON, a Response's body as it is. */
async function responseText(loader: unknown, request: Request, params: Record<string, string>): Promise<string> {
  let value: unknown;
  try {
    value = await (loader as (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown)({ request, params, context: testContext() });
  } catch (thrown) {
    value = thrown;
  }
  if (value instanceof Response) return value.text();
  return JSON.stringify(value) ?? "";
}

// The matrix itself: it must catch a route that forgets its permission check.
describe("the matrix catches a route without a permission check", () => {
  type Args = { request: Request; params: Record<string, string>; context: AppLoadContext };
  const coordinatorsOnly: RouteAccess = { access: { roles: ["coordinator"] } };
  const personOfOwnMunicipality: RouteAccess = {
    access: { roles: ["coordinator"] },
    ownMunicipality: true,
    params: ({ fixtures }) => ({ id: fixtures.users.coach.id }),
  };

  it("reports a new route file that has no row, and a row whose file is gone", () => {
    expect(compareWithTable(["admin.logg.tsx", "samordnare.hemligt.tsx"], { "admin.logg.tsx": coordinatorsOnly, "borttagen.tsx": coordinatorsOnly })).toEqual([
      "Ny route utan behörighetsrad: samordnare.hemligt.tsx",
      "Behörighetsrad utan route-fil: borttagen.tsx",
    ]);
  });

  it("reports a file it is asked to check that has no row", async () => {
    const problems = await checkRoute("samordnare.hemligt.tsx", { loader: async () => ({}) }, undefined, await createMatrixFixtures());
    expect(problems).toEqual([expect.stringContaining("Ny route utan behörighetsrad: samordnare.hemligt.tsx")]);
  });

  it("reports a loader that answers everyone", async () => {
    const unguarded: RouteModule = { loader: async () => ({ people: ["alla"] }) };
    const problems = await checkRoute("samordnare.hemligt.tsx", unguarded, coordinatorsOnly, await createMatrixFixtures());
    expect(problems).toEqual([
      "samordnare.hemligt.tsx GET som anonym besökare (/samordnare/hemligt): väntade omdirigering till inloggningen, fick 200",
      "samordnare.hemligt.tsx GET som ANDTS-coach i kommun A (/samordnare/hemligt): väntade 403, fick 200",
      "samordnare.hemligt.tsx GET som skolpersonal i kommun A (/samordnare/hemligt): väntade 403, fick 200",
      "samordnare.hemligt.tsx GET som administratör (/samordnare/hemligt): väntade 403, fick 200",
      "samordnare.hemligt.tsx GET som polis kopplad till kommun A:s löfte (/samordnare/hemligt): väntade 403, fick 200",
    ]);
  });

  it("reports an action that only asks for a signed-in person, not for the role", async () => {
    const signedInOnly: RouteModule = {
      action: async ({ request, context }: Args) => {
        await requireUser({ request, context });
        return { done: true };
      },
    };
    const problems = await checkRoute("samordnare.hemligt.tsx", signedInOnly, coordinatorsOnly, await createMatrixFixtures());
    expect(problems).toHaveLength(4);
    expect(problems.every((p) => p.startsWith("samordnare.hemligt.tsx POST som ") && p.endsWith("väntade 403, fick 200"))).toBe(true);
  });

  it("reports a record of one municipality shown to another municipality's coordinator", async () => {
    const noMunicipalityCheck: RouteModule = {
      loader: async ({ request, params, context }: Args) => {
        await requireCoordinator({ request, context });
        return { person: (await getPerson(getDb(), params.id ?? "")) ?? notFound() };
      },
    };
    const problems = await checkRoute("samordnare.person.$id.tsx", noMunicipalityCheck, personOfOwnMunicipality, await createMatrixFixtures());
    expect(problems).toEqual([expect.stringMatching(/^samordnare\.person\.\$id\.tsx GET som samordnare i kommun B \(\/samordnare\/person\/\w+\): väntade 404, fick 200$/)]);
  });

  it("reports one person's record shown to another person of an allowed role", async () => {
    const anyoneSeesAnyCertificate: RouteModule = {
      loader: async ({ request, params, context }: Args) => {
        await requireUser({ request, context }, { roles: ["coach", "school_staff"] });
        return getDb().selectFrom("certification").select(["id", "code"]).where("id", "=", params.id ?? "").executeTakeFirstOrThrow();
      },
    };
    const ownCertificate: RouteAccess = {
      access: { roles: ["coach", "school_staff"] },
      ownRecordOf: "coach",
      params: ({ fixtures }) => ({ id: fixtures.certificateA.id }),
    };
    const problems = await checkRoute("intyg.$id.tsx", anyoneSeesAnyCertificate, ownCertificate, await createMatrixFixtures());
    expect(problems).toEqual([expect.stringMatching(/^intyg\.\$id\.tsx GET som skolpersonal i kommun A \(\/intyg\/\w+\): väntade 404, fick 200$/)]);
  });

  it("reports a route that throws or answers 500, naming the route", async () => {
    const broken: RouteModule = {
      loader: async () => {
        throw new Error("trasig");
      },
      action: async () => new Response("fel", { status: 500 }),
    };
    const problems = await checkRoute("trasig.tsx", broken, { access: "public" }, await createMatrixFixtures());
    expect(problems).toHaveLength(14);
    expect(problems[0]).toBe("trasig.tsx GET som anonym besökare (/trasig): kastade ett oväntat fel: trasig");
    expect(problems[7]).toBe("trasig.tsx POST som anonym besökare (/trasig): svarade 500");
  });

  it("asks for params when the file name has them and the row does not", async () => {
    const problems = await checkRoute("samordnare.person.$id.tsx", { loader: async () => ({}) }, coordinatorsOnly, await createMatrixFixtures());
    expect(problems).toEqual(["samordnare.person.$id.tsx: raden behöver params för $id"]);
  });

  it("passes a route that checks role and municipality", async () => {
    const guarded: RouteModule = {
      loader: async ({ request, params, context }: Args) => {
        const user = await requireCoordinator({ request, context });
        return { person: requireVisiblePerson(user, await getPerson(getDb(), params.id ?? "")) };
      },
    };
    expect(await checkRoute("samordnare.person.$id.tsx", guarded, personOfOwnMunicipality, await createMatrixFixtures())).toEqual([]);
  });

  it("reads URLs from file names as Remix flat routes do", () => {
    expect(routeUrl("_index.tsx", {})).toBe("/");
    expect(routeUrl("samordnare._index.tsx", {})).toBe("/samordnare");
    expect(routeUrl("konto_.mina-uppgifter[.json].ts", {})).toBe("/konto/mina-uppgifter.json");
    expect(routeUrl("logga-in_.lank_.$token.tsx", { token: "abc" })).toBe("/logga-in/lank/abc");
    expect(routeUrl("intyg.$id[.pdf].ts", { id: "x1" })).toBe("/intyg/x1.pdf");
    expect(routeUrl("samordnare.export[.csv].ts", {})).toBe("/samordnare/export.csv");
  });
});
