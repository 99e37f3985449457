// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider for the tests: oidc-provider, the certified Node implementation,
// on 127.0.0.1 at a random port, with one test client and test accounts whose claims a test sets.
// No mocked HTTP: Coachportalen discovers it, fetches its keys and exchanges codes as with Entra ID.
// Standalone (no app imports), so Playwright's global setup can start it too.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import http from "node:http";
import net from "node:net";
import Provider from "oidc-provider";

export interface TestAccountClaims {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Accounts by login name: the name typed on the provider's own login page. */
  accounts: Map<string, TestAccountClaims>;
  /** Signs in as `login` through the provider's login page and returns the redirect back to Coachportalen. */
  signIn(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

export async function startTestProvider(options: { redirectUri: string; clientId?: string; clientSecret?: string }): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? "coachportalen-test";
  const clientSecret = options.clientSecret ?? `hemlig-${randomUUID()}`;
  const accounts = new Map<string, TestAccountClaims>();
  const signingKey = { ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: "test-1", use: "sig", alg: "RS256" };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [options.redirectUri],
        token_endpoint_auth_method: "client_secret_post",
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [signingKey as never] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    async findAccount(_ctx, id) {
      const claims = accounts.get(id);
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...claims }) };
    },
    // A first-party client, as Coachportalen is for the municipality: no consent screen.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: [randomUUID()] },
  });
  // The provider's own logging of a dev setup is noise in a test run.
  provider.on("server_error", () => undefined);
  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    signIn: (authorizationUrl, login) => signInThroughLoginPage(authorizationUrl, login, options.redirectUri),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a browser does: follows redirects with cookies, fills in the login form, stops at the redirect URI. */
async function signInThroughLoginPage(authorizationUrl: string, login: string, redirectUri: string): Promise<URL> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (name) jar.set(name.trim(), value.join("="));
    }
  };
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let step = 0; step < 12; step++) {
    if (url.href.startsWith(redirectUri)) return url;
    const response = await fetch(url, {
      method: body ? "POST" : "GET",
      body,
      redirect: "manual",
      headers: { cookie: cookieHeader(), ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
    });
    remember(response);
    body = undefined;
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action || !/name="prompt" value="login"/.test(html)) throw new Error(`Unexpected page from the test provider (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, "&"), url);
    body = new URLSearchParams({ prompt: "login", login, password: "vilket-som-helst" });
  }
  throw new Error("The test provider never sent the browser back");
}

/** A port with nothing listening: a provider that cannot be reached. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that takes the connection and never answers: a provider that hangs. */
export async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
