// SPDX-License-Identifier: EUPL-1.2
// A coordinator writes a medborgarlöfte with two focus areas (one commitment each, one the
// police's), uploads the signed PDF after a file that is not one is refused, and publishes it;
// the published version is read-only with "Rätta löftet". The list and the editor have no axe
// violations. Without JavaScript the same plain forms do it all, a correction included.
import { expect, test, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { createUser, type E2EUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

async function addCommitment(page: Page, area: string, input: { wording: string; summary: string; owner: string }) {
  const region = page.getByRole("region", { name: area });
  await region.getByText(/^Lägg till ett åtagande i/).click();
  await region.getByLabel("Ordalydelse").fill(input.wording);
  await region.getByLabel("Sammanfattning på lätt svenska").fill(input.summary);
  await region.getByLabel("Vem lovade det").selectOption({ label: input.owner });
  await region.getByRole("button", { name: "Lägg till åtagandet" }).click();
  await expect(page.getByRole("status")).toContainText("Ändringen är sparad.");
}

test("a coordinator writes and publishes a promise with two focus areas, the signed PDF and a police commitment", async ({ page }) => {
  // A long journey (two areas, three commitments, a PDF, publication): more than 30 s on a busy machine.
  test.setTimeout(90_000);
  const coordinator = await createUser({ role: "coordinator", municipality: "hogsby", name: "Sara Samordnare" });
  const title = `Medborgarlöfte 2026–2027 (${Date.now()})`;
  await signIn(page, coordinator);

  await clickMenuLink(page, "Medborgarlöfte");
  await expect(page.getByRole("heading", { level: 1, name: "Medborgarlöfte" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByLabel("Titel").fill(title);
  await page.getByRole("button", { name: "Skapa utkast" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Utkastet är skapat.");
  await expectNoAccessibilityViolations(page);

  // A period that ends before it starts is refused with its reason, at the field.
  await page.getByLabel("Första dagen").fill("2027-01-01");
  await page.getByLabel("Sista dagen").fill("2026-12-31");
  await page.getByRole("button", { name: "Spara uppgifterna" }).click();
  await expect(page.getByRole("alert")).toContainText("Perioden kan inte sluta innan den börjar");
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Första dagen").fill("2026-01-01");
  await page.getByLabel("Sista dagen").fill("2027-12-31");
  await page.getByLabel("Polisområde").fill("Lokalpolisområde Västervik");
  await page.getByLabel("Undertecknat").fill("2025-12-18");
  await page.getByRole("button", { name: "Spara uppgifterna" }).click();
  await expect(page.getByRole("status")).toContainText("Ändringen är sparad.");

  for (const area of ["Trygghet", "Narkotika"]) {
    await page.getByLabel("Nytt fokusområde").fill(area);
    await page.getByRole("button", { name: "Lägg till fokusområdet" }).click();
    await expect(page.getByRole("heading", { level: 3, name: new RegExp(area) })).toBeVisible();
  }
  await addCommitment(page, "1. Trygghet", {
    wording: "Polisen och kommunerna lovar att bjuda in till minst en medborgardialog för centrala Högsby.",
    summary: "Invånarna bjuds in till ett samtal om trygghet.",
    owner: "Kommunen",
  });
  await addCommitment(page, "2. Narkotika", {
    wording: "Polisen lovar att lägga fokus på att upptäcka nya, unga, som missbrukar narkotika.",
    summary: "Polisen letar efter unga som har börjat använda narkotika.",
    owner: "Polisen",
  });
  await expectNoAccessibilityViolations(page);

  // A file is a PDF by its content, not its name.
  const file = page.getByLabel("PDF-fil");
  await file.setInputFiles({ name: "loftet.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>inte en pdf</html>") });
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("alert")).toContainText("Filen är inte en PDF.");
  await page.getByLabel("PDF-fil").setInputFiles({ name: "loftet.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n") });
  await page.getByRole("button", { name: "Ladda upp" }).click();
  await expect(page.getByRole("status")).toContainText("PDF-filen är uppladdad.");
  const pdf = await page.request.get(await page.getByRole("link", { name: "Öppna den uppladdade PDF-filen" }).getAttribute("href").then((h) => h!));
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");

  await page.getByRole("button", { name: "Publicera", exact: true }).click();
  await expect(page.getByText("När löftet är publicerat går ordalydelsen inte att ändra.")).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByRole("button", { name: "Ja, publicera" }).click();
  await expect(page.getByRole("status")).toContainText("Löftet är publicerat.");

  // Read-only now: the wording as written, who promised it, and the way to correct it.
  await expect(page.getByRole("heading", { level: 2, name: "Narkotika" })).toBeVisible();
  await expect(page.getByText("Polisen lovar att lägga fokus på att upptäcka nya, unga, som missbrukar narkotika.")).toBeVisible();
  await expect(page.getByLabel("Ordalydelse")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rätta löftet" })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  await page.getByRole("link", { name: "Alla medborgarlöften" }).click();
  await expect(page.getByRole("row", { name: new RegExp(title.replace(/[()]/g, "\\$&")) })).toContainText("Publicerat");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the plain forms write, upload and publish a promise, and a correction asks for its note", async ({ page }) => {
    const coordinator = await createUser({ role: "coordinator", municipality: "monsteras" });
    const title = `Löfte utan JavaScript (${Date.now()})`;
    await signIn(page, coordinator);
    await page.goto("/samordnare/loften");
    await page.getByLabel("Titel").fill(title);
    await page.getByRole("button", { name: "Skapa utkast" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

    await page.getByLabel("Polisområde").fill("Lokalpolisområde Västervik");
    await page.getByLabel("Undertecknat").fill("2025-12-18");
    await page.getByRole("button", { name: "Spara uppgifterna" }).click();
    await page.getByLabel("Nytt fokusområde").fill("Bedrägerier");
    await page.getByRole("button", { name: "Lägg till fokusområdet" }).click();
    await addCommitment(page, "1. Bedrägerier", {
      wording: "Polisen och kommunerna lovar att informera och öka kunskaper kring bedrägerier.",
      summary: "Information om bedrägerier.",
      owner: "Kommunen och polisen",
    });
    await page.getByLabel("PDF-fil").setInputFiles({ name: "loftet.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n%%EOF\n") });
    await page.getByRole("button", { name: "Ladda upp" }).click();
    await expect(page.getByRole("status")).toContainText("PDF-filen är uppladdad.");

    await page.getByRole("button", { name: "Publicera", exact: true }).click();
    await page.getByRole("button", { name: "Ja, publicera" }).click();
    await expect(page.getByRole("status")).toContainText("Löftet är publicerat.");

    await page.getByRole("button", { name: "Rätta löftet" }).click();
    await expect(page.getByRole("status")).toContainText("utkast till rättelse");
    await page.getByRole("button", { name: "Publicera", exact: true }).click();
    await page.getByRole("button", { name: "Ja, publicera" }).click();
    await expect(page.getByRole("alert")).toContainText("Skriv vad som rättades.");
    await page.getByLabel("Vad rättades?").fill("Sammanfattningen är tydligare.");
    await page.getByRole("button", { name: "Ja, publicera" }).click();
    await expect(page.getByRole("status")).toContainText("Löftet är publicerat.");
    await expect(page.getByText("Sammanfattningen är tydligare.")).toBeVisible();
  });
});
