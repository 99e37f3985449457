// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// Signing in with a municipality's own accounts (issue #18):
//   identity_provider  one row per municipality and kind of provider. `kind` is 'oidc' now; SAML
//                      (Skolfederation) comes as another kind with its own nullable columns, and
//                      shares what every kind needs: allowed email domains, the attribute that
//                      holds the email, the attribute value that makes a coordinator, and who
//                      may get an account on first sign-in.
//   oidc_sign_in       a sign-in on its way through the provider: state, nonce and PKCE verifier,
//                      bound to one browser by a cookie holding the row's id; used once.
//   session            records how it was signed in ('password', 'link', 'oidc') and through
//                      which provider, so that /konto can say so and the second-factor rule can
//                      trust a provider that did its own.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("identity_provider")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("municipality_id", "text", (c) => c.notNull().references("municipality.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    // Comma-separated, lower case, without "@".
    .addColumn("email_domains", "text", (c) => c.notNull())
    .addColumn("email_attribute", "text", (c) => c.notNull())
    .addColumn("coordinator_attribute", "text")
    .addColumn("coordinator_value", "text")
    // 'invited': only people with an account or an open invitation; 'domain': anyone in the domains, as coach.
    .addColumn("account_policy", "text", (c) => c.notNull())
    .addColumn("oidc_issuer", "text")
    .addColumn("oidc_client_id", "text")
    // AES-256-GCM under SECRETS_KEY: never stored in the clear.
    .addColumn("oidc_client_secret_encrypted", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("identity_provider_kind", ["municipality_id", "kind"])
    .execute();

  await db.schema
    .createTable("oidc_sign_in")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider_id", "text", (c) => c.notNull().references("identity_provider.id").onDelete("cascade"))
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("nonce", "text", (c) => c.notNull())
    .addColumn("code_verifier", "text", (c) => c.notNull())
    .addColumn("redirect_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("oidc_sign_in_expires").on("oidc_sign_in").column("expires_at").execute();

  await db.schema.alterTable("session").addColumn("sign_in_method", "text", (c) => c.notNull().defaultTo("password")).execute();
  await db.schema.alterTable("session").addColumn("sign_in_provider", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("session").dropColumn("sign_in_provider").execute();
  await db.schema.alterTable("session").dropColumn("sign_in_method").execute();
  await db.schema.dropTable("oidc_sign_in").execute();
  await db.schema.dropTable("identity_provider").execute();
}
