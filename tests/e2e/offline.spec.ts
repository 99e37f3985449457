// SPDX-License-Identifier: EUPL-1.2
// Offline reading (docs/decisions/036-offline-lessons.md): a coach saves a module, reads every
// lesson and its image without network, marks one read (it waits, and says so), and sees it
// recorded once the network is back; signing out leaves nothing in the browser. A coordinator's
// browser keeps nothing, and drops what a coach left behind. The site is installable.
import fs from "node:fs";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { parse } from "yaml";
import { createUser, type E2EUser } from "./helpers/db";

const TRACK = "andts-coach-grund";
// The module whose last lesson has an image (content/modules/oro-for-ett-barn/04-…md).
const MODULE = "oro-for-ett-barn";
const MODULE_DIR = `content/modules/${MODULE}`;
const MODULE_URL = `/utbildning/${TRACK}/${MODULE}`;
const titleOf = (file: string) => (parse(/^---\n([\s\S]*?)\n---/.exec(fs.readFileSync(file, "utf8"))![1]!) as { title: string }).title;
const moduleTitle = titleOf(`${MODULE_DIR}/index.md`);
const lessons = fs
  .readdirSync(MODULE_DIR)
  .filter((name) => /^\d\d-.+\.md$/.test(name))
  .sort()
  .map((name) => ({ slug: name.slice(3, -3), title: titleOf(`${MODULE_DIR}/${name}`) }));

async function signIn(page: Page, user: E2EUser, home: RegExp) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord").fill(user.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).toHaveURL(home);
}

/** What this browser keeps for the site: service workers, caches and IndexedDB databases. */
async function stored(page: Page) {
  return page.evaluate(async () => ({
    workers: (await navigator.serviceWorker.getRegistrations()).length,
    caches: await caches.keys(),
    databases: (await indexedDB.databases()).map((db) => db.name),
  }));
}

