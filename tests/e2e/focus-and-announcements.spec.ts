// SPDX-License-Identifier: EUPL-1.2
// Where focus goes and what a screen reader is told after an action or a client-side navigation
// (WCAG 2.4.3, 4.1.3; issue #21). NVDA and JAWS with Chrome announce a live region only when text
// changes inside a region that was already in the page, so each test takes hold of the region
// before the action and reads the same element after it.
import fs from "node:fs";
import { expect, test, type ElementHandle, type Page } from "@playwright/test";
import type { Kysely } from "kysely";
import { recordLessonCompletion } from "~/modules/learning/progress.server";
import { createDatabase } from "~db/client.server";
import type { Database } from "~db/schema";
import { E2E_DATABASE } from "../../playwright.config";
import { createUser, e2eContent, E2E_PASSWORD, type E2EUser } from "./helpers/db";
import { hydrated } from "./helpers/hydrated";
import { clickMenuLink } from "./helpers/menu";

const TRACK = "andts-coach-grund";
const MODULE = "andts-och-uppdraget";
const MODULE_DIR = `content/modules/${MODULE}`;

let db: Kysely<Database> | undefined;
const e2eDb = () => (db ??= createDatabase(E2E_DATABASE));

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(E2E_PASSWORD);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}


/** The page's live region of a kind, as it is before anything happens: present, and empty. */
async function regionBefore(page: Page, kind: "status" | "route"): Promise<ElementHandle> {
  const region = kind === "status" ? page.locator('[role="status"]') : page.locator('[aria-live="polite"]:not([role])');
  await expect(region, `one ${kind} live region in the page before the action`).toHaveCount(1);
  await expect(region).toHaveText("");
  return (await region.elementHandle())!;
}

/** The text of the same element later: null once it has left the page (a new region would not be announced). */
function laterText(region: ElementHandle) {
  return () => region.evaluate((el) => (el.isConnected ? (el.textContent ?? "") : null));
}

/** What has focus: its tag, level-1 heading or not, and its text. */
function focused(page: Page) {
  return () =>
    page.evaluate(() => {
      const el = document.activeElement;
      return el ? `${el.tagName.toLowerCase()}: ${(el.textContent ?? "").replace(/\s+/g, " ").trim()}` : "none";
    });
}

function inDays(days: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 24 * 3_600_000));
}

