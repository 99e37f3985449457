// SPDX-License-Identifier: EUPL-1.2
// The police as a partner of a medborgarlöfte (issue #14): an admin invites a police partner and
// attaches them to a promise; the partner accepts, records an activity on a police commitment,
// sets its status and writes the police's commentary; the coordinator's follow-up page shows it.
// Axe finds nothing on each of these pages. The promise is published through the app's own
// function, for a municipality of this test's own, so no other test's public pages change.
import { expect, test, type Page } from "@playwright/test";
import type { Kysely } from "kysely";
import { hashPassword } from "~/modules/auth/password.server";
import { createMunicipality } from "~/modules/municipalities/municipalities.server";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import { createDatabase } from "~db/client.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as FROZEN } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import { newId } from "~db/ids.server";
import type { Database } from "~db/schema";
import { E2E_DATABASE } from "../../playwright.config";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { createUser, E2E_PASSWORD, latestEmailTo, type E2EUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

let db: Kysely<Database> | undefined;
const e2eDb = () => (db ??= createDatabase(E2E_DATABASE));

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

/** A municipality of this test's own, its coordinator, and the signed 2024–2025 text published for it under a title of its own. */
async function publishedPromise(admin: E2EUser): Promise<{ promiseId: string; title: string; coordinator: E2EUser }> {
  const unique = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const created = await createMunicipality(e2eDb(), { name: `Polistestets kommun ${unique}`, county: "Kalmar län", slug: `polistest-${unique}`, actorId: admin.id });
  if (created.status !== "created") throw new Error(created.status);
  const coordinator = { id: newId(), email: `e2e-samordnare-${unique}@test.example`, name: "Saga Samordnare", password: E2E_PASSWORD };
  await e2eDb()
    .insertInto("user")
    .values({
      id: coordinator.id,
      email: coordinator.email,
      name: coordinator.name,
      role: "coordinator",
      municipality_id: created.id,
      school: null,
      password_hash: await hashPassword(coordinator.password),
      created_at: new Date().toISOString(),
      deactivated_at: null,
    })
    .execute();
  const title = `Medborgarlöfte för polistestet ${unique}`;
  const actor = { id: coordinator.id, role: "coordinator" as const, municipalityId: created.id };
  const published = await publishFrozenPromise(e2eDb(), { actor, promise: { ...FROZEN, title }, municipalityIds: [created.id] });
  if (!published.ok) throw new Error(JSON.stringify(published));
  return { promiseId: published.id, title, coordinator };
}

const POLICE_COMMITMENT = FROZEN.focusAreas.flatMap((a) => a.commitments).find((c) => c.owner === "polisen")!;

test("an admin invites a police partner who follows up a police commitment, and the coordinator sees it", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const admin = await createUser({ role: "admin", name: "Ada Administratör" });
  const { promiseId, title, coordinator } = await publishedPromise(admin);
  // Long on purpose: an address without a place to break must not widen a phone's page.
  const policeEmail = `kommunpolis.lokalpolisomradet.vastervik.${Date.now()}${Math.floor(Math.random() * 1000)}@polisen.example`;

  // The admin invites the police partner.
  await signIn(page, admin);
  await clickMenuLink(page, "Polis");
  await expect(page.getByRole("heading", { level: 1, name: "Polis" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("E-postadress").fill(policeEmail);
  await page.getByRole("button", { name: "Skicka inbjudan" }).click();
  await expect(page.getByRole("status")).toContainText(`En inbjudan som polis är skickad till ${policeEmail}`);

  // The police partner accepts the invitation in a browser of their own and lands on /polis.
  const link = (await latestEmailTo(policeEmail)).body.match(/https?:\/\/\S+\/inbjudan\/\S+/)![0];
  const police = await (await browser.newContext()).newPage();
  await police.goto(new URL(link).pathname);
  await police.getByLabel("Ditt namn").fill("Petra Polis");
  await police.getByLabel("Lösenord", { exact: true }).fill(E2E_PASSWORD);
  await police.getByLabel("Upprepa lösenordet").fill(E2E_PASSWORD);
  await police.getByRole("button", { name: "Skapa mitt konto" }).click();
  await expect(police).toHaveURL(/\/polis\?notis=konto-skapat$/);
  await expect(police.getByRole("heading", { level: 1, name: "Medborgarlöften" })).toBeVisible();
  await expect(police.getByText("Du är inte kopplad till något medborgarlöfte än.")).toBeVisible();
  await expectNoAccessibilityViolations(police);

  // The admin attaches them to the promise.
  await page.reload();
  await page.getByLabel("Polis", { exact: true }).selectOption({ label: `Petra Polis (${policeEmail})` });
  await page.getByLabel("Medborgarlöfte").selectOption({ value: promiseId });
  await page.getByRole("button", { name: "Koppla till löftet" }).click();
  await expect(page.getByRole("status")).toHaveText("Polisen är kopplad till löftet.");
  await expectNoAccessibilityViolations(page);
  // A long address and a long promise title still fit a 320 px phone without sideways scrolling.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 1280, height: 720 });

  // The police partner records an activity on a police commitment, sets its status and writes the commentary.
  await police.goto("/polis");
  await police.getByRole("link", { name: title }).click();
  await expect(police.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expectNoAccessibilityViolations(police);
  const commitment = police.getByRole("article", { name: POLICE_COMMITMENT.summary });
  await commitment.locator("summary", { hasText: "Registrera en aktivitet" }).click();
  // A day that has not come yet is refused, with the error tied to the field, and the form keeps what was typed.
  await commitment.getByLabel("Datum").fill("2031-01-01");
  await commitment.getByLabel("Rubrik").fill("Uppsökande arbete i centrum");
  await commitment.getByLabel("Kort beskrivning").fill("Samtal med unga på kvällstid.");
  await commitment.getByLabel("Antal deltagare (valfritt)").fill("12");
  await commitment.getByRole("button", { name: "Spara aktiviteten" }).click();
  await expect(police.getByRole("alert")).toContainText("Datumet har inte kommit än.");
  await expect(commitment.getByLabel("Rubrik")).toHaveValue("Uppsökande arbete i centrum");
  await expectNoAccessibilityViolations(police);
  await commitment.getByLabel("Datum").fill("2025-05-05");
  await commitment.getByRole("button", { name: "Spara aktiviteten" }).click();
  await expect(police.getByRole("status")).toHaveText("Aktiviteten är registrerad.");
  await expect(commitment.getByText("5 maj 2025: Uppsökande arbete i centrum")).toBeVisible();

  await commitment.locator("summary", { hasText: "Ändra status" }).click();
  await commitment.getByRole("radio", { name: "Pågår" }).check();
  await commitment.getByLabel("Kort kommentar till statusen").fill("Pågår under hela perioden.");
  await commitment.getByRole("button", { name: "Spara statusen" }).click();
  await expect(police.getByRole("status")).toHaveText("Statusen är sparad.");
  await expect(commitment.getByText("Pågår under hela perioden.")).toBeVisible();

  await police.getByLabel("Polisens kommentar", { exact: true }).fill("Polisen har arbetat uppsökande i centrum under våren.");
  await police.getByRole("button", { name: "Spara kommentaren" }).click();
  await expect(police.getByRole("status")).toHaveText("Polisens kommentar är sparad.");
  await expectNoAccessibilityViolations(police);

  // A promise they are not attached to does not exist for them.
  const unknown = await police.goto("/polis/loften/aaaaaaaaaaaaaaaaaaaaaaaa");
  expect(unknown?.status()).toBe(404);

  // The coordinator's follow-up page shows the police's activity read-only, and the commentary.
  const coordinatorPage = await (await browser.newContext()).newPage();
  await signIn(coordinatorPage, coordinator);
  await coordinatorPage.goto(`/samordnare/loften/${promiseId}/uppfoljning`);
  await expect(coordinatorPage.getByRole("heading", { level: 1, name: `Följ upp: ${title}` })).toBeVisible();
  const seen = coordinatorPage.getByRole("article", { name: POLICE_COMMITMENT.summary });
  await expect(seen.getByText("5 maj 2025: Uppsökande arbete i centrum")).toBeVisible();
  await expect(seen.getByText("Polisen följer upp det här åtagandet.")).toBeVisible();
  await expect(coordinatorPage.getByText("Polisen har arbetat uppsökande i centrum under våren.")).toBeVisible();
  await expectNoAccessibilityViolations(coordinatorPage);
});
