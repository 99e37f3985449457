// SPDX-License-Identifier: EUPL-1.2
// Signing in through a municipality's OpenID Connect provider (issue #18): the authorization
// code flow with PKCE, state and nonce, through openid-client, certified by the OpenID
// Foundation. The state, nonce and code verifier wait in a row of oidc_sign_in whose id is in
// a short-lived httpOnly cookie: the answer is accepted once, and only in the browser that
// started the sign-in.
import type { Kysely } from "kysely";
import * as client from "openid-client";
import { appUrl, envValue, useSecureCookies } from "~/env.server";
import { addMs, iso, MINUTE_MS } from "~/lib/time";
import type { Database, Role } from "~db/schema";
import { checkThrottles, recordAttempt, THROTTLE_RULES, throttleKeys, type ThrottleVerdict } from "./throttle.server";
import { generateSecureRandomString } from "./tokens.server";
import { findIdentityProvider, type IdentityProvider } from "./identity-providers.server";
import { decryptSecret, SecretsKeyError } from "./secrets.server";
import { recordSsoFailure, signInWithVerifiedIdentity, type SsoFailure } from "./sso-account.server";

/** The one redirect URI every municipality registers with its provider. */
export const OIDC_CALLBACK_PATH = "/logga-in/oidc/svar";
export const OIDC_COOKIE = "__oidc";
// Long enough for a person to find their phone for the provider's own second factor.
const ATTEMPT_LIFETIME_MS = 10 * MINUTE_MS;
// Discovery documents and signing keys change rarely; an hour keeps a rotated key from waiting long.
const DISCOVERY_TTL_MS = 60 * MINUTE_MS;
const SCOPE = "openid email profile";

/** Bound to the callback's path, so no other page ever sees it. */
export function oidcAttemptCookie(attemptId: string): string {
  return `${OIDC_COOKIE}=${attemptId}; Path=${OIDC_CALLBACK_PATH}; HttpOnly; SameSite=Lax; Max-Age=${ATTEMPT_LIFETIME_MS / 1000}${useSecureCookies() ? "; Secure" : ""}`;
}

export function clearedOidcAttemptCookie(): string {
  return `${OIDC_COOKIE}=; Path=${OIDC_CALLBACK_PATH}; HttpOnly; SameSite=Lax; Max-Age=0${useSecureCookies() ? "; Secure" : ""}`;
}

export function oidcCallbackUrl(): string {
  return appUrl(OIDC_CALLBACK_PATH);
}

// Per process: a Configuration also keeps the provider's signing keys (JWKS) it has fetched.
const configurations = new Map<string, { key: string; expires: number; config: client.Configuration }>();

async function configurationFor(provider: IdentityProvider): Promise<client.Configuration> {
  const key = `${provider.issuer}\n${provider.clientId}\n${provider.updatedAt}`;
  const cached = configurations.get(provider.id);
  if (cached && cached.key === key && cached.expires > Date.now()) return cached.config;
  const timeout = envValue("OIDC_TIMEOUT_SECONDS");
  const issuer = new URL(provider.issuer);
  // Plain http only for a provider on this machine (identity-providers.server.ts issuerProblem).
  const execute = issuer.protocol === "http:" ? [client.allowInsecureRequests] : [];
  const config = await client.discovery(issuer, provider.clientId, undefined, client.ClientSecretPost(decryptSecret(provider.clientSecretEncrypted)), { timeout, execute });
  config.timeout = timeout;
  configurations.set(provider.id, { key, expires: Date.now() + DISCOVERY_TTL_MS, config });
  return config;
}

/** What went wrong talking to the provider, from openid-client's error and its causes. */
export function classifyProviderError(error: unknown): SsoFailure {
  if (error instanceof SecretsKeyError) return "misconfigured";
  if (error instanceof client.AuthorizationResponseError) return "denied";
  if (error instanceof client.ResponseBodyError) return error.error === "invalid_grant" ? "code" : "invalid_response";
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: string }).name;
    const code = (e as { code?: string }).code;
    if (name === "TimeoutError" || name === "AbortError" || code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT") return "timeout";
    if (code && ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ECONNRESET", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_SOCKET"].includes(code)) return "unreachable";
    if (e instanceof TypeError && /fetch failed/i.test(e.message)) return "unreachable";
  }
  return "invalid_response";
}

