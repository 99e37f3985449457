// SPDX-License-Identifier: EUPL-1.2
// A municipality's own sign-in service, as an admin configures it (issue #18): an OpenID Connect
// provider now, SAML later as another `kind` of the same table. What every kind shares lives
// here: the allowed email domains, where the email is, the value that makes a coordinator, and
// who gets an account on first sign-in.
import type { Kysely } from "kysely";
import { z } from "zod";
import { genitiveOf, officialNameOf } from "~/lib/municipality-name";
import { iso } from "~/lib/time";
import { fields, parseForm, type FieldErrors } from "~/lib/validation";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import type { AccountPolicy, Database } from "~db/schema";
import { encryptSecret, secretsUnavailable } from "./secrets.server";

/** A provider as sign-in uses it. */
export interface IdentityProvider {
  id: string;
  kind: "oidc";
  municipalityId: string;
  municipalityName: string;
  municipalityDeactivated: boolean;
  /** "Högsby kommun": what the person sees, and what their session records. */
  displayName: string;
  emailDomains: string[];
  emailAttribute: string;
  coordinatorAttribute: string | null;
  coordinatorValue: string | null;
  accountPolicy: AccountPolicy;
  issuer: string;
  clientId: string;
  clientSecretEncrypted: string;
  updatedAt: string;
}

const PROVIDER_COLUMNS = [
  "identity_provider.id",
  "identity_provider.kind",
  "identity_provider.municipality_id",
  "identity_provider.email_domains",
  "identity_provider.email_attribute",
  "identity_provider.coordinator_attribute",
  "identity_provider.coordinator_value",
  "identity_provider.account_policy",
  "identity_provider.oidc_issuer",
  "identity_provider.oidc_client_id",
  "identity_provider.oidc_client_secret_encrypted",
  "identity_provider.updated_at",
  "municipality.name as municipalityName",
  "municipality.official_name as municipalityOfficialName",
  "municipality.deactivated_at as municipalityDeactivatedAt",
] as const;

function providerQuery(db: Kysely<Database>) {
  return db.selectFrom("identity_provider").innerJoin("municipality", "municipality.id", "identity_provider.municipality_id").select(PROVIDER_COLUMNS);
}

type ProviderRow = Awaited<ReturnType<ReturnType<typeof providerQuery>["executeTakeFirstOrThrow"]>>;

function toProvider(row: ProviderRow): IdentityProvider {
  return {
    id: row.id,
    kind: row.kind,
    municipalityId: row.municipality_id,
    municipalityName: row.municipalityName,
    municipalityDeactivated: row.municipalityDeactivatedAt !== null,
    displayName: officialNameOf(row.municipalityName, row.municipalityOfficialName),
    emailDomains: splitDomains(row.email_domains),
    emailAttribute: row.email_attribute,
    coordinatorAttribute: row.coordinator_attribute,
    coordinatorValue: row.coordinator_value,
    accountPolicy: row.account_policy,
    issuer: row.oidc_issuer ?? "",
    clientId: row.oidc_client_id ?? "",
    clientSecretEncrypted: row.oidc_client_secret_encrypted ?? "",
    updatedAt: row.updated_at,
  };
}

function splitDomains(stored: string): string[] {
  return stored.split(",").filter(Boolean);
}

export async function findIdentityProvider(db: Kysely<Database>, providerId: string): Promise<IdentityProvider | undefined> {
  const row = await providerQuery(db).where("identity_provider.id", "=", providerId).executeTakeFirst();
  return row ? toProvider(row) : undefined;
}

/** The buttons on /logga-in: one per active municipality with a provider. */
export async function listSignInChoices(db: Kysely<Database>): Promise<Array<{ id: string; label: string }>> {
  const rows = await providerQuery(db).where("municipality.deactivated_at", "is", null).orderBy("municipality.name").execute();
  return rows.map(toProvider).map((p) => ({ id: p.id, label: `Logga in med ${genitiveOf(p.displayName)} konto` }));
}

/** The provider whose allowed domains hold this address, so that typing it on /logga-in leads there. */
export async function providerForEmail(db: Kysely<Database>, email: string): Promise<IdentityProvider | undefined> {
  const domain = domainOf(email);
  if (!domain) return undefined;
  const rows = await providerQuery(db).where("municipality.deactivated_at", "is", null).execute();
  return rows.map(toProvider).find((p) => p.emailDomains.includes(domain));
}

