// SPDX-License-Identifier: EUPL-1.2
// A coach passes the last knowledge test of the track and gets a certificate at once: it is on
// /intyg with its timeline, downloads as a PDF whose link (the QR code's address) verifies it,
// and after the Högsby coordinator revokes it the public verification page says so.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { formatDate, formatLocalDate } from "~/lib/dates";
import { expiryForIssue, lastValidDay, refresherOpensAt } from "~/modules/certification/rules";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { completeTrackExcept, createUser, latestEmailTo } from "./helpers/db";
import { answerShownRight } from "./helpers/knowledge-test";

const TRACK = "andts-coach-grund";
const trackFile = fs.readFileSync(`content/tracks/${TRACK}.md`, "utf8");
const trackTitle = /^title: (.+)$/m.exec(trackFile)![1]!;
const lastModule = [...trackFile.matchAll(/^ {2}- ([a-z0-9-]+)$/gm)].at(-1)![1]!;
const moduleTitle = /^title: "?(.+?)"?$/m.exec(fs.readFileSync(`content/modules/${lastModule}/index.md`, "utf8"))![1]!;

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

async function answerAllRight(page: Page) {
  await answerShownRight(page, lastModule);
  await page.getByRole("button", { name: "Lämna in svaren" }).click();
}

test("a coach earns a certificate, downloads it, and the coordinator's revocation shows on the verification page", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const coach = await createUser({ role: "coach", name: "Cecilia Certifierad" });
  await completeTrackExcept(coach.id, { track: TRACK });

  await signIn(page, coach.email, coach.password);
  await expect(page.getByText(`Nästa: Kunskapstest: ${moduleTitle}`)).toBeVisible();
  await page.getByRole("link", { name: "Fortsätt" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Kunskapstest: ${moduleTitle}`);
  await answerAllRight(page);
  await expect(page.getByRole("heading", { name: "Du klarade testet" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Du har fått ditt intyg" })).toBeVisible();

  const email = await latestEmailTo(coach.email);
  expect(email.subject).toBe("Ditt intyg från Coachportalen");
  expect(email.body).toContain("/intyg");

  // The dates the rules give for a certificate issued today.
  const expires = expiryForIssue(new Date());
  const validThrough = formatLocalDate(lastValidDay(expires));
  const refresherOpens = formatDate(refresherOpensAt(expires));

  await page.getByRole("link", { name: "Se ditt intyg" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mina intyg");
  const certificate = page.getByRole("article", { name: trackTitle });
  await expect(certificate.getByText("Status: giltigt")).toBeVisible();
  const timeline = certificate.getByRole("list", { name: /^Tidslinje/ }).getByRole("listitem");
  await expect(timeline).toHaveText([`Utfärdat ${formatDate(new Date())}`, `Repetitionen öppnar ${refresherOpens}`, `Giltigt till och med ${validThrough}`].map((text) => new RegExp(`${text}$`)));
  // One timeline: each date once, and no "(kommer)" after the ones to come (issue #20, finding 9).
  const shown = await certificate.innerText();
  for (const date of [formatDate(new Date()), refresherOpens, validThrough]) expect(shown.split(date).length - 1, date).toBe(1);
  expect(shown).not.toContain("kommer)");
  await expectNoAccessibilityViolations(page);

  const pdfLink = certificate.getByRole("link", { name: "Ladda ner som PDF" });
  const pdfPath = (await pdfLink.getAttribute("href"))!;
  const certificateId = /^\/intyg\/([a-z0-9]+)\.pdf$/.exec(pdfPath)![1]!;
  const [download] = await Promise.all([page.waitForEvent("download"), pdfLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^intyg-andts-coach-grund-\d{4}-\d{2}-\d{2}\.pdf$/);
  const pdf = fs.readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");

  const response = await page.request.get(pdfPath);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="intyg-andts-coach-grund-[\d-]+\.pdf"$/);
  expect(response.headers()["cache-control"]).toBe("private, no-store");

  // The PDF names the holder and the code as text, and links (like its QR code) to the verification page.
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(document, { mergePages: true });
  expect(text).toContain("Cecilia Certifierad");
  const code = /[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}/.exec(text)![0];
  const annotations = await (await document.getPage(1)).getAnnotations();
  const verifyUrl = annotations.map((a: { url?: string }) => a.url).find(Boolean)!;
  expect(new URL(verifyUrl).pathname).toBe(`/verifiera/${code}`);

  await page.goto(verifyUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intyget är giltigt");
  await expect(page.getByText("Status: giltigt")).toBeVisible();
  await expect(page.getByRole("main").getByText("Cecilia Certifierad", { exact: true })).toBeVisible();
  await expectNoAccessibilityViolations(page);

  // Another municipality's coordinator does not find it; Högsby's revokes it with a reason.
  const coordinatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  await signIn(coordinator, "samordnare.monsteras@demo.coachportalen.se", "demo-coach-2026");
  const elsewhere = await coordinator.goto(`/samordnare/intyg/${certificateId}`);
  expect(elsewhere?.status()).toBe(404);
  await coordinator.getByRole("button", { name: "Logga ut" }).click();
  await expect(coordinator.getByRole("button", { name: "Logga ut" })).toHaveCount(0);

  await signIn(coordinator, "samordnare.hogsby@demo.coachportalen.se", "demo-coach-2026");
  await coordinator.goto(`/samordnare/intyg/${certificateId}`);
  await expect(coordinator.getByRole("heading", { level: 1 })).toHaveText("Intyg för Cecilia Certifierad");
  await expectNoAccessibilityViolations(coordinator);
  await coordinator.getByLabel("Skäl till att intyget återkallas").fill("Kort");
  await coordinator.getByLabel("Jag vill återkalla intyget för Cecilia Certifierad.").check();
  await coordinator.getByRole("button", { name: "Återkalla intyget" }).click();
  await expect(coordinator.getByRole("alert")).toContainText("minst 10 tecken");
  await coordinator.getByLabel("Skäl till att intyget återkallas").fill("Intyget utfärdades av misstag efter ett tekniskt fel.");
  await coordinator.getByLabel("Jag vill återkalla intyget för Cecilia Certifierad.").check();
  await coordinator.getByRole("button", { name: "Återkalla intyget" }).click();
  await expect(coordinator.getByRole("status")).toContainText("Intyget är återkallat.");
  await expect(coordinator.getByText("Intyget utfärdades av misstag efter ett tekniskt fel.")).toBeVisible();
  await coordinatorContext.close();

  await page.goto("/verifiera");
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Intygskod").fill(code.toLowerCase().replaceAll("-", " "));
  await page.getByRole("button", { name: "Kontrollera" }).click();
  await expect(page).toHaveURL(new RegExp(`/verifiera/${code}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Intyget är återkallat");
  await expect(page.getByText("Status: återkallat")).toBeVisible();
  await expect(page.getByText("Intyget utfärdades av misstag")).toHaveCount(0);
  await expectNoAccessibilityViolations(page);
});

test("an unknown code says that no certificate has it", async ({ page }) => {
  const response = await page.goto("/verifiera/AAAA-BBBB-CCCC");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Det finns inget intyg med den koden");
  await expectNoAccessibilityViolations(page);
});
