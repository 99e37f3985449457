// SPDX-License-Identifier: EUPL-1.2
// Every environment variable the app and its server read, in one schema: a wrong value stops
// the server at start with a clear message, before it forks or listens.
//
// server/index.js and server/app.js are plain JavaScript that Node runs outside the Vite build,
// and they import this file as it is (Node 24 strips the types). So it keeps to what Node can
// run that way: only relative and package imports (no "~/"), and types that erase (no enums).
// docs/decisions/020-request-context-and-config.md says why.
import { z } from "zod";
import { trustProxySetting } from "../server/trust-proxy.js";

/** An unset or empty variable is the default; anything else must be a whole number within the bounds. */
const wholeNumber = (min: number, max: number, fallback: number, unit: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: "custom", message: `måste vara ett helt antal ${unit} (${min}–${max}), inte "${value}"` });
        return z.NEVER;
      }
      return number;
    });

const text = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value === undefined || value.trim() === "" ? fallback : value));

export const DEFAULT_RETENTION_MONTHS = 24;

/**
 * Why a SECRETS_KEY cannot protect stored secrets (identity providers' client secrets), or null.
 * 32 random bytes in base64 (`openssl rand -base64 32`); a short, padded or repetitive key is refused,
 * since AES-256-GCM is only as strong as its key.
 */
export function secretsKeyProblem(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return "saknas (32 slumpmässiga byte i base64, t.ex. från openssl rand -base64 32)";
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/]{43}=$/.test(trimmed)) return "måste vara 32 byte i base64 (44 tecken, t.ex. från openssl rand -base64 32)";
  const bytes = Buffer.from(trimmed, "base64");
  // 32 random bytes almost never repeat enough to have fewer than 16 different values.
  if (bytes.length !== 32 || new Set(bytes).size < 16) return "är för svag: använd 32 slumpmässiga byte (openssl rand -base64 32)";
  return null;
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

  // The store: SQLite file (default ./data/coachportalen.db) or a postgres:// URL.
  DATABASE_URL: z.string().min(1).optional(),
  // PostgreSQL connections per process; several processes share the server's max_connections.
  DATABASE_POOL_SIZE: wholeNumber(1, 100, 10, "anslutningar"),

  APP_URL: z.url().default("http://localhost:3000"),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),

  SMTP_URL: z.string().regex(/^smtps?:\/\//, "måste börja med smtp:// eller smtps://").optional(),
  MAIL_FROM: z.string().default("Coachportalen <no-reply@coachportalen.se>"),
  // How often each instance delivers the outbox when SMTP_URL is set.
  OUTBOX_INTERVAL_SECONDS: wholeNumber(1, 3600, 15, "sekunder"),

  // How long a person with whom nothing happens is kept before anonymisation (people/retention).
  RETENTION_MONTHS: wholeNumber(1, 1200, DEFAULT_RETENTION_MONTHS, "månader"),

  CONTENT_DIR: text("content"),
  // Where the production build (and beside it the compiled content index) lies.
  BUILD_DIR: text("build"),
  // Names the code that rendered a page in ETags, where the server bundle cannot be read.
  BUILD_ID: z.string().optional(),

  PORT: wholeNumber(1, 65535, 3000, "portnummer"),
  HOST: text("0.0.0.0"),
  // Worker processes in production; each takes its share of the CPU cores.
  WEB_CONCURRENCY: wholeNumber(1, 64, 1, "processer"),
  // Each worker's old-space limit; see server/index.js.
  WORKER_HEAP_MB: wholeNumber(64, 16384, 192, "megabyte"),
  SHUTDOWN_TIMEOUT_SECONDS: wholeNumber(1, 3600, 10, "sekunder"),
  // Read only to see whether --max-old-space-size is set there already.
  NODE_OPTIONS: z.string().optional(),
  // A second factor for coordinators and admins who sign in with a password (issue #18). "false"
  // switches the requirement off, for a demo or a deployment behind its own MFA; people who have
  // enrolled are asked for their code all the same.
  REQUIRE_MFA: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === "") return true;
      if (value === "true" || value === "false") return value === "true";
      ctx.addIssue({ code: "custom", message: `måste vara true eller false, inte "${value}"` });
      return z.NEVER;
    }),
  // The key that encrypts identity providers' client secrets; required once a provider is configured.
  SECRETS_KEY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined || value.trim() === "") return;
      const problem = secretsKeyProblem(value);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  // How long Coachportalen waits for an identity provider's answer (each call).
  OIDC_TIMEOUT_SECONDS: wholeNumber(1, 60, 10, "sekunder"),
  // Which proxies may state a client's address; server/trust-proxy.js says what is accepted.
  TRUST_PROXY: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      try {
        trustProxySetting(value);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: error instanceof Error ? error.message : String(error) });
      }
    }),
});

export type Env = z.infer<typeof schema>;
type Source = Record<string, string | undefined>;

function problemsOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "?"}: ${issue.message}`).join("; ");
}

/** The whole environment, or an Error naming every wrong variable. */
export function parseEnv(source: Source = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Felaktig miljövariabel: ${problemsOf(parsed.error)}`);
  return parsed.data;
}

/**
 * One variable as it is now. For what tests and scripts may set after start (CONTENT_DIR,
 * NODE_ENV) and for the values read once outside a request; the same rules as parseEnv.
 */
export function envValue<K extends keyof Env>(name: K, value: string | undefined = process.env[name]): Env[K] {
  const parsed = schema.shape[name].safeParse(value);
  if (!parsed.success) throw new Error(`Felaktig miljövariabel: ${name}: ${problemsOf(parsed.error).replace(/^\?: /, "")}`);
  return parsed.data as Env[K];
}

let cached: Env | undefined;
/** The environment as it was at the first call: parsed once, for values read on every request. */
export function env(): Env {
  cached ??= parseEnv();
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