export function domainOf(email: string): string | null {
  const at = email.lastIndexOf("@");
  return at > 0 ? email.slice(at + 1).trim().toLowerCase() : null;
}

// The admin's form.

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ATTRIBUTE = /^[A-Za-z0-9_.:/-]{1,200}$/;

/** http only for a provider on this machine (a test or development provider); anything else must be https. */
export function issuerProblem(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Skriv utfärdarens adress i formen https://login.microsoftonline.com/…/v2.0.";
  }
  if (url.search || url.hash) return "Utfärdarens adress får inte ha frågetecken eller #.";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return null;
  return "Utfärdarens adress måste börja med https://.";
}

const providerSchema = z
  .object({
    issuer: z
      .string({ error: "Fyll i utfärdarens adress." })
      .trim()
      .min(1, "Fyll i utfärdarens adress.")
      .max(500, "Adressen får ha högst 500 tecken.")
      .superRefine((value, ctx) => {
        const problem = issuerProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    clientId: z.string({ error: "Fyll i klient-id." }).trim().min(1, "Fyll i klient-id.").max(200, "Klient-id får ha högst 200 tecken."),
    clientSecret: z.string().max(500, "Klienthemligheten får ha högst 500 tecken.").optional(),
    emailDomains: z
      .string({ error: "Fyll i minst en e-postdomän." })
      .transform((value) => [...new Set(value.split(/[\s,;]+/).map((d) => d.trim().toLowerCase().replace(/^@/, "")).filter(Boolean))])
      .pipe(
        z
          .array(z.string())
          .min(1, "Fyll i minst en e-postdomän.")
          .max(20, "Högst 20 domäner.")
          .refine((list) => list.every((d) => DOMAIN.test(d)), "Skriv domänerna som hogsby.se, åtskilda med kommatecken."),
      ),
    emailAttribute: z
      .string()
      .optional()
      .transform((v) => v?.trim() || "email")
      .pipe(z.string().regex(ATTRIBUTE, "Anspråket skrivs med bokstäver, siffror och _ . : / -.")),
    coordinatorAttribute: fields.text("gruppanspråket", 200).optional(),
    coordinatorValue: fields.text("gruppvärdet", 200).optional(),
    accountPolicy: z.enum(["invited", "domain"], { error: "Välj vem som får logga in." }),
  })
  .superRefine((value, ctx) => {
    if (value.coordinatorAttribute && !ATTRIBUTE.test(value.coordinatorAttribute)) {
      ctx.addIssue({ code: "custom", path: ["coordinatorAttribute"], message: "Anspråket skrivs med bokstäver, siffror och _ . : / -." });
    }
    if (Boolean(value.coordinatorAttribute) !== Boolean(value.coordinatorValue)) {
      ctx.addIssue({ code: "custom", path: [value.coordinatorAttribute ? "coordinatorValue" : "coordinatorAttribute"], message: "Fyll i både gruppanspråk och värde, eller inget av dem." });
    }
  });

export type ProviderFormValues = Record<string, string>;

export type SaveProviderOutcome =
  | { kind: "saved"; message: string }
  | { kind: "errors"; status: 400 | 404; errors: FieldErrors; values: ProviderFormValues };

/**
 * Creates or updates the municipality's OpenID Connect provider. The secret is written only
 * when one is typed, so changing a domain does not mean pasting the secret again.
 */
export async function saveOidcProvider(
  db: Kysely<Database>,
  input: { actorId: string; municipalityId: string; form: FormData },
  now: Date = new Date(),
): Promise<SaveProviderOutcome> {
  const parsed = parseForm(providerSchema, input.form);
  const values = parsed.ok ? formValuesOf(input.form) : withoutSecret(parsed.values);
  if (!parsed.ok) return { kind: "errors", status: 400, errors: parsed.errors, values };
  const municipality = await db.selectFrom("municipality").select("id").where("id", "=", input.municipalityId).executeTakeFirst();
  if (!municipality) return { kind: "errors", status: 404, errors: { form: "Kommunen finns inte." }, values };

  const unavailable = secretsUnavailable();
  if (unavailable) return { kind: "errors", status: 400, errors: { clientSecret: unavailable }, values };

  const data = parsed.data;
  const existing = await db
    .selectFrom("identity_provider")
    .select(["id", "oidc_client_secret_encrypted"])
    .where("municipality_id", "=", input.municipalityId)
    .where("kind", "=", "oidc")
    .executeTakeFirst();
  const secret = data.clientSecret?.trim();
  if (!secret && !existing?.oidc_client_secret_encrypted) return { kind: "errors", status: 400, errors: { clientSecret: "Fyll i klienthemligheten." }, values };

  // A domain belongs to one municipality: otherwise an address would not say where to sign in.
  const others = await db.selectFrom("identity_provider").select("email_domains").where("municipality_id", "!=", input.municipalityId).execute();
  const taken = new Set(others.flatMap((row) => splitDomains(row.email_domains)));
  const clash = data.emailDomains.find((d) => taken.has(d));
  if (clash) return { kind: "errors", status: 400, errors: { emailDomains: `Domänen ${clash} används redan av en annan kommuns inloggning.` }, values };

  const settings = {
    email_domains: data.emailDomains.join(","),
    email_attribute: data.emailAttribute,
    coordinator_attribute: data.coordinatorAttribute || null,
    coordinator_value: data.coordinatorValue || null,
    account_policy: data.accountPolicy,
    oidc_issuer: data.issuer,
    oidc_client_id: data.clientId,
    oidc_client_secret_encrypted: secret ? encryptSecret(secret) : existing!.oidc_client_secret_encrypted,
    updated_at: iso(now),
  };
  await db.transaction().execute(async (trx) => {
    if (existing) await trx.updateTable("identity_provider").set(settings).where("id", "=", existing.id).execute();
    else await trx.insertInto("identity_provider").values({ id: newId(), municipality_id: input.municipalityId, kind: "oidc", created_at: iso(now), ...settings }).execute();
    await recordAuditEvent(trx, {
      action: "identity_provider.saved",
      actorId: input.actorId,
      subject: input.municipalityId,
      municipalityId: input.municipalityId,
      details: { kind: "oidc", issuer: data.issuer, domains: data.emailDomains, accountPolicy: data.accountPolicy, secretChanged: Boolean(secret) },
      now,
    });
  });
  return { kind: "saved", message: "Inloggningen med kommunens konto är sparad." };
}

export async function removeOidcProvider(db: Kysely<Database>, input: { actorId: string; municipalityId: string }, now: Date = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("identity_provider").where("municipality_id", "=", input.municipalityId).where("kind", "=", "oidc").executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await recordAuditEvent(trx, { action: "identity_provider.removed", actorId: input.actorId, subject: input.municipalityId, municipalityId: input.municipalityId, details: { kind: "oidc" }, now });
    return true;
  });
}

