// SPDX-License-Identifier: EUPL-1.2
// The journey of issue #14: a coordinator writes and publishes a medborgarlöfte with two focus
// areas; a police partner records an activity on the police's commitment; the coordinator records
// one on the municipality's and publishes a report; a citizen without an account sees both
// activities and the report, and the previous period's promise in the archive. Axe finds nothing
// on the public pages. The municipality is this test's own, so no other test's public page changes;
// its previous promise is published through the app's own function, as the demo seed does.
import { expect, test, type Page } from "@playwright/test";
import type { Kysely } from "kysely";
import { createMunicipality } from "~/modules/municipalities/municipalities.server";
import { publishFrozenPromise } from "~/modules/promises/promise-editing.server";
import { createDatabase } from "~db/client.server";
import { MEDBORGARLOFTE_HOGSBY_MONSTERAS_2024_2025 as SIGNED } from "~db/frozen/medborgarlofte-hogsby-monsteras-2024-2025";
import type { Database } from "~db/schema";
import { E2E_DATABASE } from "../../playwright.config";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { createUser, type E2EUser } from "./helpers/db";

let db: Kysely<Database> | undefined;
const e2eDb = () => (db ??= createDatabase(E2E_DATABASE));

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

const KOMMUN_COMMITMENT = { wording: "Kommunen lovar att bjuda in till en medborgardialog om trygghet i centrum.", summary: "Kommunen bjuder in invånarna till ett samtal om trygghet." };
const POLICE_COMMITMENT = { wording: "Polisen lovar att informera om bedrägerier på träffpunkter för äldre.", summary: "Polisen informerar äldre om bedrägerier." };

async function addCommitment(page: Page, area: string, input: { wording: string; summary: string; owner: string }) {
  const region = page.getByRole("region", { name: area });
  await region.getByText(/^Lägg till ett åtagande i/).click();
  await region.getByLabel("Ordalydelse").fill(input.wording);
  await region.getByLabel("Sammanfattning på lätt svenska").fill(input.summary);
  await region.getByLabel("Vem lovade det").selectOption({ label: input.owner });
  await region.getByRole("button", { name: "Lägg till åtagandet" }).click();
  await expect(page.getByRole("status")).toContainText("Ändringen är sparad.");
}

