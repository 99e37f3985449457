// SPDX-License-Identifier: EUPL-1.2
// Who a person signed in by their municipality's provider is in Coachportalen (issue #18). Not
// tied to OpenID Connect: it takes the claims (or SAML attributes) the provider vouched
// for. Linked by verified email only, and only within the provider's own municipality;
// Coachportalen's own deactivation stops a person whatever the provider says.
import type { Kysely } from "kysely";
import { genitiveOf } from "~/lib/municipality-name";
import { iso } from "~/lib/time";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { refreshProgressSummary } from "~/modules/roster/progress-summary.server";
import { newId } from "~db/ids.server";
import type { Database, Role } from "~db/schema";
import type { IdentityProvider } from "./identity-providers.server";
import { domainOf } from "./identity-providers.server";
import { claimInvitation } from "./invitation.server";
import { startSignedInSession } from "./second-factor.server";
import { mayUseAccount } from "./session.server";

export type SsoFailure =
  | "state"
  | "replay"
  | "expired"
  | "code"
  | "denied"
  | "invalid_response"
  | "unreachable"
  | "timeout"
  | "misconfigured"
  | "no_email"
  | "unverified"
  | "foreign_domain"
  | "other_municipality"
  | "not_invited"
  | "deactivated";

export type SsoSignInResult =
  | { status: "ok"; userId: string; role: Role; token: string; expiresAt: Date; created: "account" | "invitation" | null }
  | { status: "failed"; reason: SsoFailure; email: string | null };

type Claims = Record<string, unknown>;

/** A claim that holds a value: a string equal to it, or a list (Entra's `groups`) containing it. */
function claimHolds(claim: unknown, value: string): boolean {
  if (Array.isArray(claim)) return claim.some((item) => item === value);
  return claim === value;
}

function nameFrom(claims: Claims, email: string): string {
  const joined = [claims.given_name, claims.family_name].filter((part) => typeof part === "string" && part.trim()).join(" ");
  const candidate = typeof claims.name === "string" && claims.name.trim() ? claims.name : joined || email.split("@")[0]!;
  // The same rules as a typed name: printable, at most 100 characters.
  return candidate.replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, 100) || email;
}

/**
 * Signs in the person the claims name, accepting their open invitation or creating their
 * account when the provider's policy allows. Everything it writes for one sign-in is written in
 * one transaction, so a refusal leaves nothing half made.
 */
export async function signInWithVerifiedIdentity(
  db: Kysely<Database>,
  provider: IdentityProvider,
  claims: Claims,
  options: { userAgent?: string | null },
  now: Date = new Date(),
): Promise<SsoSignInResult> {
  const rawEmail = claims[provider.emailAttribute];
  const email = typeof rawEmail === "string" ? rawEmail.trim().toLowerCase() : "";
  if (!email || !email.includes("@") || email.length > 254) return { status: "failed", reason: "no_email", email: null };
  // A provider that says whether it checked the address must say it did; one that says nothing
  // (Entra ID's work accounts) vouches for the addresses of its own directory.
  if ("email_verified" in claims && claims.email_verified !== true) return { status: "failed", reason: "unverified", email };
  if (!provider.emailDomains.includes(domainOf(email) ?? "")) return { status: "failed", reason: "foreign_domain", email };
  if (provider.municipalityDeactivated) return { status: "failed", reason: "deactivated", email };

  const outcome = await db.transaction().execute(async (trx): Promise<SsoSignInResult> => {
    const user = await trx
      .selectFrom("user")
      .leftJoin("municipality", "municipality.id", "user.municipality_id")
      .select(["user.id", "user.role", "user.municipality_id", "user.deactivated_at", "municipality.deactivated_at as municipalityDeactivatedAt"])
      .where("user.email", "=", email)
      .executeTakeFirst();
    let userId: string;
    let role: Role;
    let created: "account" | "invitation" | null = null;
    if (user) {
      if (user.municipality_id !== provider.municipalityId) return { status: "failed", reason: "other_municipality", email };
      if (!mayUseAccount({ deactivatedAt: user.deactivated_at, municipalityDeactivatedAt: user.municipalityDeactivatedAt })) {
        return { status: "failed", reason: "deactivated", email };
      }
      userId = user.id;
      role = user.role;
    } else {
      const invitation = await trx
        .selectFrom("invitation")
        .select(["id", "role", "municipality_id"])
        .where("email", "=", email)
        .where("accepted_at", "is", null)
        .where("withdrawn_at", "is", null)
        .where("expires_at", ">", iso(now))
        .executeTakeFirst();
      if (invitation && invitation.municipality_id === provider.municipalityId) {
        const claimed = await claimInvitation(trx, { id: invitation.id }, { name: nameFrom(claims, email), passwordHash: null }, now);
        if (claimed.status !== "accepted") return { status: "failed", reason: "not_invited", email };
        userId = claimed.userId;
        role = invitation.role;
        created = "invitation";
      } else if (!invitation && provider.accountPolicy === "domain") {
        const coordinator = provider.coordinatorAttribute && provider.coordinatorValue ? claimHolds(claims[provider.coordinatorAttribute], provider.coordinatorValue) : false;
        role = coordinator ? "coordinator" : "coach";
        userId = newId();
        await trx
          .insertInto("user")
          .values({
            id: userId,
            email,
            name: nameFrom(claims, email),
            role,
            municipality_id: provider.municipalityId,
            school: null,
            password_hash: null,
            created_at: iso(now),
            deactivated_at: null,
          })
          .execute();
        if (role === "coach") await refreshProgressSummary(trx, userId, undefined, now);
        await recordAuditEvent(trx, {
          action: "user.created",
          actorId: userId,
          subject: userId,
          municipalityId: provider.municipalityId,
          details: { role, via: provider.kind, provider: provider.displayName },
          now,
        });
        created = "account";
      } else {
        // An invitation to another municipality is that municipality's to honour, through its own sign-in.
        return { status: "failed", reason: "not_invited", email };
      }
    }
    // The provider is trusted for the second factor (decision 031), so this is a full session.
    const session = await startSignedInSession(trx, userId, provider.kind, { userAgent: options.userAgent, now, provider: provider.displayName });
    await recordAuditEvent(trx, {
      action: "signin.sso",
      actorId: userId,
      subject: userId,
      municipalityId: provider.municipalityId,
      details: { kind: provider.kind, provider: provider.displayName, ...(created ? { created } : {}) },
      now,
    });
    return { status: "ok", userId, role, created, ...session };
  });
  return outcome;
}

