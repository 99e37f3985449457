// SPDX-License-Identifier: EUPL-1.2
// The municipality's profile: who it is on its pages, in its emails and on its certificates
// (issue #15, docs/decisions/025-municipal-identity.md). Kept in the browser by the municipality's
// coordinator or an admin (can.editMunicipalityProfile); each save is audited.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { iso } from "~/lib/time";
import { formValues, parseForm, type FieldErrors } from "~/lib/validation";
import { setMunicipalityRequiresSecondFactor } from "~/modules/auth/second-factor.server";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import type { Database } from "~db/schema";
import { prepareLogo, type LogoType } from "./logo.server";
import { submitCoordinatorInvitationForm } from "./coordinator-invitations.server";
import { setMunicipalityActive, updateMunicipality } from "./municipalities.server";
import { officialNameOf } from "~/lib/municipality-name";

export interface MunicipalityProfile {
  id: string;
  slug: string;
  /** The short name used everywhere in the app ("Högsby"). */
  name: string;
  /** "Högsby kommun": as the municipality signs; the short name with "kommun" until it is set. */
  officialName: string;
  contact: { name: string | null; title: string | null; email: string | null; phone: string | null };
  postalAddress: string | null;
  website: string | null;
  emailSenderName: string | null;
  issuer: { name: string | null; title: string | null };
  logo: { contentType: LogoType; sha256: string; width: number | null; height: number | null } | null;
  deactivatedAt: string | null;
}

export async function getMunicipalityProfile(db: Kysely<Database>, municipalityId: string): Promise<MunicipalityProfile | undefined> {
  const row = await db
    .selectFrom("municipality as m")
    .leftJoin("municipality_logo as l", "l.municipality_id", "m.id")
    .select([
      "m.id",
      "m.slug",
      "m.name",
      "m.official_name",
      "m.contact_name",
      "m.contact_title",
      "m.contact_email",
      "m.contact_phone",
      "m.postal_address",
      "m.website",
      "m.email_sender_name",
      "m.issuer_name",
      "m.issuer_title",
      "m.deactivated_at",
      "l.content_type as logo_type",
      "l.sha256 as logo_sha256",
      "l.width as logo_width",
      "l.height as logo_height",
    ])
    .where("m.id", "=", municipalityId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    officialName: officialNameOf(row.name, row.official_name),
    contact: { name: row.contact_name, title: row.contact_title, email: row.contact_email, phone: row.contact_phone },
    postalAddress: row.postal_address,
    website: row.website,
    emailSenderName: row.email_sender_name,
    issuer: { name: row.issuer_name, title: row.issuer_title },
    logo: row.logo_type && row.logo_sha256 ? { contentType: row.logo_type, sha256: row.logo_sha256, width: row.logo_width, height: row.logo_height } : null,
    deactivatedAt: row.deactivated_at,
  };
}

// Control characters never belong in a one-line field; in the sender name a line break or a
// quote would also let someone write their own mail headers.
const CONTROL = /[\u0000-\u001f\u007f]/;

