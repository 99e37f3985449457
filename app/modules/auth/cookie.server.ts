// SPDX-License-Identifier: EUPL-1.2
// The session cookie: httpOnly, SameSite=Lax, Secure in production. It lives as long as
// the session's absolute limit; inactivity is enforced on the server, so the cookie
// need not be rewritten when the session slides.
import { useSecureCookies } from "~/env.server";
import { SESSION_ABSOLUTE_MS } from "./session.server";

export const SESSION_COOKIE = "__session";

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(value.join("="));
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function sessionCookie(token: string): string {
  const maxAge = Math.floor(SESSION_ABSOLUTE_MS / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${useSecureCookies() ? "; Secure" : ""}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${useSecureCookies() ? "; Secure" : ""}`;
}