/** Every refusal is logged with its reason, for the admin who is asked why someone could not sign in. */
export async function recordSsoFailure(
  db: Kysely<Database>,
  input: { provider: Pick<IdentityProvider, "municipalityId" | "displayName" | "kind"> | null; reason: SsoFailure; email: string | null; detail?: string },
  now: Date = new Date(),
): Promise<void> {
  await recordAuditEvent(db, {
    action: "signin.sso_failure",
    subject: input.email,
    municipalityId: input.provider?.municipalityId ?? null,
    details: { reason: input.reason, ...(input.provider ? { kind: input.provider.kind, provider: input.provider.displayName } : {}), ...(input.detail ? { detail: input.detail.slice(0, 300) } : {}) },
    now,
  });
}

/** What the person reads when a sign-in through their municipality fails, and the answer's status. */
export function ssoFailureMessage(reason: SsoFailure, providerName: string | null, email: string | null): { status: number; message: string } {
  const service = providerName ? `${genitiveOf(providerName)} inloggningstjänst` : "Kommunens inloggningstjänst";
  const again = "Börja om från inloggningssidan.";
  switch (reason) {
    case "state":
      return { status: 400, message: `Inloggningen gick inte att slutföra: den startades inte i den här webbläsaren, eller har redan använts. ${again}` };
    case "replay":
      return { status: 400, message: `Svaret från ${lower(service)} har redan använts en gång och godtas inte igen. ${again}` };
    case "expired":
      return { status: 400, message: `Inloggningen tog för lång tid och har gått ut. ${again}` };
    case "code":
      return { status: 400, message: `${service} godtog inte inloggningen: koden har redan använts eller gått ut. ${again}` };
    case "denied":
      return { status: 400, message: `Inloggningen avbröts hos ${lower(service)}. ${again}` };
    case "invalid_response":
      return { status: 400, message: `Svaret från ${lower(service)} gick inte att godta. ${again}` };
    // Not the person's fault, and not Coachportalen's: a 4xx answer with a way forward (decision 032).
    case "unreachable":
      return { status: 400, message: `${service} går inte att nå just nu. Försök igen om en stund, eller logga in med lösenord eller en länk via e-post.` };
    case "timeout":
      return { status: 400, message: `${service} svarade inte i tid. Försök igen om en stund, eller logga in med lösenord eller en länk via e-post.` };
    case "misconfigured":
      return { status: 400, message: "Inloggningen med kommunens konto är inte färdiginställd. Kontakta en administratör för Coachportalen." };
    case "no_email":
      return { status: 403, message: `${service} skickade ingen e-postadress, så vi vet inte vem du är i Coachportalen. Kontakta kommunens IT-avdelning.` };
    case "unverified":
      return { status: 403, message: `${service} har inte bekräftat din e-postadress${email ? ` (${email})` : ""}, så den kan inte användas för att logga in.` };
    case "foreign_domain":
      return { status: 403, message: `Din e-postadress${email ? ` (${email})` : ""} hör inte till de domäner som får logga in här. Logga in med lösenord eller en länk via e-post i stället.` };
    case "other_municipality":
      return { status: 403, message: "Ditt konto i Coachportalen hör till en annan kommun. Logga in med lösenord eller en länk via e-post." };
    case "not_invited":
      return { status: 403, message: `Du${email ? ` (${email})` : ""} har inget konto i Coachportalen än. Be din ANDTS-samordnare om en inbjudan.` };
    case "deactivated":
      return { status: 403, message: "Ditt konto i Coachportalen är avaktiverat. Kontakta din ANDTS-samordnare om du ska kunna logga in igen." };
  }
}

function lower(text: string): string {
  return text.startsWith("Kommunens") ? `k${text.slice(1)}` : text;
}
