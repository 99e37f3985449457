// SPDX-License-Identifier: EUPL-1.2
// Issue #15 end to end: a municipality's coordinator gives it a face (logo, issuer), a contact card
// and local text, and approves a module. Its coach sees all of it in the training and on the
// certificate; a coach of another municipality sees none of it.
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { extractText, getDocumentProxy } from "unpdf";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { certifyCoach, createUser, type E2EUser } from "./helpers/db";

const TRACK = "andts-coach-grund";
const MODULE = "oro-for-ett-barn";
const LESSON = "nar-du-blir-orolig";
const LOCAL_TEXT = "Ring socialtjänstens mottagning i Provby och be om den som har jour för barn och unga.";

async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

test("a coordinator gives the municipality its face and local knowledge; its coach sees it, another municipality's does not", async ({ browser }) => {
  test.setTimeout(180_000);
  const suffix = Math.random().toString(36).slice(2, 7);
  const slug = `provby-${suffix}`;
  const officialName = `Provby kommun ${suffix}`;

  // An admin adds the municipality, as a new one joins.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, { email: "admin@demo.coachportalen.se", password: "demo-coach-2026" });
  await admin.goto("/admin/kommuner");
  await admin.getByLabel("Namn", { exact: true }).fill(`Provby ${suffix}`);
  await admin.getByLabel("Län", { exact: true }).fill("Kalmar län");
  await admin.getByLabel("Kortnamn (frivilligt)").fill(slug);
  await admin.getByRole("button", { name: "Lägg till kommunen" }).click();
  await expect(admin.getByRole("status")).toContainText(`kortnamnet ”${slug}”`);
  // Its own page, not the list again: the page of one municipality is a route of its own.
  await admin.getByRole("main").getByRole("link", { name: `Provby ${suffix}`, exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`Provby ${suffix}`);
  await adminContext.close();

  const coordinator: E2EUser = await createUser({ role: "coordinator", municipality: slug, name: "Petra Provsamordnare" });
  const coach: E2EUser = await createUser({ role: "coach", municipality: slug, name: "Pia Provcoach" });
  const elsewhere: E2EUser = await createUser({ role: "coach", municipality: "monsteras", name: "Anna Annanstans" });

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, coordinator);

  // The profile, and a logo: a PNG made here.
  await page.goto("/samordnare/profil");
  await page.getByLabel("Kommunens officiella namn").fill(officialName);
  await page.getByLabel("Utfärdarens namn på intyg").fill("Petra Provsamordnare");
  await page.getByLabel("Utfärdarens titel på intyg").fill("ANDTS-samordnare");
  await page.getByLabel("Kontaktpersonens telefonnummer").fill("0491-ABC");
  await page.getByRole("button", { name: "Spara uppgifterna" }).click();
  await expect(page.getByRole("alert")).toContainText("Skriv telefonnumret med siffror");
  await page.getByLabel("Kontaktpersonens telefonnummer").fill("");
  await page.getByRole("button", { name: "Spara uppgifterna" }).click();
  await expect(page.getByRole("status")).toHaveText("Uppgifterna är sparade.");
  const png = await sharp({ create: { width: 240, height: 80, channels: 3, background: "#1d4f91" } }).png().toBuffer();
  await page.getByLabel("Ladda upp en logotyp").setInputFiles({ name: "logga.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Spara logotypen" }).click();
  await expect(page.getByRole("status")).toHaveText("Logotypen är sparad.");
  await expect(page.getByRole("main").getByRole("img", { name: `${officialName}s logotyp` })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // A contact card.
  await page.goto("/samordnare/kontakter");
  await page.getByLabel("Vem").fill("Socialtjänstens mottagning i Provby");
  await page.getByLabel("När man vänder sig hit").fill("Hit gör du en orosanmälan om ett barn eller en ungdom.");
  await page.getByLabel("Telefon").fill("0491-123 00");
  await page.getByRole("button", { name: "Lägg till", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Kontaktkorten är sparade.");

  // Local text for the place in the lesson about orosanmälan, previewed first.
  await page.goto("/samordnare/lokalt");
  const place = page.getByRole("region", { name: "Så gör du en orosanmälan hos oss" });
  await place.getByLabel("Text").fill(LOCAL_TEXT);
  await place.getByRole("button", { name: "Förhandsgranska" }).click();
  await expect(page.getByRole("complementary", { name: /^Lokalt i / })).toContainText(LOCAL_TEXT);
  await page.getByRole("region", { name: "Så gör du en orosanmälan hos oss" }).getByRole("button", { name: "Spara" }).click();
  await expect(page.getByRole("status")).toContainText("är sparad");

  // The module approved for the municipality.
  await page.goto("/samordnare/granskning?visa=alla&typ=modul");
  await page.getByRole("button", { name: /^Godkänn Oro för ett barn/ }).click();
  await expect(page.getByRole("status")).toContainText("är granskat och godkänt");
  await expectNoAccessibilityViolations(page);
  await context.close();

  // The coach: header, approval, local text in the lesson, the contact card, and the certificate.
  const certificate = await certifyCoach(coach.id);
  const coachContext = await browser.newContext();
  const learner = await coachContext.newPage();
  await signIn(learner, coach);
  await learner.goto(`/utbildning/${TRACK}/${MODULE}`);
  await expect(learner.getByRole("banner")).toContainText(officialName);
  await expect(learner.getByRole("banner").locator(`img[src^="/om/${slug}/logotyp"]`)).toBeVisible();
  await expect(learner.getByText(new RegExp(`^Granskat av ${officialName} `))).toBeVisible();
  await learner.goto(`/utbildning/${TRACK}/${MODULE}/${LESSON}`);
  const local = learner.getByRole("complementary", { name: `Lokalt i ${officialName}` });
  await expect(local).toContainText(LOCAL_TEXT);
  await expectNoAccessibilityViolations(learner);
  await learner.goto("/lokalt");
  await expect(learner.getByRole("heading", { name: "Socialtjänstens mottagning i Provby" })).toBeVisible();
  await expect(learner.getByRole("link", { name: "0491-123 00" })).toHaveAttribute("href", "tel:049112300");

  const pdf = await learner.request.get(`/intyg/${certificate.id}.pdf`);
  expect(pdf.status()).toBe(200);
  const document = await getDocumentProxy(new Uint8Array(await pdf.body()));
  const { text } = await extractText(document, { mergePages: true });
  expect(text).toContain("Petra Provsamordnare");
  expect(text).toContain(`ANDTS-samordnare, ${officialName}`);
  expect(text).toContain("Utbildningens omfattning");
  expect(text).toMatch(/Utbildningsdag 1[^\n]*, \d{1,2} \p{L}+ \d{4}/u);
  expect(JSON.stringify(await (await document.getPage(1)).getStructTree())).toContain(`${officialName}s logotyp`);
  await coachContext.close();

  // A coach of another municipality sees none of it.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, elsewhere);
  await other.goto(`/utbildning/${TRACK}/${MODULE}`);
  await expect(other.getByRole("banner")).not.toContainText(officialName);
  await expect(other.getByText(new RegExp(`Granskat av ${officialName}`))).toHaveCount(0);
  await other.goto(`/utbildning/${TRACK}/${MODULE}/${LESSON}`);
  await expect(other.getByText(LOCAL_TEXT)).toHaveCount(0);
  await expect(other.locator(`img[src^="/om/${slug}/logotyp"]`)).toHaveCount(0);
  await other.goto("/lokalt");
  await expect(other.getByText("Socialtjänstens mottagning i Provby")).toHaveCount(0);
  await otherContext.close();
});
