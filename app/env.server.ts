// SPDX-License-Identifier: EUPL-1.2
// Environment parsed once, at start-up: a wrong value fails loudly before any request.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().min(1).optional(),
  APP_URL: z.url().default("http://localhost:3000"),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "SMTP_URL måste börja med smtp:// eller smtps://").optional(),
  MAIL_FROM: z.string().default("Coachportalen <no-reply@coachportalen.se>"),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  // How often each instance delivers the outbox when SMTP_URL is set.
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;
export function env(): Env {
  if (!cached) {
    const parsed = schema.safeParse(process.env);
    if (!parsed.success) {
      throw new Error(`Felaktig miljövariabel: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Links in emails point here. */
export function appUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

export function useSecureCookies(): boolean {
  const e = env();
  return e.SECURE_COOKIES ? e.SECURE_COOKIES === "true" : e.NODE_ENV === "production" && e.APP_URL.startsWith("https:");
}
