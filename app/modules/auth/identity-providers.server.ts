// SPDX-License-Identifier: EUPL-1.2
// A municipality's own sign-in service, as an admin configures it (issue #18): an OpenID Connect
// provider or a SAML 2.0 IdP (Skolfederation), as two `kind`s of the same table. What every kind shares lives
// here: the allowed email domains, where the email is, the value that makes a coordinator, and
// who gets an account on first sign-in.
import type { Insertable, Kysely } from "kysely";
import { z } from "zod";
import { genitiveOf, officialNameOf } from "~/lib/municipality-name";
import { iso } from "~/lib/time";
import { fields, parseForm, type FieldErrors } from "~/lib/validation";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import type { AccountPolicy, Database, IdentityProviderKind, IdentityProviderTable } from "~db/schema";
import { fetchIdpMetadata, parseIdpMetadata, type IdpMetadata } from "./saml-metadata.server";
import { encryptSecret, secretsUnavailable } from "./secrets.server";

/** A provider as sign-in uses it. */
export interface IdentityProvider {
  id: string;
  kind: IdentityProviderKind;
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
  samlMetadataUrl: string | null;
  samlMetadataFetchedAt: string | null;
  samlEntityId: string;
  samlSsoUrl: string;
  samlCertificates: string[];
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
  "identity_provider.saml_metadata_url",
  "identity_provider.saml_metadata_fetched_at",
  "identity_provider.saml_entity_id",
  "identity_provider.saml_sso_url",
  "identity_provider.saml_certificates",
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
    samlMetadataUrl: row.saml_metadata_url,
    samlMetadataFetchedAt: row.saml_metadata_fetched_at,
    samlEntityId: row.saml_entity_id ?? "",
    samlSsoUrl: row.saml_sso_url ?? "",
    samlCertificates: row.saml_certificates ? (JSON.parse(row.saml_certificates) as string[]) : [],
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

/** Where a sign-in through this provider starts. */
export function signInPath(provider: Pick<IdentityProvider, "id" | "kind">): string {
  return `/logga-in/${provider.kind}/${provider.id}`;
}

/** The buttons on /logga-in: one per active municipality and kind of provider. */
export async function listSignInChoices(db: Kysely<Database>): Promise<Array<{ id: string; label: string; path: string }>> {
  const rows = await providerQuery(db).where("municipality.deactivated_at", "is", null).orderBy("municipality.name").orderBy("identity_provider.kind").execute();
  return rows.map(toProvider).map((p) => ({
    id: p.id,
    label: `Logga in med ${genitiveOf(p.displayName)} konto${p.kind === "saml" ? " via Skolfederation" : ""}`,
    path: signInPath(p),
  }));
}

/** The provider whose allowed domains hold this address, so that typing it on /logga-in leads there. */
export async function providerForEmail(db: Kysely<Database>, email: string): Promise<IdentityProvider | undefined> {
  const domain = domainOf(email);
  if (!domain) return undefined;
  // Staff accounts (OpenID Connect) first, where a municipality has both for one domain.
  const rows = await providerQuery(db).where("municipality.deactivated_at", "is", null).orderBy("identity_provider.kind").execute();
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

// What every kind of provider asks for besides its own connection settings.
const sharedFields = {
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
  coordinatorAttribute: fields.text("gruppanspråket", 200).optional(),
  coordinatorValue: fields.text("gruppvärdet", 200).optional(),
  accountPolicy: z.enum(["invited", "domain"], { error: "Välj vem som får logga in." }),
};

function emailAttributeField(fallback: string) {
  return z
    .string()
    .optional()
    .transform((v) => v?.trim() || fallback)
    .pipe(z.string().regex(ATTRIBUTE, "Anspråket skrivs med bokstäver, siffror och _ . : / -."));
}

function coordinatorRule(value: { coordinatorAttribute?: string; coordinatorValue?: string }, ctx: z.RefinementCtx) {
  if (value.coordinatorAttribute && !ATTRIBUTE.test(value.coordinatorAttribute)) {
    ctx.addIssue({ code: "custom", path: ["coordinatorAttribute"], message: "Anspråket skrivs med bokstäver, siffror och _ . : / -." });
  }
  if (Boolean(value.coordinatorAttribute) !== Boolean(value.coordinatorValue)) {
    ctx.addIssue({ code: "custom", path: [value.coordinatorAttribute ? "coordinatorValue" : "coordinatorAttribute"], message: "Fyll i både gruppanspråk och värde, eller inget av dem." });
  }
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
    emailAttribute: emailAttributeField("email"),
    ...sharedFields,
  })
  .superRefine(coordinatorRule);

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

  const clash = await domainClash(db, input.municipalityId, data.emailDomains);
  if (clash) return { kind: "errors", status: 400, errors: { emailDomains: clash }, values };

