// SPDX-License-Identifier: EUPL-1.2
// Frozen in time: a migration never imports app code, so it means the same forever.
// SAML 2.0 for schools (Skolfederation, issue #18), as another kind of identity_provider:
//   identity_provider  kind 'saml' rows keep the IdP's metadata (the URL it was fetched from, or
//                      the XML as pasted) and what was read from it: entity id, single sign-on
//                      address and signing certificates (a JSON list of base64 DER).
//   saml_request       an AuthnRequest on its way through the IdP, keyed by its ID (which the
//                      answer's InResponseTo must name) and sent as RelayState, so that the answer,
//                      a cross-site POST, needs no cookie and any instance can take it; answered once.
//   saml_assertion     the assertion ids already accepted, kept until they expire, so that the same
//                      assertion posted again is refused.
import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("identity_provider").addColumn("saml_metadata_url", "text").execute();
  await db.schema.alterTable("identity_provider").addColumn("saml_metadata_xml", "text").execute();
  await db.schema.alterTable("identity_provider").addColumn("saml_metadata_fetched_at", "text").execute();
  await db.schema.alterTable("identity_provider").addColumn("saml_entity_id", "text").execute();
  await db.schema.alterTable("identity_provider").addColumn("saml_sso_url", "text").execute();
  await db.schema.alterTable("identity_provider").addColumn("saml_certificates", "text").execute();

  await db.schema
    .createTable("saml_request")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider_id", "text", (c) => c.notNull().references("identity_provider.id").onDelete("cascade"))
    .addColumn("redirect_to", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("answered_at", "text")
    .execute();
  await db.schema.createIndex("saml_request_expires").on("saml_request").column("expires_at").execute();

  await db.schema
    .createTable("saml_assertion")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("provider_id", "text", (c) => c.notNull().references("identity_provider.id").onDelete("cascade"))
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("saml_assertion_expires").on("saml_assertion").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("saml_assertion").execute();
  await db.schema.dropTable("saml_request").execute();
  for (const column of ["saml_certificates", "saml_sso_url", "saml_entity_id", "saml_metadata_fetched_at", "saml_metadata_xml", "saml_metadata_url"]) {
    await db.schema.alterTable("identity_provider").dropColumn(column).execute();
  }
}