/** Opens every commitment's fold with its activities, as a citizen clicks "Visa ordalydelsen och … aktiviteter". */
async function openActivities(page: Page) {
  // Each click opens one, which then no longer matches: always the first closed one.
  const closed = page.getByRole("main").locator("details:not([open]) > summary", { hasText: /^Visa ordalydelsen och (aktiviteten|\d+ aktiviteter) \(/ });
  for (let left = await closed.count(); left > 0; left--) await closed.first().click();
}

async function recordActivity(page: Page, summary: string, input: { day: string; title: string; description: string; participants: string }) {
  const commitment = page.getByRole("article", { name: summary });
  await commitment.locator("summary", { hasText: "Registrera en aktivitet" }).click();
  await commitment.getByLabel("Datum").fill(input.day);
  await commitment.getByLabel("Rubrik").fill(input.title);
  await commitment.getByLabel("Kort beskrivning").fill(input.description);
  await commitment.getByLabel("Antal deltagare (valfritt)").fill(input.participants);
  await commitment.getByRole("button", { name: "Spara aktiviteten" }).click();
  await expect(page.getByRole("status")).toHaveText("Aktiviteten är registrerad.");
}

test("a promise written, followed up by the municipality and the police, reported, and read by a citizen with the previous one in the archive", async ({ browser, page }) => {
  test.setTimeout(180_000);
  const unique = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const admin = await createUser({ role: "admin", name: "Ada Administratör" });
  const created = await createMunicipality(e2eDb(), { name: `Resans kommun ${unique}`, county: "Kalmar län", slug: `resan-${unique}`, actorId: admin.id });
  if (created.status !== "created") throw new Error(created.status);
  const kommun = created.slug;
  const coordinator = await createUser({ role: "coordinator", municipality: kommun, name: "Rut Samordnare" });
  const police = await createUser({ role: "polis", municipality: null, name: `Rolf Polis ${unique}` });
  const previousTitle = `Medborgarlöfte 2024–2025 för resan ${unique}`;
  const previous = await publishFrozenPromise(e2eDb(), {
    actor: { id: coordinator.id, role: "coordinator", municipalityId: created.id },
    promise: { ...SIGNED, title: previousTitle },
    municipalityIds: [created.id],
    now: new Date("2023-12-20T10:00:00Z"),
  });
  if (!previous.ok) throw new Error(JSON.stringify(previous));

  // The coordinator writes the next promise, with two focus areas, and publishes it.
  const title = `Medborgarlöfte 2026–2027 för resan ${unique}`;
  await signIn(page, coordinator);
  await page.goto("/samordnare/loften");
  await page.getByLabel("Titel").fill(title);
  await page.getByRole("button", { name: "Skapa utkast" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const promiseId = new URL(page.url()).pathname.split("/").at(-1)!;
  await page.getByLabel("Första dagen").fill("2026-01-01");
  await page.getByLabel("Sista dagen").fill("2027-12-31");
  await page.getByLabel("Polisområde").fill("Lokalpolisområde Västervik");
  await page.getByLabel("Undertecknat").fill("2025-12-18");
  await page.getByRole("button", { name: "Spara uppgifterna" }).click();
  await expect(page.getByRole("status")).toContainText("Ändringen är sparad.");
  for (const area of ["Trygghet", "Bedrägerier"]) {
    await page.getByLabel("Nytt fokusområde").fill(area);
    await page.getByRole("button", { name: "Lägg till fokusområdet" }).click();
    await expect(page.getByRole("heading", { level: 3, name: new RegExp(area) })).toBeVisible();
  }
  await addCommitment(page, "1. Trygghet", { ...KOMMUN_COMMITMENT, owner: "Kommunen" });
  await addCommitment(page, "2. Bedrägerier", { ...POLICE_COMMITMENT, owner: "Polisen" });
  await page.getByRole("button", { name: "Publicera", exact: true }).click();
  await page.getByRole("button", { name: "Ja, publicera" }).click();
  await expect(page.getByRole("status")).toContainText("Löftet är publicerat.");

  // The admin attaches the police partner to it.
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, admin);
  await adminPage.goto("/admin/polis");
  await adminPage.getByLabel("Polis", { exact: true }).selectOption({ label: `${police.name} (${police.email})` });
  await adminPage.getByLabel("Medborgarlöfte").selectOption({ value: promiseId });
  await adminPage.getByRole("button", { name: "Koppla till löftet" }).click();
  await expect(adminPage.getByRole("status")).toHaveText("Polisen är kopplad till löftet.");

  // The police partner records an activity on the police's commitment.
  const policePage = await (await browser.newContext()).newPage();
  await signIn(policePage, police);
  await policePage.goto("/polis");
  await policePage.getByRole("link", { name: title }).click();
  await expect(policePage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await recordActivity(policePage, POLICE_COMMITMENT.summary, {
    day: "2026-03-12",
    title: "Informationsträff om bedrägerier på PRO",
    description: "Om telefonbedrägerier och hur man skyddar sig.",
    participants: "28",
  });

  // The coordinator records one on the municipality's commitment and publishes a report.
  await page.goto(`/samordnare/loften/${promiseId}/uppfoljning`);
  await recordActivity(page, KOMMUN_COMMITMENT.summary, {
    day: "2026-04-22",
    title: "Medborgardialog på torget",
    description: "Kväll om trygghet i centrum.",
    participants: "3",
  });
  const reportTitle = `Uppföljning 1 ${unique}`;
  await page.goto("/samordnare/uppfoljning");
  await page.getByLabel("Rubrik").fill(reportTitle);
  await page.getByLabel("Från och med").fill("2026-01-01");
  await page.getByLabel("Till och med").fill("2026-06-30");
  await page.getByLabel("Kommentar till invånarna").fill("Vi har hållit en dialog om trygghet.");
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Förhandsgranska: ${reportTitle}` })).toBeVisible();
  await openActivities(page);
  await expect(page.getByText("Informationsträff om bedrägerier på PRO")).toBeVisible();
  await page.getByRole("button", { name: "Publicera rapporten" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Rapporten ”${reportTitle}” är publicerad.` })).toBeVisible();

  // A citizen without an account.
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto(`/uppfoljning/${kommun}`);
  await expect(citizen.getByRole("heading", { level: 2, name: title })).toBeVisible();
  const main = citizen.getByRole("main");
  await expect(main.getByText(/1 av 2 utlovade rapporter publicerade under perioden/)).toBeVisible();
  await expectNoAccessibilityViolations(citizen);
  // The follow-up page shows each commitment's state; the promise's own page its activities, folded under each commitment.
  await main.getByRole("link", { name: "Läs hela löftet: ordalydelsen, målen och alla aktiviteter" }).click();
  await expect(citizen.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await openActivities(citizen);
  await expect(main.getByText("Informationsträff om bedrägerier på PRO", { exact: true })).toBeVisible();
  await expect(main.getByText("Medborgardialog på torget", { exact: true })).toBeVisible();
  await expect(main.getByText(/Deltagare: 28\. Registrerad av: Polisen\./)).toBeVisible();
  await expect(main.getByText(/Deltagare: färre än 5\. Registrerad av: Kommunen\./)).toBeVisible();
  await expect(main.getByText("Rut Samordnare")).toHaveCount(0);
  await expect(main.getByText(police.name)).toHaveCount(0);
  await expectNoAccessibilityViolations(citizen);

  await citizen.goto(`/uppfoljning/${kommun}`);
  await citizen.getByRole("link", { name: reportTitle }).click();
  await expect(citizen.getByRole("heading", { level: 1, name: reportTitle })).toBeVisible();
  await openActivities(citizen);
  await expect(citizen.getByText("Medborgardialog på torget", { exact: true })).toBeVisible();
  await expect(citizen.getByText("Informationsträff om bedrägerier på PRO", { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(citizen);

  await citizen.goto(`/uppfoljning/${kommun}`);
  const archive = citizen.getByRole("region", { name: "Andra medborgarlöften" });
  await archive.getByRole("link", { name: previousTitle }).click();
  await expect(citizen.getByRole("heading", { level: 1, name: previousTitle })).toBeVisible();
  await expect(citizen.getByText("1 januari 2024 – 31 december 2025")).toBeVisible();
  await expectNoAccessibilityViolations(citizen);
});