function detailOf(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export type StartResult =
  | { status: "redirect"; url: string; attemptId: string }
  | { status: "not_found" }
  | { status: "throttled"; verdict: Extract<ThrottleVerdict, { allowed: false }> }
  | { status: "failed"; reason: SsoFailure; provider: IdentityProvider };

/** Sends the person to their municipality's provider, with a fresh state, nonce and PKCE verifier. */
export async function startOidcSignIn(
  db: Kysely<Database>,
  providerId: string,
  options: { redirectTo: string | null; ip: string },
  now: Date = new Date(),
): Promise<StartResult> {
  const throttle = throttleKeys.oidcStartIp(options.ip);
  const verdict = await checkThrottles(db, [[throttle, THROTTLE_RULES.oidcStartPerIp]], now);
  if (!verdict.allowed) return { status: "throttled", verdict };
  const provider = await findIdentityProvider(db, providerId);
  if (!provider || provider.kind !== "oidc" || provider.municipalityDeactivated) return { status: "not_found" };
  let config: client.Configuration;
  try {
    config = await configurationFor(provider);
  } catch (error) {
    const reason = classifyProviderError(error);
    await recordSsoFailure(db, { provider, reason, email: null, detail: detailOf(error) }, now);
    return { status: "failed", reason, provider };
  }
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const attemptId = generateSecureRandomString(32);
  await recordAttempt(db, [throttle], now);
  await db.deleteFrom("oidc_sign_in").where("expires_at", "<=", iso(now)).execute();
  await db
    .insertInto("oidc_sign_in")
    .values({
      id: attemptId,
      provider_id: provider.id,
      state,
      nonce,
      code_verifier: verifier,
      redirect_to: options.redirectTo,
      created_at: iso(now),
      expires_at: iso(addMs(now, ATTEMPT_LIFETIME_MS)),
    })
    .execute();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: oidcCallbackUrl(),
    scope: SCOPE,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { status: "redirect", url: url.href, attemptId };
}

export type CompleteResult =
  | { status: "ok"; token: string; role: Role; redirectTo: string | null; providerName: string }
  | { status: "failed"; reason: SsoFailure; providerName: string | null; email: string | null };

/**
 * Takes the provider's answer at the redirect URI: checks that this browser started the sign-in
 * (the cookie's attempt, used once), exchanges the code, checks the ID token and its nonce, and
 * signs the person in. Every refusal is audited.
 */
export async function completeOidcSignIn(
  db: Kysely<Database>,
  input: { search: string; attemptId: string | null; userAgent?: string | null },
  now: Date = new Date(),
): Promise<CompleteResult> {
  const params = new URLSearchParams(input.search);
  const attempt = input.attemptId
    ? await db.selectFrom("oidc_sign_in").selectAll().where("id", "=", input.attemptId).executeTakeFirst()
    : undefined;
  const provider = attempt ? await findIdentityProvider(db, attempt.provider_id) : undefined;
  const fail = async (reason: SsoFailure, email: string | null = null, detail?: string): Promise<CompleteResult> => {
    await recordSsoFailure(db, { provider: provider ?? null, reason, email, detail }, now);
    return { status: "failed", reason, providerName: provider?.displayName ?? null, email };
  };
  if (!attempt || !provider) return fail("state");
  // Used once, whatever follows: a second answer to the same attempt is refused.
  const used = await db.deleteFrom("oidc_sign_in").where("id", "=", attempt.id).executeTakeFirst();
  if (Number(used.numDeletedRows) !== 1) return fail("state");
  if (new Date(attempt.expires_at) <= now) return fail("expired");
  if (params.get("state") !== attempt.state) return fail("state");

  let claims: Record<string, unknown>;
  try {
    const config = await configurationFor(provider);
    // The redirect URI as registered, not as this server saw the request behind a proxy.
    const currentUrl = new URL(oidcCallbackUrl());
    currentUrl.search = params.toString();
    const tokens = await client.authorizationCodeGrant(
      config,
      currentUrl,
      { pkceCodeVerifier: attempt.code_verifier, expectedState: attempt.state, expectedNonce: attempt.nonce, idTokenExpected: true },
      { redirect_uri: oidcCallbackUrl() },
    );
    const idClaims = tokens.claims();
    if (!idClaims) return fail("invalid_response");
    claims = { ...idClaims };
    // Providers that keep scope claims out of the ID token (oidc-provider, by the standard) give them at userinfo.
    if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
      const userInfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      claims = { ...userInfo, ...idClaims };
    }
  } catch (error) {
    return fail(classifyProviderError(error), null, detailOf(error));
  }

  const result = await signInWithVerifiedIdentity(db, provider, claims, { userAgent: input.userAgent }, now);
  if (result.status === "failed") return fail(result.reason, result.email);
  return { status: "ok", token: result.token, role: result.role, redirectTo: attempt.redirect_to, providerName: provider.displayName };
}
