// SPDX-License-Identifier: EUPL-1.2
// "Lokalt hos oss": the municipality's contact cards (issue #15). Where a coach or a teacher turns
// with a worry about a young person: socialtjänstens mottagning for an orosanmälan, elevhälsan,
// fältassistenterna, kommunpolisen, stödlinjer. The coordinator keeps them; members of the
// municipality read them on /lokalt and beside the content that points to them.
import type { Kysely } from "kysely";
import { z } from "zod";
import { iso } from "~/lib/time";
import { parseForm, type FieldErrors } from "~/lib/validation";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { recordAuditEvent } from "~/modules/audit/audit.server";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";

export const MAX_CONTACT_CARDS = 40;

export interface ContactCard {
  id: string;
  name: string;
  description: string;
  phone: string | null;
  email: string | null;
  web: string | null;
  openingHours: string | null;
}

const CONTROL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f]/;
/** An optional one-line field: empty is null; a value must pass `valid`. */
const optional = (max: number, tooLong: string, valid: (v: string) => boolean, message: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || valid(v), message);

export const contactCardSchema = z.object({
  name: z.string({ error: "Fyll i vem kortet gäller." }).trim().min(2, "Fyll i vem kortet gäller, till exempel ”Socialtjänstens mottagning”.").max(120, "Namnet får ha högst 120 tecken.").refine((v) => !CONTROL.test(v), "Namnet innehåller otillåtna tecken."),
  description: z.string({ error: "Skriv när man ska vända sig hit." }).trim().min(2, "Skriv när man ska vända sig hit.").max(600, "Beskrivningen får ha högst 600 tecken.").refine((v) => !CONTROL.test(v), "Beskrivningen innehåller otillåtna tecken."),
  phone: optional(30, "Telefonnumret får ha högst 30 tecken.", (v) => /^\+?[0-9][0-9 ()-]*[0-9]$/.test(v), "Skriv telefonnumret med siffror, till exempel 0491-291 00 eller 112."),
  email: optional(254, "E-postadressen är för lång.", (v) => z.email().safeParse(v).success, "Skriv e-postadressen i formen namn@kommun.se."),
  web: optional(300, "Adressen får ha högst 300 tecken.", isWebAddress, "Skriv hela adressen, till exempel https://www.hogsby.se/oro."),
  openingHours: optional(200, "Öppettiderna får ha högst 200 tecken.", (v) => !CONTROL.test(v), "Öppettiderna innehåller otillåtna tecken."),
});

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

export async function listContactCards(db: Kysely<Database>, municipalityId: string): Promise<ContactCard[]> {
  const rows = await db.selectFrom("contact_card").selectAll().where("municipality_id", "=", municipalityId).orderBy("position").orderBy("id").execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description, phone: r.phone, email: r.email, web: r.web, openingHours: r.opening_hours }));
}

export type ContactCardOutcome = { ok: true } | { ok: false; status: 400 | 404 | 409; errors: FieldErrors; values?: Record<string, string> };

const NOT_FOUND: ContactCardOutcome = { ok: false, status: 404, errors: { form: "Kontaktkortet finns inte." } };

async function ownCard(db: Kysely<Database>, municipalityId: string, id: string) {
  return db.selectFrom("contact_card").select(["id", "position"]).where("id", "=", id).where("municipality_id", "=", municipalityId).executeTakeFirst();
}

