// SPDX-License-Identifier: EUPL-1.2
// The real Express app (server/app.js) around a Remix server build assembled from app/ inside
// Vitest, listening on a free local port. Requests then pass everything a browser's request
// passes in production (security headers, the cross-site check, cookies, React rendering with
// the CSP nonce) while loaders and actions use the test's in-memory database.
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import { createApp } from "../../server/app.js";
import remixConfig from "../../remix.config.js";

const APP_DIR = path.resolve("app");

type RouteModule = Record<string, unknown>;

/** A route a test adds to the build, e.g. one that fails on purpose inside an area. */
export interface ExtraRoute {
  id: string;
  parentId: string;
  path: string;
  module: RouteModule;
}

/** A server build of every route in app/routes, as the Remix Vite plugin would make it. */
export async function createTestBuild(extraRoutes: ExtraRoute[] = []): Promise<ServerBuild> {
  // The same options as app/routes.ts gives flatRoutes.
  const manifest = flatRoutes(APP_DIR, ["**/*.test.*", "**/*.server.*"]);
  const all = { root: { id: "root", file: "root.tsx", path: "" }, ...manifest } as Record<
    string,
    { id: string; parentId?: string; file: string; path?: string; index?: boolean; caseSensitive?: boolean }
  >;
  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const [id, route] of Object.entries(all)) {
    const module = (await import(/* @vite-ignore */ path.join(APP_DIR, route.file))) as RouteModule;
    const shape = { id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive };
    routes[id] = { ...shape, module: module as never };
    assetRoutes[id] = {
      ...shape,
      module: `/assets/${id.replace(/\W/g, "_")}.js`,
      imports: [],
      hasAction: typeof module.action === "function",
      hasLoader: typeof module.loader === "function",
      hasClientAction: typeof module.clientAction === "function",
      hasClientLoader: typeof module.clientLoader === "function",
      hasErrorBoundary: typeof module.ErrorBoundary === "function",
    };
  }
  for (const { id, parentId, path: routePath, module } of extraRoutes) {
    const shape = { id, parentId, path: routePath, index: undefined, caseSensitive: undefined };
    routes[id] = { ...shape, module: module as never };
    assetRoutes[id] = {
      ...shape,
      module: `/assets/${id.replace(/\W/g, "_")}.js`,
      imports: [],
      hasAction: typeof module.action === "function",
      hasLoader: typeof module.loader === "function",
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: typeof module.ErrorBoundary === "function",
    };
  }
  const entry = (await import(/* @vite-ignore */ path.join(APP_DIR, "entry.server.tsx"))) as ServerBuild["entry"]["module"];
  // v3_routeConfig is the Vite plugin's own; the server build knows the others.
  const { v3_routeConfig: _routeConfig, ...future } = remixConfig.future as Record<string, boolean>;
  return {
    mode: "production",
    entry: { module: entry },
    routes,
    assets: { entry: { module: "/assets/entry.client.js", imports: [] }, routes: assetRoutes, url: "/assets/manifest-test.js", version: "test" },
    publicPath: "/",
    assetsBuildDirectory: "build/client",
    future: future as unknown as ServerBuild["future"],
    isSpaMode: false,
  };
}

export interface TestServer {
  url: string;
  host: string;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 and a free port; production mode unless told otherwise. */
export async function startTestServer(
  options: { isProduction?: boolean; appUrl?: string; trustProxy?: string; extraRoutes?: ExtraRoute[]; log?: (line: string) => void } = {},
): Promise<TestServer> {
  const build = await createTestBuild(options.extraRoutes);
  const app = createApp({
    build,
    isProduction: options.isProduction ?? true,
    appUrl: options.appUrl ?? "http://localhost:3000",
    // As behind a proxy on the same machine, unless a test says otherwise ("" trusts none).
    trustProxy: options.trustProxy ?? "loopback",
    log: options.log ?? (() => {}),
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** The `name=value` part of the session cookie a response sets, or undefined. */
export function sessionCookieOf(response: Response): string | undefined {
  return setCookieOf(response)?.split(";")[0];
}

export function setCookieOf(response: Response): string | undefined {
  return response.headers.getSetCookie().find((c) => c.startsWith("__session="));
}
