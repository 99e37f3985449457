// SPDX-License-Identifier: EUPL-1.2
// Calling loaders and actions directly, as Remix would, with a signed-in person's cookie.
import type { AppLoadContext } from "@remix-run/node";
import { enrolWithSecret, hasSecondFactor, startSignedInSession } from "~/modules/auth/second-factor.server";
import { createSession } from "~/modules/auth/session.server";
import { testDb } from "./db";

/** A request's load context as server/app.js makes it: a fresh one per request, as the session is kept on it. */
export function testContext(overrides: Partial<AppLoadContext> = {}): AppLoadContext {
  return { cspNonce: "test", clientIp: "127.0.0.1", requestId: crypto.randomUUID(), ...overrides };
}

export async function cookieFor(userId: string): Promise<string> {
  const { token } = await createSession(testDb(), userId);
  return `__session=${token}`;
}

/** The secret of the people halfSignedCookieFor enrols: a test computes their codes with totpCodeFor. */
export const TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** A session between password and code, as a password sign-in gives an enrolled person; enrols them first if need be. */
export async function halfSignedCookieFor(userId: string): Promise<string> {
  if (!(await hasSecondFactor(testDb(), userId))) await enrolWithSecret(testDb(), userId, TEST_TOTP_SECRET);
  const { token, secondFactor } = await startSignedInSession(testDb(), userId, "password");
  if (secondFactor !== "verify") throw new Error("the sign-in asked for no code");
  return `__session=${token}`;
}

export function get(path: string, cookie?: string): Request {
  return new Request(`http://localhost:3000${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

export function post(path: string, form: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  return new Request(`http://localhost:3000${path}`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost:3000", ...(cookie ? { Cookie: cookie } : {}) },
  });
}

/** Runs a loader/action and returns its status and body, whether it returned or threw. */
export async function call(
  fn: (args: { request: Request; params: Record<string, string>; context: AppLoadContext }) => unknown,
  request: Request,
  params: Record<string, string> = {},
  context: AppLoadContext = testContext(),
): Promise<{ status: number; data: any; headers: Headers }> {
  try {
    const result = await fn({ request, params, context });
    return unwrap(result, 200);
  } catch (thrown) {
    return unwrap(thrown, 500, true);
  }
}

function unwrap(value: unknown, fallbackStatus: number, thrown = false): { status: number; data: any; headers: Headers } {
  if (value instanceof Response) return { status: value.status, data: null, headers: value.headers };
  if (value && typeof value === "object" && "type" in value && (value as { type: string }).type === "DataWithResponseInit") {
    const d = value as unknown as { data: unknown; init?: ResponseInit };
    return { status: d.init?.status ?? 200, data: d.data, headers: new Headers(d.init?.headers) };
  }
  if (thrown) throw value;
  return { status: fallbackStatus, data: value, headers: new Headers() };
}
