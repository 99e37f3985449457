// SPDX-License-Identifier: EUPL-1.2
// Who an email is from, as its recipient sees it: a municipality's people get mail under the
// municipality's sender name, signed with its contact person (issue #15), so that a coach knows
// the message is their municipality's and whom to answer. Everyone else (admins, police partners,
// an address with no account yet and no invitation) gets the service's own sender.
import type { Kysely } from "kysely";
import type { Database } from "~db/schema";
import { officialNameOf } from "~/lib/municipality-name";

export interface Sender {
  /** The display name, or null for MAIL_FROM as it is. */
  fromName: string | null;
  /** Lines appended under the message, or null. */
  signature: string | null;
}

const DEFAULT_SENDER: Sender = { fromName: null, signature: null };

/** The municipality of the address: its account's, else its newest invitation's. */
async function municipalityOfAddress(db: Kysely<Database>, address: string): Promise<string | null> {
  const email = address.trim().toLowerCase();
  const user = await db.selectFrom("user").select("municipality_id").where("email", "=", email).executeTakeFirst();
  if (user) return user.municipality_id;
  const invitation = await db.selectFrom("invitation").select("municipality_id").where("email", "=", email).orderBy("created_at", "desc").executeTakeFirst();
  return invitation?.municipality_id ?? null;
}

export async function senderFor(db: Kysely<Database>, address: string): Promise<Sender> {
  const municipalityId = await municipalityOfAddress(db, address);
  if (!municipalityId) return DEFAULT_SENDER;
  const m = await db
    .selectFrom("municipality")
    .select(["name", "official_name", "email_sender_name", "contact_name", "contact_title", "contact_email", "contact_phone", "website"])
    .where("id", "=", municipalityId)
    .executeTakeFirst();
  if (!m) return DEFAULT_SENDER;
  const official = officialNameOf(m.name, m.official_name);
  const contact = [m.contact_name, m.contact_title].filter(Boolean).join(", ");
  const reach = [m.contact_email, m.contact_phone].filter(Boolean).join(" · ");
  const lines = [official, contact, reach, m.website].filter((line): line is string => Boolean(line));
  // "-- " on a line of its own is the signature separator mail programs recognise.
  return { fromName: m.email_sender_name ?? official, signature: `-- \n${lines.join("\n")}` };
}

/** The From header: MAIL_FROM's address under the municipality's name, or MAIL_FROM as it is. */
export function fromHeader(mailFrom: string, fromName: string | null): string | { name: string; address: string } {
  if (!fromName) return mailFrom;
  const address = /<([^>]+)>/.exec(mailFrom)?.[1] ?? mailFrom.trim();
  return { name: fromName, address };
}