/** The coordinator's contact-card forms, by intent: add, save, up, down, remove. */
export async function submitContactCardForm(db: Kysely<Database>, input: { actor: SessionUser; municipalityId: string; form: FormData; now?: Date }): Promise<ContactCardOutcome> {
  if (!can.editMunicipalityProfile(input.actor, input.municipalityId)) return NOT_FOUND;
  const now = input.now ?? new Date();
  const intent = input.form.get("intent");
  const id = String(input.form.get("id") ?? "");
  const audit = (trx: Kysely<Database>, action: "contact.created" | "contact.updated" | "contact.removed", details: Record<string, unknown>) =>
    recordAuditEvent(trx, { action, actorId: input.actor.id, subject: details.id as string, municipalityId: input.municipalityId, details, now });

  if (intent === "add" || intent === "save") {
    const parsed = parseForm(contactCardSchema, input.form);
    if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors, values: parsed.values };
    const c = parsed.data;
    const values = { name: c.name, description: c.description, phone: c.phone, email: c.email, web: c.web, opening_hours: c.openingHours, updated_by: input.actor.id, updated_at: iso(now) };
    return db.transaction().execute(async (trx) => {
      if (intent === "save") {
        if (!(await ownCard(trx, input.municipalityId, id))) return NOT_FOUND;
        await trx.updateTable("contact_card").set(values).where("id", "=", id).execute();
        await audit(trx, "contact.updated", { id, name: c.name });
        return { ok: true } as const;
      }
      const count = await trx.selectFrom("contact_card").select((eb) => eb.fn.countAll().as("n")).where("municipality_id", "=", input.municipalityId).executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_CONTACT_CARDS) return { ok: false, status: 409, errors: { form: `Kommunen har redan ${MAX_CONTACT_CARDS} kontaktkort. Ta bort ett innan du lägger till ett nytt.` } } as const;
      const last = await trx.selectFrom("contact_card").select((eb) => eb.fn.max("position").as("p")).where("municipality_id", "=", input.municipalityId).executeTakeFirst();
      const newCard = newId();
      await trx.insertInto("contact_card").values({ id: newCard, municipality_id: input.municipalityId, position: Number(last?.p ?? 0) + 1, created_at: iso(now), ...values }).execute();
      await audit(trx, "contact.created", { id: newCard, name: c.name });
      return { ok: true } as const;
    });
  }
  if (intent === "up" || intent === "down" || intent === "remove") {
    return db.transaction().execute(async (trx) => {
      const card = await ownCard(trx, input.municipalityId, id);
      if (!card) return NOT_FOUND;
      if (intent === "remove") {
        await trx.deleteFrom("contact_card").where("id", "=", id).execute();
        await audit(trx, "contact.removed", { id });
        return { ok: true } as const;
      }
      const cards = await trx.selectFrom("contact_card").select(["id", "position"]).where("municipality_id", "=", input.municipalityId).orderBy("position").orderBy("id").execute();
      const at = cards.findIndex((c) => c.id === id);
      const other = cards[intent === "up" ? at - 1 : at + 1];
      if (!other) return { ok: true } as const;
      // Renumber all, so equal positions from concurrent adds cannot make a move a no-op.
      const order = cards.map((c) => c.id);
      [order[at], order[order.indexOf(other.id)]] = [other.id, id];
      for (const [index, cardId] of order.entries()) await trx.updateTable("contact_card").set({ position: index + 1 }).where("id", "=", cardId).execute();
      await audit(trx, "contact.updated", { id, moved: intent });
      return { ok: true } as const;
    });
  }
  return { ok: false, status: 400, errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." } };
}

/**
 * The contacts a material page shows: a member's own municipality's; a visitor without an account
 * chooses a municipality (`?kommun=`), since a public material is read in every municipality.
 */
export async function materialContacts(
  db: Kysely<Database>,
  input: { member: { municipalityId: string | null } | null; chosenSlug: string | null },
): Promise<{ municipality: { slug: string; name: string } | null; cards: ContactCard[]; choices: Array<{ slug: string; name: string }> }> {
  const municipality = input.member?.municipalityId
    ? await db.selectFrom("municipality").select(["id", "slug", "name"]).where("id", "=", input.member.municipalityId).executeTakeFirst()
    : input.chosenSlug && /^[a-z0-9-]{1,60}$/.test(input.chosenSlug)
      ? await db.selectFrom("municipality").select(["id", "slug", "name"]).where("slug", "=", input.chosenSlug).where("deactivated_at", "is", null).executeTakeFirst()
      : undefined;
  const choices = input.member
    ? []
    : await db.selectFrom("municipality").select(["slug", "name"]).where("deactivated_at", "is", null).orderBy("name").execute();
  return { municipality: municipality ? { slug: municipality.slug, name: municipality.name } : null, cards: municipality ? await listContactCards(db, municipality.id) : [], choices };
}
