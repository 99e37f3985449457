// SPDX-License-Identifier: EUPL-1.2
import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { certifyCoach, createUser, type E2EUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

/** The big number of a figure card, by its label. */
function figure(page: Page, label: string) {
  return page.locator("div.card").filter({ has: page.getByText(label, { exact: true }) }).locator("dd").first();
}

/**
 * Clicks "Publicera rapporten" and waits for its answer: the published report's notice, or a new
 * preview, told from the one clicked by its checksum (the old preview stays on screen until the
 * answer is rendered, so its notices and figures say nothing about the answer).
 */
async function publish(page: Page, checksum: Locator, published: Locator): Promise<"published" | "changed"> {
  const before = await checksum.inputValue();
  await page.getByRole("button", { name: "Publicera rapporten" }).click();
  let outcome: "published" | "changed" | undefined;
  await expect(async () => {
    if (await published.isVisible()) outcome = "published";
    else if ((await checksum.count()) === 1 && (await checksum.inputValue({ timeout: 100 })) !== before) outcome = "changed";
    expect(outcome).toBeDefined();
  }).toPass({ timeout: 15_000 });
  return outcome!;
}

test("a coordinator publishes a report, and citizens see it with the figures frozen at publication", async ({ page }) => {
  const coordinator = await createUser({ role: "coordinator", municipality: "hogsby", name: "Petra Publicerar" });
  const title = `Uppföljning e2e ${Date.now()}`;
  await signIn(page, coordinator);
  await clickMenuLink(page, "Uppföljning för invånarna");
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för invånarna" })).toBeVisible();
  await expect(page.getByText(/av 2 utlovade rapporter publicerade under perioden/)).toBeVisible();
  // The demo's 2024–2025 promise has ended, unless a test beside this one has published Högsby's next one.
  await expect(page.getByText(/Perioden (har tagit slut|pågår)\./)).toBeVisible();

  // An empty form: every mistake listed, and the page still meets WCAG with the errors shown.
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  const summary = page.getByRole("alert");
  await expect(summary.getByRole("heading", { name: "Det finns 4 fel i formuläret" })).toBeVisible();
  await expect(summary.getByRole("link", { name: /Rubrik: Fyll i en rubrik/ })).toBeVisible();
  await expect(page.getByLabel("Rubrik")).toHaveAttribute("aria-invalid", "true");
  await expectNoAccessibilityViolations(page);

  await page.getByLabel("Rubrik").fill(title);
  await page.getByLabel("Från och med").fill("2025-01-01");
  await page.getByLabel("Till och med").fill("2025-06-30");
  await page.getByLabel("Kommentar till invånarna").fill("Vi har utbildat **coacher** i hela kommunen.\n\n<b>Det här ska synas som text</b>");
  await page.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("heading", { level: 2, name: `Förhandsgranska: ${title}` })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // A coach certified after the preview moves the figures: the publication is refused, and the page
  // shows the new figures and asks to publish again, as it would ask anyone.
  const changed = page.getByRole("status").filter({ hasText: "har ändrats sedan du förhandsgranskade" });
  const published = page.getByRole("status").filter({ hasText: `Rapporten ”${title}” är publicerad.` });
  const checksum = page.locator('input[type="hidden"][name="checksum"]');
  await certifyCoach((await createUser({ municipality: "hogsby", name: "Efter Förhandsgranskningen" })).id);
  let outcome = await publish(page, checksum, published);
  expect(outcome).toBe("changed");
  await expect(changed).toBeVisible();

  // Tests running beside this one certify Högsby's coaches too, so a second publish may find the
  // figures moved again: each answer is awaited (a new preview or the published report) before reading it.
  let previewed: string | null = null;
  for (let tries = 0; tries < 5 && outcome !== "published"; tries++) {
    previewed = await figure(page, "Certifierade ANDTS-coacher").textContent();
    outcome = await publish(page, checksum, published);
  }
  await expect(published).toBeVisible();
  await page.getByRole("link", { name: "Visa rapporten som invånarna ser den" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const frozen = await figure(page, "Certifierade ANDTS-coacher").textContent();
  expect(frozen).toBe(previewed);
  await expect(page.getByText("<b>Det här ska synas som text</b>")).toBeVisible();
  await expect(page.locator("strong", { hasText: "coacher" })).toBeVisible();
  const reportUrl = page.url();

  // Five more certified coaches: today's figures move, the report's do not.
  for (let i = 0; i < 5; i++) {
    const coach = await createUser({ municipality: "hogsby", name: `Frida Fler ${i}` });
    await certifyCoach(coach.id);
  }
  await page.goto(reportUrl);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(figure(page, "Certifierade ANDTS-coacher")).toHaveText(frozen!);

  await page.getByRole("link", { name: "Uppföljning för Högsby kommun" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för Högsby kommun" })).toBeVisible();
  await expect(figure(page, "Certifierade ANDTS-coacher")).not.toHaveText(frozen!);
  await expect(page.getByRole("link", { name: title })).toHaveAttribute("href", new URL(reportUrl).pathname);
});

test("a citizen without an account reads both municipalities' pages, a report, and downloads the figures", async ({ page }) => {
  await page.goto("/");
  // Mönsterås first: tests beside this one publish promises of their own for Högsby, which then become Högsby's current one.
  await page.getByRole("main").getByRole("link", { name: "Uppföljning för Mönsterås kommun" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för Mönsterås kommun" })).toBeVisible();
  // The demo's signed promise, word for word, followed up with example activities and two reports in the period.
  await expect(page.getByRole("heading", { level: 2, name: "Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025" })).toBeVisible();
  await expect(page.getByRole("note").filter({ hasText: "Exempeldata: aktiviteter och rapporter här är påhittade" })).toBeVisible();
  await expect(page.getByText("Högsby kommun, Mönsterås kommun och Lokalpolisområde Västervik")).toBeVisible();
  // The overview: every commitment's summary and state in a few lines, its activities counted, and the public guide it names.
  const dialogue = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /bjuder in till minst ett samtal med invånarna/ }) });
  await expect(dialogue).toContainText("Genomfört");
  await expect(dialogue).toContainText("Lovat av kommunen och polisen · mål: 2 av 2");
  await expect(dialogue.getByRole("link", { name: /^2 aktiviteter, den senaste / })).toBeVisible();
  await expect(page.getByRole("link", { name: "Läs mer: Bedrägerier – så skyddar du dig och dina närmaste" })).toHaveAttribute("href", "/guider/bedragerier");
  await expect(page.getByText(/Kommunerna lovar att satsa på utbildning av ANDTS-coacher/)).toHaveCount(0);
  // The promise's own page has the rest: the wording and every activity, folded under each commitment for a citizen to open.
  await dialogue.getByRole("link", { name: /^2 aktiviteter/ }).click();
  await expect(page).toHaveURL(/\/uppfoljning\/monsteras\/loften\/[^/#]+#lofte-area-0$/);
  await expect(page.getByRole("heading", { level: 1, name: "Lokalt medborgarlöfte i Högsby och Mönsterås kommuner 2024–2025" })).toBeVisible();
  const wording = page.getByText(/Kommunerna lovar att satsa på utbildning av ANDTS-coacher/);
  const fold = page.locator("details", { has: wording });
  await expect(fold.locator(":scope > summary")).toHaveText(/^Visa ordalydelsen/);
  await fold.locator(":scope > summary").click();
  await expect(wording).toBeVisible();
  const activity = page.getByText("Medborgardialog i centrala Högsby", { exact: true });
  const activityFold = page.locator("details", { has: activity });
  if (!(await activityFold.evaluate((d) => (d as HTMLDetailsElement).open))) await activityFold.locator(":scope > summary").click();
  await expect(activity).toBeVisible();
  const fewParticipants = page.getByText(/Deltagare: färre än 5\./).first();
  const fewGroup = page.locator("details", { has: fewParticipants }).first();
  if (!(await fewGroup.evaluate((d) => (d as HTMLDetailsElement).open))) await fewGroup.locator(":scope > summary").click();
  await expect(fewParticipants).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("link", { name: "Uppföljning för Mönsterås kommun" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för Mönsterås kommun" })).toBeVisible();
  await expect(page.getByText("2 av 2 utlovade rapporter publicerade under perioden")).toBeVisible();
  for (const label of ["Certifierade ANDTS-coacher", "Coacher under utbildning", "Klarade utbildningsmoduler", "Användning av skolmaterial"]) {
    await expect(figure(page, label)).toHaveText(/^(färre än 5|\d[\d\s]*)$/);
  }
  // Every chart has its numbers in a table behind "Visa som tabell", with small numbers in words.
  await page.locator("summary", { hasText: "Visa som tabell: Certifierade coacher och coacher under utbildning, per kvartal" }).click();
  const table = page.getByRole("table", { name: "Certifierade coacher och coacher under utbildning, per kvartal" });
  await expect(table.getByRole("row")).toHaveCount(13);
  await expect(table.getByRole("row").nth(1)).toContainText("Kvartal 1 2024");
  await expect(page.getByRole("img", { name: /Certifierade coacher och coacher under utbildning, per kvartal/ })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  const csv = await page.request.get("/uppfoljning/monsteras/siffror.csv");
  expect(csv.ok()).toBe(true);
  const body = await csv.body();
  expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(body.toString("utf8")).toContain("Kvartal;Räknat till och med;Certifierade ANDTS-coacher;");
  await expect(page.getByRole("link", { name: "Ladda ner siffrorna per kvartal (CSV-fil för Excel)" })).toBeVisible();

  // The demo's second report, with the police's part of the commentary and every commitment as it stood then.
  await page.getByRole("link", { name: "Uppföljning 2 2025 (exempel)" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning 2 2025 (exempel)" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Kommunens och polisens kommentar" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Polisen skriver" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Löftet när rapporten publicerades" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Skriv ut" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "Skriv ut" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Huvudmeny" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  await page.goto("/");
  await page.getByRole("main").getByRole("link", { name: "Uppföljning för Högsby kommun" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för Högsby kommun" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Kommunens rapporter" })).toBeVisible();
  await expect(figure(page, "Certifierade ANDTS-coacher")).toHaveText(/^(färre än 5|\d[\d\s]*)$/);

  // On a phone the page does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 800 });
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för Högsby kommun" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await page.goto("/uppfoljning");
  await expect(page.getByRole("heading", { level: 1, name: "Uppföljning för invånarna" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Uppföljning för Mönsterås kommun" })).toBeVisible();
});

test("an address naming no municipality answers 404 in Swedish", async ({ page }) => {
  const response = await page.goto("/uppfoljning/finns-inte");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Sidan finns inte" })).toBeVisible();
  await expect(page.getByText(/Kommunen finns inte i Coachportalen/)).toBeVisible();
});
