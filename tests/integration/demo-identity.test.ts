// SPDX-License-Identifier: EUPL-1.2
// The demo's municipal identity: profiles, contact cards, local text and approvals in every
// state, all made through the app's own functions, and seeding twice changes nothing.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent, type ContentIndex } from "~/content/content.server";
import { reviewRows } from "~/modules/content-review/approvals.server";
import { listContactCards } from "~/modules/municipalities/contact-cards.server";
import { localTextsOf } from "~/modules/municipalities/local-text.server";
import { getMunicipalityProfile } from "~/modules/municipalities/profile.server";
import { seedDemo } from "~db/seed";
import { testDb } from "../helpers/db";

let content: ContentIndex;
// The hook's time: compiling the shipped content takes seconds on a busy machine.
beforeAll(() => {
  // The shipped content: it has the places for local text and enough modules for every review state.
  process.env.CONTENT_DIR = path.resolve("content");
  content = getContent();
}, 60_000);

describe("the demo's municipalities", () => {
  // The whole demo, seeded twice: its 56 coaches read their lessons through the app one by one.
  it("have a profile, contact cards, local text, and (Högsby) approvals in every state, once", { timeout: 120_000 }, async () => {
    const db = testDb();
    const now = new Date("2026-12-06T12:00:00Z");
    await seedDemo(db, { content, now });
    await seedDemo(db, { content, now });
    for (const slug of ["hogsby", "monsteras"]) {
      const { id } = await db.selectFrom("municipality").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
      const profile = await getMunicipalityProfile(db, id);
      expect(profile).toMatchObject({ issuer: { title: "ANDTS-samordnare" }, contact: { title: "ANDTS-samordnare" } });
      expect(profile?.emailSenderName).toMatch(/ – ANDTS-coacher$/);
      expect(profile?.logo).toBeNull();
      expect((await listContactCards(db, id)).map((c) => c.name)).toEqual(["Vid akut fara", "Socialtjänstens mottagning (exempel)", "Elevhälsan (exempel)", "BRIS"]);
      expect(Object.keys((await localTextsOf(db, id)).html).sort()).toEqual(["orosanmalan", "skolans-kontakter", "stod-unga-och-foraldrar"]);
    }
    const hogsby = await db.selectFrom("municipality").select("id").where("slug", "=", "hogsby").executeTakeFirstOrThrow();
    const states = (await reviewRows(db, { municipalityId: hogsby.id, content })).map((r) => r.state);
    expect(states.filter((s) => s === "approved")).toHaveLength(3);
    expect(states.filter((s) => s === "changed")).toHaveLength(1);
    expect(states).toContain("not_approved");
  });
});