  await storeProvider(db, {
    actorId: input.actorId,
    municipalityId: input.municipalityId,
    kind: "oidc",
    existingId: existing?.id,
    shared: data,
    columns: {
      oidc_issuer: data.issuer,
      oidc_client_id: data.clientId,
      oidc_client_secret_encrypted: secret ? encryptSecret(secret) : existing!.oidc_client_secret_encrypted,
    },
    details: { issuer: data.issuer, secretChanged: Boolean(secret) },
    now,
  });
  return { kind: "saved", message: "Inloggningen med kommunens konto är sparad." };
}

// A domain belongs to one municipality: otherwise an address would not say where to sign in.
async function domainClash(db: Kysely<Database>, municipalityId: string, domains: string[]): Promise<string | null> {
  const others = await db.selectFrom("identity_provider").select("email_domains").where("municipality_id", "!=", municipalityId).execute();
  const taken = new Set(others.flatMap((row) => splitDomains(row.email_domains)));
  const clash = domains.find((d) => taken.has(d));
  return clash ? `Domänen ${clash} används redan av en annan kommuns inloggning.` : null;
}

export async function removeIdentityProvider(db: Kysely<Database>, input: { actorId: string; municipalityId: string; kind: IdentityProviderKind }, now: Date = new Date()): Promise<boolean> {
  const kind = input.kind;
  return db.transaction().execute(async (trx) => {
    const result = await trx.deleteFrom("identity_provider").where("municipality_id", "=", input.municipalityId).where("kind", "=", kind).executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) return false;
    await recordAuditEvent(trx, { action: "identity_provider.removed", actorId: input.actorId, subject: input.municipalityId, municipalityId: input.municipalityId, details: { kind }, now });
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

// SAML (Skolfederation).

/** eduPerson's and inetOrgPerson's `mail`, as Skolfederation's IdPs release it. */
export const SAML_DEFAULT_EMAIL_ATTRIBUTE = "urn:oid:0.9.2342.19200300.100.1.3";
// The IdP's keys change rarely, and a federation announces a rollover in advance.
const METADATA_TTL_MS = 24 * 60 * 60 * 1000;

const samlSchema = z
  .object({
    metadataUrl: z
      .string()
      .trim()
      .max(500, "Adressen får ha högst 500 tecken.")
      .optional()
      .superRefine((value, ctx) => {
        if (!value) return;
        const problem = issuerProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: problem.replace("Utfärdarens adress", "Metadataadressen").replace("utfärdarens adress", "metadataadressen") });
      }),
    metadataXml: z.string().max(2 * 1024 * 1024, "Metadatan är för stor (högst 2 MB).").optional(),
    emailAttribute: emailAttributeField(SAML_DEFAULT_EMAIL_ATTRIBUTE),
    ...sharedFields,
  })
  .superRefine(coordinatorRule)
  .superRefine((value, ctx) => {
    if (Boolean(value.metadataUrl) === Boolean(value.metadataXml?.trim())) {
      ctx.addIssue({ code: "custom", path: ["metadataUrl"], message: "Fyll i antingen metadataadressen eller klistra in metadatan, inte båda." });
    }
  });

/**
 * Creates or updates the municipality's SAML identity provider from its metadata: fetched from
 * its address now (and again when a day old), or as pasted.
 */
export async function saveSamlProvider(
  db: Kysely<Database>,
  input: { actorId: string; municipalityId: string; form: FormData },
  now: Date = new Date(),
): Promise<SaveProviderOutcome> {
  const parsed = parseForm(samlSchema, input.form);
  // The pasted metadata comes back whole, so that a fix need not mean pasting it again.
  const values = parsed.ok ? { ...formValuesOf(input.form), metadataXml: String(input.form.get("metadataXml") ?? "") } : parsed.values;
  if (!parsed.ok) return { kind: "errors", status: 400, errors: parsed.errors, values };
  const municipality = await db.selectFrom("municipality").select("id").where("id", "=", input.municipalityId).executeTakeFirst();
  if (!municipality) return { kind: "errors", status: 404, errors: { form: "Kommunen finns inte." }, values };
  const data = parsed.data;
  const clash = await domainClash(db, input.municipalityId, data.emailDomains);
  if (clash) return { kind: "errors", status: 400, errors: { emailDomains: clash }, values };
  const read = data.metadataUrl ? await fetchIdpMetadata(data.metadataUrl) : parseIdpMetadata(data.metadataXml ?? "");
  if (!read.ok) return { kind: "errors", status: 400, errors: { [data.metadataUrl ? "metadataUrl" : "metadataXml"]: read.message }, values };

  const existing = await db.selectFrom("identity_provider").select("id").where("municipality_id", "=", input.municipalityId).where("kind", "=", "saml").executeTakeFirst();
  await storeProvider(db, {
    actorId: input.actorId,
    municipalityId: input.municipalityId,
    kind: "saml",
    existingId: existing?.id,
    shared: data,
    columns: {
      saml_metadata_url: data.metadataUrl || null,
      saml_metadata_xml: data.metadataUrl ? null : (data.metadataXml ?? null),
      ...metadataColumns(read.metadata, now),
    },
    details: { entityId: read.metadata.entityId },
    now,
  });
  return { kind: "saved", message: "Inloggningen via SAML är sparad." };
}