async function saveModule(page: Page) {
  await page.goto(MODULE_URL);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(moduleTitle);
  await page.getByRole("button", { name: "Spara för läsning utan nät" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sparad för läsning utan nät" })).toBeVisible({ timeout: 20_000 });
}

async function goOffline(context: BrowserContext, page: Page) {
  await context.setOffline(true);
  await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
}

test("a coach saves a module, reads it offline, marks a lesson read and sees it recorded when back online; signing out leaves nothing", async ({
  page,
  context,
}) => {
  const coach = await createUser({ role: "coach", name: "Olle Offline" });
  await signIn(page, coach, /\/utbildning$/);
  await saveModule(page);

  await goOffline(context, page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(moduleTitle);
  await expect(page.getByRole("status").filter({ hasText: "Sparad för läsning utan nät" })).toBeVisible();
  await expect(page.getByText("Kunskapstestet rättas på servern, så du behöver nät för att göra det.")).toBeVisible();

  // Every lesson, reached the way a reader does: by its links.
  await page.getByRole("link", { name: `1. ${lessons[0]!.title}` }).click();
  for (const [i, lesson] of lessons.entries()) {
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title);
    await expect(page.getByText(`Lektion ${i + 1} av ${lessons.length}`)).toBeVisible();
    await expect(page.getByText("Sparad för läsning utan nät")).toBeVisible();
    for (const image of await page.locator("#lektionstext img").all()) {
      await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    }
    if (i === 1) {
      await page.getByRole("button", { name: "Markera som klar" }).click();
      await expect(page.getByText("Markerad som klar. Du är inte uppkopplad, så det skickas när du har nät igen.")).toBeVisible();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(lesson.title);
    }
    const next = lessons[i + 1];
    if (next) await page.getByRole("link", { name: `Nästa: ${next.title}` }).click();
  }
  expect((await page.locator("#lektionstext img").all()).length).toBeGreaterThan(0);

  // The knowledge test is scored on the server: offline it says so instead of failing.
  await page.getByRole("link", { name: "Nästa: Kunskapstestet" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Du är inte uppkopplad");
  await expect(page.getByText("Kunskapstest behöver nät: svaren rättas på servern.")).toBeVisible();

  // Still waiting after page loads, on the module page and the lesson, until the network is back.
  await page.goto(MODULE_URL);
  const rows = page.getByRole("region", { name: "Lektioner" }).getByRole("listitem");
  await expect(rows.nth(1)).toContainText("Läst, skickas när du har nät");
  await page.goto(`${MODULE_URL}/${lessons[1]!.slug}`);
  await expect(page.getByText("Markerad som klar. Du är inte uppkopplad, så det skickas när du har nät igen.")).toBeVisible();
  await context.setOffline(false);
  await expect(page.getByText("Du har läst den här lektionen.")).toBeVisible({ timeout: 15_000 });

  await page.goto(MODULE_URL);
  await expect(page.getByText(`1 av ${lessons.length} lektioner lästa`)).toBeVisible();
  await expect(rows.nth(1)).toContainText("✓ Läst");
  await expect(rows.nth(0)).toContainText("Inte läst");

  await page.getByRole("button", { name: "Logga ut" }).click();
  await expect(page).toHaveURL(/\/logga-in/);
  await expect.poll(() => stored(page)).toEqual({ workers: 0, caches: [], databases: [] });
});

test("a coach saves the whole track from Min utbildning and opens any of its lessons offline", async ({ page, context }) => {
  const coach = await createUser({ role: "coach" });
  await signIn(page, coach, /\/utbildning$/);
  const track = page.getByRole("region", { name: titleOf(`content/tracks/${TRACK}.md`) });
  await track.getByRole("button", { name: "Spara för läsning utan nät" }).click();
  await expect(track.getByRole("status").filter({ hasText: "Sparad för läsning utan nät" })).toBeVisible({ timeout: 30_000 });

  await goOffline(context, page);
  await page.goto("/utbildning");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min utbildning");
  await page.goto(`${MODULE_URL}/${lessons[3]!.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lessons[3]!.title);
  await page.getByRole("link", { name: "Min utbildning" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Min utbildning");
});

test("a coordinator's browser keeps nothing, and drops what a coach left in it without signing out", async ({ page, context }) => {
  const coach = await createUser({ role: "coach" });
  await signIn(page, coach, /\/utbildning$/);
  await saveModule(page);
  expect((await stored(page)).caches.length).toBeGreaterThan(0);

  // The coach's session ends without "Logga ut" (it runs out, or the cookie is gone); a coordinator signs in on the same phone.
  await context.clearCookies();
  const coordinator = await createUser({ role: "coordinator" });
  await signIn(page, coordinator, /\/samordnare/);
  for (const path of ["/samordnare", "/samordnare/coacher"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => stored(page)).toEqual({ workers: 0, caches: [], databases: [] });
  }
});

test("the site is installable: every page links a web app manifest with Swedish names, icons and the brand colour", async ({ page, request }) => {
  for (const path of ["/", "/logga-in", "/material"]) {
    await page.goto(path);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
  }
  const response = await request.get("/manifest.webmanifest");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/manifest+json");
  const manifest = JSON.parse(await response.text()) as Record<string, unknown> & { icons: Array<{ src: string; sizes: string; type: string; purpose?: string }> };
  expect(manifest).toMatchObject({ name: "Coachportalen", short_name: "Coachportalen", lang: "sv-SE", theme_color: "#165750", display: "standalone" });
  expect(typeof manifest.start_url).toBe("string");
  for (const size of ["192x192", "512x512"]) expect(manifest.icons.some((icon) => icon.sizes === size && icon.type === "image/png")).toBe(true);
  expect(manifest.icons.some((icon) => icon.purpose?.split(" ").includes("maskable"))).toBe(true);
  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()["content-type"]).toContain(icon.type);
  }
  // The page may register our own worker and read the manifest, and nothing else loosens.
  const csp = (await request.get("/")).headers()["content-security-policy"] ?? "";
  expect(csp).toContain("worker-src 'self'");
  expect(csp).toContain("manifest-src 'self'");
  expect(csp).not.toContain("unsafe-eval");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
});
