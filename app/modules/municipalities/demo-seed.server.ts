// SPDX-License-Identifier: EUPL-1.2
// The demo's municipal identity (issue #15): both municipalities get a profile, contact cards and
// local text in the places the content marks, and Högsby has approved a few modules, one of them
// in a version that has changed since, so every state of the review shows. Everything goes through
// the functions the pages call. Nothing here is a real municipality's routine: the cards and texts
// say they are examples; the national lines (112, BRIS) are the real ones. No logo: we have no
// right to a municipality's.
import type { Kysely } from "kysely";
import type { ContentIndex } from "~/content/content.server";
import type { SessionUser } from "~/modules/auth/session.server";
import { reviewItems, submitApprovalForm } from "~/modules/content-review/approvals.server";
import type { Database } from "~db/schema";
import { submitContactCardForm } from "./contact-cards.server";
import { submitLocalText } from "./local-text.server";
import { saveMunicipalityProfile } from "./profile.server";

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value);
  return data;
};

async function coordinatorOf(db: Kysely<Database>, municipalityId: string): Promise<SessionUser | undefined> {
  const row = await db
    .selectFrom("user as u")
    .innerJoin("municipality as m", "m.id", "u.municipality_id")
    .select(["u.id", "u.email", "u.name", "u.role", "u.municipality_id", "m.slug", "m.name as municipality_name", "u.school"])
    .where("u.municipality_id", "=", municipalityId)
    .where("u.role", "=", "coordinator")
    .orderBy("u.created_at")
    .executeTakeFirst();
  return row
    ? { id: row.id, email: row.email, name: row.name, role: row.role, municipalityId: row.municipality_id, municipalitySlug: row.slug, municipalityName: row.municipality_name, school: row.school }
    : undefined;
}

const WEBSITES: Record<string, string> = { hogsby: "https://www.hogsby.se", monsteras: "https://www.monsteras.se" };

function localTexts(name: string, website: string): Record<string, string> {
  const site = website.replace(/^https:\/\/www\./, "");
  return {
    orosanmalan: `**Exempel:** I ${name} gör du en orosanmälan till socialtjänsten. Ring kommunens växel och be att få tala med socialtjänstens mottagning, eller använd e-tjänsten på [${site}](${website}). Är någon i fara just nu: ring 112.`,
    "skolans-kontakter": `**Exempel:** Prata först med elevhälsan på skolan: kurator eller skolsköterska. Rektor ansvarar för att en anmälan görs. Kommunens ANDTS-samordnare hjälper till om du är osäker.`,
    "stod-unga-och-foraldrar": `**Exempel:** Unga kan vända sig till elevhälsan, fältassistenterna eller BRIS (116 111). Föräldrar kan få råd av socialtjänstens öppenvård i ${name}.`,
  };
}

export async function seedDemoIdentity(db: Kysely<Database>, input: { content?: ContentIndex; municipalityIds: Map<string, string> }): Promise<void> {
  for (const [slug, municipalityId] of input.municipalityIds) {
    const actor = await coordinatorOf(db, municipalityId);
    if (!actor) continue;
    const municipality = await db.selectFrom("municipality").select(["name", "profile_updated_at"]).where("id", "=", municipalityId).executeTakeFirstOrThrow();
    const website = WEBSITES[slug] ?? "https://www.exempel.se";
    if (!municipality.profile_updated_at) {
      await saveMunicipalityProfile(db, {
        actor,
        municipalityId,
        form: form({
          officialName: municipality.name,
          contactName: actor.name,
          contactTitle: "ANDTS-samordnare",
          contactEmail: actor.email,
          website,
          emailSenderName: `${municipality.name} – ANDTS-coacher`,
          issuerName: actor.name,
          issuerTitle: "ANDTS-samordnare",
        }),
      });
    }
    const hasCards = await db.selectFrom("contact_card").select("id").where("municipality_id", "=", municipalityId).executeTakeFirst();
    if (!hasCards) {
      const cards: Array<Record<string, string>> = [
        { name: "Vid akut fara", description: "Ring 112 om någon är i fara just nu.", phone: "112" },
        { name: "Socialtjänstens mottagning (exempel)", description: "Hit gör du en orosanmälan om ett barn eller en ungdom. Exempel: kommunens riktiga uppgifter läggs in av samordnaren.", web: website },
        { name: "Elevhälsan (exempel)", description: "Kurator och skolsköterska på skolan: första kontakten när du är orolig för en elev.", openingHours: "Skoldagar" },
        { name: "BRIS", description: "Barn och unga kan ringa, mejla eller chatta med en kurator, anonymt och utan kostnad.", phone: "116 111", web: "https://www.bris.se" },
      ];
      for (const card of cards) await submitContactCardForm(db, { actor, municipalityId, form: form({ intent: "add", ...card }) });
    }
    const hasTexts = await db.selectFrom("local_text").select("slot").where("municipality_id", "=", municipalityId).executeTakeFirst();
    if (!hasTexts) {
      for (const [slot, text] of Object.entries(localTexts(municipality.name, website))) {
        await submitLocalText(db, { actor, municipalityId, form: form({ intent: "save", slot, text }) });
      }
    }
    if (slug === "hogsby" && input.content) await seedDemoApprovals(db, { actor, municipalityId, content: input.content });
  }
}

/** Three modules approved as they are, and one approved in an earlier version that has changed since. */
async function seedDemoApprovals(db: Kysely<Database>, input: { actor: SessionUser; municipalityId: string; content: ContentIndex }): Promise<void> {
  const any = await db.selectFrom("content_approval").select("id").where("municipality_id", "=", input.municipalityId).executeTakeFirst();
  if (any) return;
  const modules = reviewItems(input.content).filter((item) => item.kind === "module");
  for (const item of modules.slice(0, 3)) {
    await submitApprovalForm(db, { ...input, form: form({ intent: "approve", kind: "module", slug: item.slug, hash: item.hash, comment: "Stämmer med hur vi arbetar." }) });
  }
  const changed = modules[3];
  if (!changed) return;
  // The version approved last spring: the same module before its last lesson gained its closing section.
  const module = input.content.modules[changed.slug]!;
  const last = module.lessons.at(-1)!;
  const earlier: ContentIndex = {
    ...input.content,
    modules: {
      ...input.content.modules,
      [changed.slug]: { ...module, contentHash: "0".repeat(48) + module.contentHash.slice(0, 16), lessons: [...module.lessons.slice(0, -1), { ...last, html: last.html.replace(/<h2>[^<]*<\/h2>(?![\s\S]*<h2>)[\s\S]*$/, "") }] },
    },
  };
  const earlierItem = reviewItems(earlier).find((i) => i.kind === "module" && i.slug === changed.slug)!;
  await submitApprovalForm(db, { ...input, content: earlier, form: form({ intent: "approve", kind: "module", slug: changed.slug, hash: earlierItem.hash, comment: "Granskad inför vårterminen." }) });
}