const line = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label} får ha högst ${max} tecken.`)
    .refine((v) => !CONTROL.test(v), `${label} innehåller otillåtna tecken.`)
    .optional()
    .transform((v) => (v ? v : null));

export const profileSchema = z.object({
  officialName: z
    .string({ error: "Fyll i kommunens officiella namn." })
    .trim()
    .min(2, "Fyll i kommunens officiella namn, till exempel ”Högsby kommun”.")
    .max(120, "Namnet får ha högst 120 tecken.")
    .refine((v) => !CONTROL.test(v), "Namnet innehåller otillåtna tecken."),
  contactName: line("Kontaktpersonens namn", 120),
  contactTitle: line("Titeln", 120),
  contactEmail: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, "E-postadressen är för lång.")
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || z.email().safeParse(v).success, "Skriv e-postadressen i formen namn@kommun.se."),
  contactPhone: z
    .string()
    .trim()
    .max(30, "Telefonnumret får ha högst 30 tecken.")
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\+?[0-9][0-9 ()-]{3,}[0-9]$/.test(v), "Skriv telefonnumret med siffror, till exempel 0491-290 00 eller +46 491 290 00."),
  postalAddress: z
    .string()
    .trim()
    .max(300, "Adressen får ha högst 300 tecken.")
    .refine((v) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/.test(v), "Adressen innehåller otillåtna tecken.")
    .optional()
    .transform((v) => (v ? v : null)),
  website: z
    .string()
    .trim()
    .max(300, "Adressen får ha högst 300 tecken.")
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isWebAddress(v), "Skriv webbplatsens hela adress, till exempel https://www.hogsby.se."),
  emailSenderName: line("Avsändarnamnet", 80).refine((v) => v === null || !/["<>\\]/.test(v), "Avsändarnamnet får inte innehålla citattecken, < eller >."),
  issuerName: line("Utfärdarens namn", 120),
  issuerTitle: line("Utfärdarens titel", 120),
});

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".") && !url.username && !url.password;
  } catch {
    return false;
  }
}

export type ProfileOutcome = { ok: true } | { ok: false; status: 400 | 404; errors: FieldErrors; values?: Record<string, string> };

const NOT_FOUND: ProfileOutcome = { ok: false, status: 404, errors: { form: "Kommunen finns inte." } };

/** Saves the profile's fields; another municipality's profile does not exist for a coordinator. */
export async function saveMunicipalityProfile(
  db: Kysely<Database>,
  input: { actor: SessionUser; municipalityId: string; form: FormData; now?: Date },
): Promise<ProfileOutcome> {
  if (!can.editMunicipalityProfile(input.actor, input.municipalityId)) return NOT_FOUND;
  const parsed = parseForm(profileSchema, input.form);
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors, values: parsed.values };
  const now = input.now ?? new Date();
  const p = parsed.data;
  return db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable("municipality")
      .set({
        official_name: p.officialName,
        contact_name: p.contactName,
        contact_title: p.contactTitle,
        contact_email: p.contactEmail,
        contact_phone: p.contactPhone,
        postal_address: p.postalAddress,
        website: p.website,
        email_sender_name: p.emailSenderName,
        issuer_name: p.issuerName,
        issuer_title: p.issuerTitle,
        profile_updated_at: iso(now),
      })
      .where("id", "=", input.municipalityId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return NOT_FOUND;
    await recordAuditEvent(trx, {
      action: "municipality.profile",
      actorId: input.actor.id,
      subject: input.municipalityId,
      municipalityId: input.municipalityId,
      details: { officialName: p.officialName },
      now,
    });
    return { ok: true } as const;
  });
}

/** Checks, rewrites and stores a new logo in place of the old one. */
export async function saveMunicipalityLogo(
  db: Kysely<Database>,
  input: { actor: SessionUser; municipalityId: string; file: File | null; now?: Date },
): Promise<ProfileOutcome> {
  if (!can.editMunicipalityProfile(input.actor, input.municipalityId)) return NOT_FOUND;
  if (!input.file || typeof input.file === "string") return { ok: false, status: 400, errors: { logo: "Välj en bildfil." } };
  const prepared = await prepareLogo({ size: input.file.size, bytes: new Uint8Array(await input.file.arrayBuffer()) });
  if (!prepared.ok) return { ok: false, status: 400, errors: { logo: prepared.message } };
  const now = input.now ?? new Date();
  const { logo } = prepared;
  const sha256 = createHash("sha256").update(logo.data).digest("hex");
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("municipality").select("id").where("id", "=", input.municipalityId).executeTakeFirst();
    if (!exists) return NOT_FOUND;
    const values = { content_type: logo.contentType, data: logo.data, sha256, width: logo.width, height: logo.height, uploaded_by: input.actor.id, uploaded_at: iso(now) };
    await trx
      .insertInto("municipality_logo")
      .values({ municipality_id: input.municipalityId, ...values })
      .onConflict((oc) => oc.column("municipality_id").doUpdateSet(values))
      .execute();
    await recordAuditEvent(trx, {
      action: "municipality.logo",
      actorId: input.actor.id,
      subject: input.municipalityId,
      municipalityId: input.municipalityId,
      details: { contentType: logo.contentType, bytes: logo.data.length, sha256 },
      now,
    });
    return { ok: true } as const;
  });
}

export async function removeMunicipalityLogo(db: Kysely<Database>, input: { actor: SessionUser; municipalityId: string; now?: Date }): Promise<ProfileOutcome> {
  if (!can.editMunicipalityProfile(input.actor, input.municipalityId)) return NOT_FOUND;
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("municipality_logo").where("municipality_id", "=", input.municipalityId).execute();
    await recordAuditEvent(trx, { action: "municipality.logo", actorId: input.actor.id, subject: input.municipalityId, municipalityId: input.municipalityId, details: { removed: true }, now: input.now });
  });
  return { ok: true };
}

/** The stored logo's bytes, for its route and the certificate PDF. */
export async function readMunicipalityLogo(db: Kysely<Database>, municipalityId: string): Promise<{ contentType: LogoType; data: Uint8Array; sha256: string } | undefined> {
  const row = await db.selectFrom("municipality_logo").select(["content_type", "data", "sha256"]).where("municipality_id", "=", municipalityId).executeTakeFirst();
  return row ? { contentType: row.content_type, data: new Uint8Array(row.data), sha256: row.sha256 } : undefined;
}

export type ProfileFormOutcome =
  | { kind: "saved"; what: "profile" | "logo" | "logo-removed" }
  | { kind: "errors"; status: 400 | 404; errors: FieldErrors; values: Record<string, string> };

/** The profile page's forms, by their intent: the profile's fields, a new logo, or no logo. */
export async function submitProfileForm(db: Kysely<Database>, input: { actor: SessionUser; municipalityId: string; form: FormData; now?: Date }): Promise<ProfileFormOutcome> {
  const intent = input.form.get("intent");
  const failed = (outcome: ProfileOutcome, values: Record<string, string> = {}): ProfileFormOutcome =>
    outcome.ok ? { kind: "errors", status: 400, errors: {}, values } : { kind: "errors", status: outcome.status, errors: outcome.errors, values: outcome.values ?? values };
  if (intent === "profile") {
    const outcome = await saveMunicipalityProfile(db, input);
    return outcome.ok ? { kind: "saved", what: "profile" } : failed(outcome);
  }
  if (intent === "logo") {
    const file = input.form.get("logo");
    const outcome = await saveMunicipalityLogo(db, { ...input, file: file instanceof File && file.size > 0 ? file : null });
    return outcome.ok ? { kind: "saved", what: "logo" } : failed(outcome);
  }
  if (intent === "remove-logo") {
    const outcome = await removeMunicipalityLogo(db, input);
    return outcome.ok ? { kind: "saved", what: "logo-removed" } : failed(outcome);
  }
  return { kind: "errors", status: 400, errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." }, values: {} };
}

/** The logo's address: its hash in the query, so a new logo is fetched at once and an old one may be cached long. */
export function logoUrl(profile: Pick<MunicipalityProfile, "slug" | "logo">): string | null {
  return profile.logo ? `/om/${profile.slug}/logotyp?v=${profile.logo.sha256.slice(0, 16)}` : null;
}

/** The profile's fields as the form shows them. */
export function profileFormValues(profile: MunicipalityProfile): Record<string, string> {
  return {
    officialName: profile.officialName,
    contactName: profile.contact.name ?? "",
    contactTitle: profile.contact.title ?? "",
    contactEmail: profile.contact.email ?? "",
    contactPhone: profile.contact.phone ?? "",
    postalAddress: profile.postalAddress ?? "",
    website: profile.website ?? "",
    emailSenderName: profile.emailSenderName ?? "",
    issuerName: profile.issuer.name ?? "",
    issuerTitle: profile.issuer.title ?? "",
  };
}

/** What the public "Om tjänsten" page shows: the profile without anything internal. */
export async function aboutPageOf(db: Kysely<Database>, municipalityId: string) {
  const profile = await getMunicipalityProfile(db, municipalityId);
  if (!profile) return undefined;
  return {
    slug: profile.slug,
    name: profile.name,
    officialName: profile.officialName,
    contact: profile.contact,
    postalAddress: profile.postalAddress,
    website: profile.website,
    logoUrl: logoUrl(profile),
  };
}

const municipalitySchema = z.object({
  name: z.string({ error: "Fyll i kommunens namn." }).trim().min(2, "Fyll i kommunens namn.").max(100, "Namnet får ha högst 100 tecken.").refine((v) => !CONTROL.test(v), "Namnet innehåller otillåtna tecken."),
  county: z.string({ error: "Fyll i länet." }).trim().min(2, "Fyll i vilket län kommunen ligger i.").max(100, "Länet får ha högst 100 tecken.").refine((v) => !CONTROL.test(v), "Länet innehåller otillåtna tecken."),
  slug: z.string({ error: "Fyll i ett kortnamn." }).trim().min(1, "Fyll i ett kortnamn."),
});

export type AdminMunicipalityOutcome =
  | { kind: "saved"; message: string; slug?: string }
  | { kind: "errors"; status: 400 | 404; form: "municipality" | "profile" | "logo" | "active" | "invitation"; errors: FieldErrors; values: Record<string, string> };

/** The admin's page for one municipality: its name and address, whether it is active, and the profile forms. */
export async function submitAdminMunicipalityForm(
  db: Kysely<Database>,
  input: { actor: SessionUser; municipalityId: string; form: FormData; now?: Date },
): Promise<AdminMunicipalityOutcome> {
  const intent = input.form.get("intent");
  if (!can.manageMunicipalities(input.actor)) return { kind: "errors", status: 404, form: "municipality", errors: { form: "Kommunen finns inte." }, values: {} };
  if (intent === "municipality") {
    const parsed = parseForm(municipalitySchema, input.form);
    if (!parsed.ok) return { kind: "errors", status: 400, form: "municipality", errors: parsed.errors, values: parsed.values };
    const result = await updateMunicipality(db, { id: input.municipalityId, ...parsed.data, actorId: input.actor.id }, input.now);
    if (result.status === "not_found") return { kind: "errors", status: 404, form: "municipality", errors: { form: "Kommunen finns inte." }, values: {} };
    if (result.status !== "saved") {
      const message =
        result.status === "slug_taken"
          ? `Kortnamnet ”${result.slug}” används, eller har använts, av en annan kommun. Välj ett annat.`
          : "Kortnamnet får bara innehålla små bokstäver a–z, siffror och bindestreck.";
      return { kind: "errors", status: 400, form: "municipality", errors: { slug: message }, values: formValues(input.form) };
    }
    return { kind: "saved", message: "Kommunen är sparad. Adresser med det gamla kortnamnet leder hit.", slug: result.slug };
  }
  if (intent === "deactivate" || intent === "reactivate") {
    const result = await setMunicipalityActive(db, { id: input.municipalityId, active: intent === "reactivate", actorId: input.actor.id }, input.now);
    if (result === "not_found") return { kind: "errors", status: 404, form: "active", errors: { form: "Kommunen finns inte." }, values: {} };
    return {
      kind: "saved",
      message: intent === "deactivate" ? "Kommunen är avaktiverad. Dess personer kan inte logga in, och ingen kan bjudas in." : "Kommunen är aktiv igen.",
    };
  }
  if (intent === "second-factor") {
    const required = input.form.get("mfaAllRoles") === "ja";
    if (!(await setMunicipalityRequiresSecondFactor(db, input.actor, input.municipalityId, required, input.now))) {
      return { kind: "errors", status: 404, form: "municipality", errors: { form: "Kommunen finns inte." }, values: {} };
    }
    return {
      kind: "saved",
      message: required ? "Alla i kommunen som loggar in med lösenord behöver nu tvåstegsverifiering." : "Tvåstegsverifiering krävs nu av samordnare och administratörer.",
    };
  }
  if (intent === "invite-coordinator" || intent === "resend" || intent === "withdraw") {
    const invited = await submitCoordinatorInvitationForm(db, input);
    if (invited.ok) return { kind: "saved", message: invited.message };
    return { kind: "errors", status: invited.status, form: "invitation", errors: invited.errors, values: invited.values ?? {} };
  }
  const outcome = await submitProfileForm(db, input);
  if (outcome.kind === "saved") return { kind: "saved", message: { profile: "Uppgifterna är sparade.", logo: "Logotypen är sparad.", "logo-removed": "Logotypen är borttagen." }[outcome.what] };
  return { ...outcome, form: intent === "logo" ? "logo" : "profile" };
}
