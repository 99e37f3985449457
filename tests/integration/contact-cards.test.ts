// SPDX-License-Identifier: EUPL-1.2
// "Lokalt hos oss": the coordinator keeps the municipality's contact cards; its members read them.
import { describe, expect, it } from "vitest";
import type { SessionUser } from "~/modules/access/permissions.server";
import { listContactCards, materialContacts, submitContactCardForm } from "~/modules/municipalities/contact-cards.server";
import { loader as localLoader } from "~/routes/lokalt";
import { createMunicipality, createUser, testDb } from "../helpers/db";
import { call, cookieFor, get } from "../helpers/requests";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

const SOCIAL = { name: "Socialtjänstens mottagning", description: "Hit gör du en orosanmälan om ett barn eller en ungdom.", phone: "0491-291 00", email: "", web: "https://www.hogsby.se/oro", openingHours: "Vardagar 8–16.30" };

async function setup() {
  const db = testDb();
  const hogsby = await createMunicipality(db, "hogsby", "Högsby");
  const monsteras = await createMunicipality(db, "monsteras", "Mönsterås");
  const actor = async (municipality: { id: string; slug: string; name: string }): Promise<SessionUser & { municipalityId: string }> => {
    const user = await createUser(db, { role: "coordinator", municipalityId: municipality.id });
    return { ...user, municipalityId: municipality.id, municipalitySlug: municipality.slug, municipalityName: municipality.name, school: null };
  };
  return { db, hogsby, monsteras, coordinator: await actor(hogsby), other: await actor(monsteras) };
}

describe("contact cards", () => {
  it("are added, edited, moved and removed by the coordinator, each change audited", async () => {
    const { db, hogsby, coordinator } = await setup();
    const submit = (values: Record<string, string>) => submitContactCardForm(db, { actor: coordinator, municipalityId: hogsby.id, form: form(values) });
    expect(await submit({ intent: "add", ...SOCIAL })).toEqual({ ok: true });
    expect(await submit({ intent: "add", name: "Elevhälsan", description: "Skolsköterska och kurator på skolan." })).toEqual({ ok: true });
    let cards = await listContactCards(db, hogsby.id);
    expect(cards.map((c) => c.name)).toEqual(["Socialtjänstens mottagning", "Elevhälsan"]);
    expect(cards[0]).toMatchObject({ phone: "0491-291 00", email: null, web: "https://www.hogsby.se/oro", openingHours: "Vardagar 8–16.30" });

    expect(await submit({ intent: "up", id: cards[1]!.id })).toEqual({ ok: true });
    expect((await listContactCards(db, hogsby.id)).map((c) => c.name)).toEqual(["Elevhälsan", "Socialtjänstens mottagning"]);
    expect(await submit({ intent: "save", id: cards[0]!.id, ...SOCIAL, phone: "0491-292 00" })).toEqual({ ok: true });
    expect(await submit({ intent: "remove", id: cards[1]!.id })).toEqual({ ok: true });
    cards = await listContactCards(db, hogsby.id);
    expect(cards).toEqual([expect.objectContaining({ name: "Socialtjänstens mottagning", phone: "0491-292 00" })]);
    const actions = await db.selectFrom("audit_event").select("action").where("action", "like", "contact.%").execute();
    expect(actions.map((a) => a.action).sort()).toEqual(["contact.created", "contact.created", "contact.removed", "contact.updated", "contact.updated"]);
  });

  it.each([
    ["phone", "0491-ABC", "med siffror"],
    ["email", "mottagning@", "namn@kommun.se"],
    ["web", "javascript:alert(1)", "hela adressen"],
    ["name", "", "vem kortet gäller"],
  ])("refuses %s = %j and saves nothing", async (field, value, message) => {
    const { db, hogsby, coordinator } = await setup();
    const result = await submitContactCardForm(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "add", ...SOCIAL, [field]: value }) });
    expect(result).toMatchObject({ ok: false, status: 400, errors: { [field]: expect.stringContaining(message) } });
    expect(await listContactCards(db, hogsby.id)).toEqual([]);
  });

  it("of another municipality do not exist for a coordinator", async () => {
    const { db, hogsby, coordinator, other } = await setup();
    await submitContactCardForm(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "add", ...SOCIAL }) });
    const [card] = await listContactCards(db, hogsby.id);
    expect(await submitContactCardForm(db, { actor: other, municipalityId: other.municipalityId, form: form({ intent: "remove", id: card!.id }) })).toMatchObject({ ok: false, status: 404 });
    expect(await submitContactCardForm(db, { actor: other, municipalityId: hogsby.id, form: form({ intent: "add", ...SOCIAL }) })).toMatchObject({ ok: false, status: 404 });
    expect(await listContactCards(db, hogsby.id)).toHaveLength(1);
  });

  it("are read by the municipality's own coaches only", async () => {
    const { db, hogsby, monsteras, coordinator } = await setup();
    await submitContactCardForm(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "add", ...SOCIAL }) });
    const own = await createUser(db, { role: "coach", municipalityId: hogsby.id });
    const elsewhere = await createUser(db, { role: "coach", municipalityId: monsteras.id });
    const page = await call(localLoader, get("/lokalt", await cookieFor(own.id)));
    expect(page.data.cards.map((c: { name: string }) => c.name)).toEqual(["Socialtjänstens mottagning"]);
    const other = await call(localLoader, get("/lokalt", await cookieFor(elsewhere.id)));
    expect(other.data.cards).toEqual([]);
  });
});

describe("a material's contacts", () => {
  it("are the member's own municipality's, and a visitor without an account chooses a municipality", async () => {
    const { db, hogsby, coordinator } = await setup();
    await submitContactCardForm(db, { actor: coordinator, municipalityId: hogsby.id, form: form({ intent: "add", ...SOCIAL }) });
    const member = await materialContacts(db, { member: { municipalityId: hogsby.id }, chosenSlug: "monsteras" });
    expect(member).toMatchObject({ municipality: { slug: "hogsby" }, choices: [] });
    expect(member.cards.map((c) => c.name)).toEqual(["Socialtjänstens mottagning"]);
    const visitor = await materialContacts(db, { member: null, chosenSlug: null });
    expect(visitor).toMatchObject({ municipality: null, cards: [] });
    expect(visitor.choices.map((c) => c.slug)).toEqual(["hogsby", "monsteras"]);
    expect((await materialContacts(db, { member: null, chosenSlug: "hogsby" })).cards).toHaveLength(1);
    expect(await materialContacts(db, { member: null, chosenSlug: "'; drop table user; --" })).toMatchObject({ municipality: null, cards: [] });
  });
});