/** What the admin's form shows: everything but the secret, of which it says only whether one is stored. */
export async function oidcProviderFormValues(db: Kysely<Database>, municipalityId: string): Promise<{ values: ProviderFormValues; hasSecret: boolean; configured: boolean }> {
  const row = await providerQuery(db).where("identity_provider.municipality_id", "=", municipalityId).where("identity_provider.kind", "=", "oidc").executeTakeFirst();
  if (!row) return { values: { emailAttribute: "email", accountPolicy: "invited" }, hasSecret: false, configured: false };
  const p = toProvider(row);
  return {
    values: {
      issuer: p.issuer,
      clientId: p.clientId,
      emailDomains: p.emailDomains.join(", "),
      emailAttribute: p.emailAttribute,
      coordinatorAttribute: p.coordinatorAttribute ?? "",
      coordinatorValue: p.coordinatorValue ?? "",
      accountPolicy: p.accountPolicy,
    },
    hasSecret: Boolean(p.clientSecretEncrypted),
    configured: true,
  };
}

function formValuesOf(form: FormData): ProviderFormValues {
  const values: ProviderFormValues = {};
  for (const [key, value] of form) if (typeof value === "string") values[key] = value.slice(0, 500);
  return withoutSecret(values);
}

function withoutSecret(values: ProviderFormValues): ProviderFormValues {
  const { clientSecret: _secret, ...rest } = values;
  return rest;
}