test("booking and cancelling a course day move focus to the message, and the status region that was already there says it", async ({ page, browser }) => {
  test.setTimeout(60_000);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const place = `Fokussalen ${stamp}`;
  const coordinator = await createUser({ role: "coordinator", name: "Fia Fokus" });
  const coach = await createUser({ name: `Cim Coach ${stamp}` });

  await signIn(page, coordinator);
  await page.goto("/samordnare/traffar");
  await page.getByLabel("Träff", { exact: true }).selectOption({ label: "Utbildningsdag 1" });
  await page.getByLabel("Datum", { exact: true }).fill(inDays(2));
  await page.getByLabel("Börjar").fill("09:00");
  await page.getByLabel("Slutar").fill("16:00");
  await page.getByLabel("Plats", { exact: true }).fill(place);
  await page.getByLabel("Antal platser").fill("5");
  await page.getByLabel("Sista dag för anmälan").fill(inDays(1));
  await page.getByRole("button", { name: "Lägg upp träffen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  const sessionId = /\/samordnare\/traffar\/([a-z0-9]+)/.exec(page.url())![1]!;

  const c = await (await browser.newContext()).newPage();
  await signIn(c, coach);
  await c.goto(`/traffar/${sessionId}`);
  await hydrated(c);
  const region = await regionBefore(c, "status");

  await c.getByRole("button", { name: "Anmäl mig" }).click();
  await expect.poll(laterText(region)).toContain("Du har en plats.");
  await expect.poll(focused(c)).toMatch(/^div: Du har en plats\./);

  await c.getByRole("button", { name: "Avboka min plats" }).click();
  await expect.poll(laterText(region)).toBe("Du har avbokat din plats.");
  await expect.poll(focused(c)).toBe("div: Du har avbokat din plats.");

  // The same message a second time is announced again: the region is emptied and filled anew.
  await c.getByRole("button", { name: "Anmäl mig" }).click();
  await expect.poll(laterText(region)).toContain("Du har en plats.");
  await expect.poll(focused(c)).toMatch(/^div: Du har en plats\./);
  await c.getByRole("button", { name: "Avboka min plats" }).click();
  await expect.poll(laterText(region)).toBe("Du har avbokat din plats.");
});

function csv(lines: string[]): Buffer {
  return Buffer.from(`\uFEFFe-post;namn;datum;moment\n${lines.join("\n")}\n`, "utf8");
}

test("the import preview takes focus at its heading and the status region says the counts and that nothing can be imported", async ({ page }) => {
  const coach = await createUser({ role: "coach", name: "Ivar Import" });
  const other = await createUser({ role: "coach", name: "Greta Granskad" });
  const coordinator = await createUser({ role: "coordinator", name: "Sixten Samordnare" });
  await signIn(page, coordinator);
  await page.goto("/samordnare/tidigare-utbildning");
  await hydrated(page);
  const region = await regionBefore(page, "status");

  await page.getByLabel("Fil att importera").setInputFiles({
    name: "tidigare.csv",
    mimeType: "text/csv",
    buffer: csv([`${coach.email};Ivar Import;2024-10-15;alla`, `${other.email};Greta Granskad;31/13/2024;utbildningsdag-1`]),
  });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect.poll(focused(page)).toBe("h3: Förhandsgranskning");
  await expect.poll(laterText(region)).toBe(
    "Förhandsgranskning: 2 rader, 1 ny, 0 redan registrerade, 1 med fel. En rad har fel. Ingenting kan importeras förrän filen är rättad. Rätta filen och ladda upp den igen.",
  );

  await page.getByLabel("Fil att importera").setInputFiles({
    name: "tidigare.csv",
    mimeType: "text/csv",
    buffer: csv([`${coach.email};Ivar Import;2024-10-15;alla`, `${other.email};Greta Granskad;2024-10-15;utbildningsdag-1`]),
  });
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect.poll(laterText(region)).toContain("0 med fel. Inga fel.");
  await expect.poll(focused(page)).toBe("h3: Förhandsgranskning");

  await page.getByRole("button", { name: "Importera", exact: true }).click();
  await expect.poll(laterText(region)).toContain("Importen är klar");
  await expect.poll(focused(page)).toMatch(/^div: Importen är klar/);
});

test("after the last lesson is marked as read, focus lands on the knowledge test's heading and its title is announced", async ({ page }) => {
  const coach = await createUser({ name: "Lisa Lektion" });
  const slugs = fs
    .readdirSync(MODULE_DIR)
    .filter((name) => /^\d\d-.+\.md$/.test(name))
    .sort()
    .map((name) => name.replace(/^\d\d-/, "").replace(/\.md$/, ""));
  const contentHash = e2eContent().modules[MODULE]!.contentHash;
  for (const lesson of slugs.slice(0, -1)) await recordLessonCompletion(e2eDb(), { userId: coach.id, track: TRACK, module: MODULE, lesson, contentHash });

  await signIn(page, coach);
  await page.goto(`/utbildning/${TRACK}/${MODULE}/${slugs.at(-1)}`);
  await hydrated(page);
  const region = await regionBefore(page, "route");
  await page.getByRole("button", { name: "Markera som klar" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Kunskapstest: /);
  await expect.poll(focused(page)).toMatch(/^h1: Kunskapstest: /);
  await expect.poll(laterText(region)).toBe(await page.title());
  expect(await page.title()).toMatch(/^Kunskapstest/);
});

test("following a menu link announces the new page's title and moves focus to its h1, but a filter or the first load moves nothing", async ({ page }) => {
  const coordinator = await createUser({ role: "coordinator", name: "Rut Rutt" });
  await signIn(page, coordinator);
  await page.goto("/samordnare");
  await hydrated(page);
  // The first load leaves focus where a page load puts it, so the skip link is the first Tab stop.
  await expect.poll(focused(page)).toMatch(/^body/);
  const region = await regionBefore(page, "route");

  await clickMenuLink(page, "Materialanvändning");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect.poll(focused(page)).toMatch(/^h1: /);
  const title = await page.title();
  expect(title).toMatch(/^Materialanvändning/);
  await expect.poll(laterText(region)).toBe(title);

  // A filter changes only the query: focus stays on the link that was followed, and the page is not announced anew.
  await page.getByRole("navigation", { name: "Välj period" }).getByRole("link", { name: "Senaste 90 dagarna" }).click();
  await expect(page).toHaveURL(/[?&]dagar=90/);
  await expect(page.getByRole("link", { name: "Senaste 90 dagarna" })).toHaveAttribute("aria-current", "page");
  await expect.poll(focused(page)).toBe("a: Senaste 90 dagarna");
  expect(await laterText(region)()).toBe(title);

  // The skip link still leads into the main content after a client-side navigation.
  await page.getByRole("link", { name: "Hoppa till innehållet" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  await expect.poll(focused(page)).toMatch(/^main/);
});