/**
 * Writes a provider's settings (those every kind shares, and its kind's own columns) and audits
 * it, in one transaction: the one way either kind of provider is saved.
 */
async function storeProvider(
  db: Kysely<Database>,
  input: {
    actorId: string;
    municipalityId: string;
    kind: IdentityProviderKind;
    existingId: string | undefined;
    shared: { emailDomains: string[]; emailAttribute: string; coordinatorAttribute?: string; coordinatorValue?: string; accountPolicy: AccountPolicy };
    columns: Partial<Omit<Insertable<IdentityProviderTable>, "id" | "municipality_id" | "kind" | "created_at">>;
    details: Record<string, unknown>;
    now: Date;
  },
): Promise<void> {
  const { shared, now } = input;
  const settings = {
    email_domains: shared.emailDomains.join(","),
    email_attribute: shared.emailAttribute,
    coordinator_attribute: shared.coordinatorAttribute || null,
    coordinator_value: shared.coordinatorValue || null,
    account_policy: shared.accountPolicy,
    ...input.columns,
    updated_at: iso(now),
  };
  await db.transaction().execute(async (trx) => {
    if (input.existingId) await trx.updateTable("identity_provider").set(settings).where("id", "=", input.existingId).execute();
    else await trx.insertInto("identity_provider").values({ id: newId(), municipality_id: input.municipalityId, kind: input.kind, created_at: iso(now), ...settings }).execute();
    await recordAuditEvent(trx, {
      action: "identity_provider.saved",
      actorId: input.actorId,
      subject: input.municipalityId,
      municipalityId: input.municipalityId,
      details: { kind: input.kind, ...input.details, domains: shared.emailDomains, accountPolicy: shared.accountPolicy },
      now,
    });
  });
}

function metadataColumns(metadata: IdpMetadata, now: Date) {
  return {
    saml_entity_id: metadata.entityId,
    saml_sso_url: metadata.ssoUrl,
    saml_certificates: JSON.stringify(metadata.certificates),
    saml_metadata_fetched_at: iso(now),
  };
}

/**
 * The provider with metadata no older than a day: metadata from an address is fetched again
 * when stale. If the address cannot be reached the stored metadata is kept, so that an IdP's
 * brief outage of its metadata does not stop sign-in.
 */
export async function withFreshMetadata(db: Kysely<Database>, provider: IdentityProvider, now: Date = new Date()): Promise<IdentityProvider> {
  if (!provider.samlMetadataUrl) return provider;
  const fetchedAt = provider.samlMetadataFetchedAt ? new Date(provider.samlMetadataFetchedAt).getTime() : 0;
  if (now.getTime() - fetchedAt < METADATA_TTL_MS) return provider;
  const read = await fetchIdpMetadata(provider.samlMetadataUrl);
  if (!read.ok) return provider;
  await db.updateTable("identity_provider").set(metadataColumns(read.metadata, now)).where("id", "=", provider.id).execute();
  return { ...provider, samlEntityId: read.metadata.entityId, samlSsoUrl: read.metadata.ssoUrl, samlCertificates: read.metadata.certificates, samlMetadataFetchedAt: iso(now) };
}

/** What the admin's SAML form shows. */
export async function samlProviderFormValues(db: Kysely<Database>, municipalityId: string): Promise<{ values: ProviderFormValues; configured: boolean; entityId: string | null }> {
  const row = await providerQuery(db).where("identity_provider.municipality_id", "=", municipalityId).where("identity_provider.kind", "=", "saml").executeTakeFirst();
  if (!row) return { values: { emailAttribute: SAML_DEFAULT_EMAIL_ATTRIBUTE, accountPolicy: "invited" }, configured: false, entityId: null };
  const p = toProvider(row);
  const xml = await db.selectFrom("identity_provider").select("saml_metadata_xml").where("id", "=", p.id).executeTakeFirstOrThrow();
  return {
    values: {
      metadataUrl: p.samlMetadataUrl ?? "",
      metadataXml: xml.saml_metadata_xml ?? "",
      emailDomains: p.emailDomains.join(", "),
      emailAttribute: p.emailAttribute,
      coordinatorAttribute: p.coordinatorAttribute ?? "",
      coordinatorValue: p.coordinatorValue ?? "",
      accountPolicy: p.accountPolicy,
    },
    configured: true,
    entityId: p.samlEntityId,
  };
}
