// SPDX-License-Identifier: EUPL-1.2
// In-person sessions through the real pages: a coordinator puts up a course day with one place,
// two coaches go for it (one lands on the waiting list), the first cancels and the second moves
// up with an email; after the day the coordinator marks attendance on a phone, and the coach's
// progress and certificate follow. A joint day reaches the partner's coaches only once the
// partner's coordinator has accepted it.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectNoAccessibilityViolations } from "./helpers/a11y";
import { attendRequiredSessions, completeTrackExcept, createUser, extractLink, latestEmailTo, moveSessionToYesterday, type E2EUser } from "./helpers/db";
import { clickMenuLink } from "./helpers/menu";

const TRACK = "andts-coach-grund";
const HOGSBY_COORDINATOR = "samordnare.hogsby@demo.coachportalen.se";
const DEMO_PASSWORD = "demo-coach-2026";

async function signIn(page: Page, email: string, password: string) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(email);
  await page.getByLabel("Lösenord", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Logga in" }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

async function coachPage(browser: Browser, coach: E2EUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, coach.email, coach.password);
  return page;
}

/** The date in Stockholm this many days from now, as a date field takes it. */
function inDays(days: number): string {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Stockholm", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(Date.now() + days * 24 * 3_600_000));
}

const tomorrow = () => inDays(1);

test("a course day's last place goes to the waiting list's first when the booked coach cancels, and attendance marked on a phone gives the certificate", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const place = `Testsalen ${stamp}, Kommunhuset`;
  const first = await createUser({ name: `Ada Först ${stamp}` });
  const second = await createUser({ name: `Bo Sist ${stamp}` });
  // The second coach has done everything else: every module online and the second course day.
  await completeTrackExcept(second.id, { track: TRACK, module: null, sessions: false });
  await attendRequiredSessions(second.id, { track: TRACK, steps: ["utbildningsdag-2"] });

  // The coordinator puts up the course day.
  await signIn(page, HOGSBY_COORDINATOR, DEMO_PASSWORD);
  await clickMenuLink(page, "Träffar");
  await expect(page.getByRole("heading", { level: 1, name: "Träffar" })).toBeVisible();
  await expectNoAccessibilityViolations(page);
  await page.getByLabel("Träff", { exact: true }).selectOption({ label: "Utbildningsdag 1" });
  await page.getByLabel("Datum", { exact: true }).fill(tomorrow());
  await page.getByLabel("Börjar").fill("09:00");
  await page.getByLabel("Slutar").fill("16:00");
  await page.getByLabel("Plats", { exact: true }).fill(place);
  await page.getByLabel("Antal platser").fill("1");
  await page.getByLabel("Sista dag för anmälan").fill(tomorrow());
  await page.getByRole("button", { name: "Lägg upp träffen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Träffen är upplagd");
  const sessionId = /\/samordnare\/traffar\/([a-z0-9]+)/.exec(page.url())![1]!;

  // The first coach takes the place.
  const a = await coachPage(browser, first);
  await clickMenuLink(a, "Träffar");
  await expect(a.getByRole("heading", { level: 1, name: "Träffar" })).toBeVisible();
  await a.getByRole("listitem").filter({ hasText: place }).getByRole("link").click();
  await expect(a.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  await expect(a.getByText("1 plats kvar.")).toBeVisible();
  await a.getByRole("button", { name: "Anmäl mig" }).click();
  await expect(a.getByRole("status")).toContainText("Du har en plats.");
  expect((await latestEmailTo(first.email)).subject).toBe("Du har en plats: Utbildningsdag 1");
  await expectNoAccessibilityViolations(a);

  // The second finds it full and joins the waiting list.
  const b = await coachPage(browser, second);
  await b.goto(`/traffar/${sessionId}`);
  await expect(b.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  await b.getByRole("button", { name: "Ställ mig på väntelistan" }).click();
  await expect(b.getByRole("status")).toContainText("du står på väntelistan, som nummer 1");
  expect((await latestEmailTo(second.email)).subject).toBe("Du står på väntelistan: Utbildningsdag 1");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^Bokade/ })).toContainText(first.name);
  await expect(page.getByRole("region", { name: /^Väntelista/ })).toContainText(second.name);

  // The first cancels; the second moves up and is told by email.
  await a.getByRole("button", { name: "Avboka min plats" }).click();
  await expect(a.getByRole("status")).toContainText("Du har avbokat din plats.");
  const promoted = await latestEmailTo(second.email);
  expect(promoted.subject).toBe("Du har fått en plats: Utbildningsdag 1");
  expect(promoted.body).toContain(place);
  await b.reload();
  await expect(b.getByText("Du har en plats på träffen.")).toBeVisible();
  await expect(b.getByRole("link", { name: "Lägg till i kalendern (.ics)" })).toHaveAttribute("href", `/traffar/${sessionId}/kalender.ics`);
  await b.goto("/traffar");
  await expect(b.getByRole("region", { name: "Mina anmälningar" })).toContainText(place);
  await expectNoAccessibilityViolations(b);

  // The day has passed; the coordinator marks attendance on a phone.
  await moveSessionToYesterday(sessionId);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/samordnare/traffar/${sessionId}`);
  await expect(page.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  const attendance = page.getByRole("region", { name: "Närvaro" });
  await attendance.getByRole("checkbox", { name: new RegExp(second.name) }).check();
  await attendance.getByRole("button", { name: "Spara närvaron" }).click();
  await expect(page.getByRole("status")).toContainText("Närvaron är sparad: 1 närvarande, 0 inte närvarande. 1 coach fick sitt intyg.");
  await expect(page.getByRole("region", { name: /^Bokade/ })).toContainText("Närvarande");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAccessibilityViolations(page);

  // The coach's progress and certificate reflect it.
  expect((await latestEmailTo(second.email)).subject).toBe("Ditt intyg från Coachportalen");
  await b.goto("/utbildning");
  const track = b.getByRole("region", { name: "ANDTS-coach – grundutbildning" });
  await expect(track.getByText("Du är certifierad.")).toBeVisible();
  await expect(track.getByRole("listitem").filter({ hasText: "Utbildningsdag 1" })).toContainText("Du var med");
  await expect(track.getByRole("listitem").filter({ hasText: "Utbildningsdag 2" })).toContainText("Du var med");
  await b.goto("/intyg");
  await expect(b.getByText("Status: giltigt")).toBeVisible();
});

test("a joint course day reaches the partner's coaches only once the partner's coordinator has accepted it in the browser", async ({ page, browser }) => {
  test.setTimeout(90_000);
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const place = `Gemensamma salen ${stamp}, Fågelfors`;
  const asker = await createUser({ role: "coordinator", municipality: "hogsby", name: `Siv Frågar ${stamp}` });
  const answerer = await createUser({ role: "coordinator", municipality: "monsteras", name: `Mats Svarar ${stamp}` });
  const partnerCoach = await createUser({ municipality: "monsteras", name: `Maja Mönsterås ${stamp}` });

  // Högsby's coordinator puts up the day and names Mönsterås.
  await signIn(page, asker.email, asker.password);
  await page.goto("/samordnare/traffar");
  await page.getByLabel("Träff", { exact: true }).selectOption({ label: "Utbildningsdag 1" });
  await page.getByLabel("Datum", { exact: true }).fill(inDays(10));
  await page.getByLabel("Börjar").fill("09:00");
  await page.getByLabel("Slutar").fill("16:00");
  await page.getByLabel("Plats", { exact: true }).fill(place);
  await page.getByLabel("Antal platser").fill("10");
  await page.getByLabel("Sista dag för anmälan").fill(inDays(8));
  await page.getByLabel("Gemensam träff med").selectOption({ label: "Mönsterås kommun" });
  await page.getByRole("button", { name: "Lägg upp träffen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Utbildningsdag 1" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Den andra kommunen har fått en förfrågan");
  await expect(page.getByText("Väntar på svar från Mönsterås kommun.")).toBeVisible();
  const sessionId = /\/samordnare\/traffar\/([a-z0-9]+)/.exec(page.url())![1]!;
  const request = await latestEmailTo(answerer.email);
  expect(request.subject).toBe("Förfrågan om gemensam träff från Högsby kommun: Utbildningsdag 1");
  expect(new URL(extractLink(request.body)).pathname).toBe(`/samordnare/traffar/${sessionId}`);

  // Mönsterås's coaches do not see it yet.
  const coach = await coachPage(browser, partnerCoach);
  await coach.goto("/traffar");
  await expect(coach.getByRole("heading", { level: 1, name: "Träffar" })).toBeVisible();
  await expect(coach.getByRole("main")).not.toContainText(place);
  expect((await coach.goto(`/traffar/${sessionId}`))!.status()).toBe(404);

  // Mönsterås's coordinator finds the request and accepts it.
  const partner = await (await browser.newContext()).newPage();
  await signIn(partner, answerer.email, answerer.password);
  await partner.goto("/samordnare/traffar");
  const requests = partner.getByRole("region", { name: "Förfrågningar om gemensamma träffar" });
  await requests.getByRole("listitem").filter({ hasText: place }).getByRole("link").click();
  await expect(partner.getByRole("heading", { level: 2, name: "Förfrågan om gemensam träff" })).toBeVisible();
  await expect(partner.getByRole("region", { name: /^Bokade/ })).toHaveCount(0);
  await expectNoAccessibilityViolations(partner);
  await partner.getByRole("button", { name: "Godkänn" }).click();
  await expect(partner.getByRole("status")).toContainText("Du har godkänt förfrågan.");
  await expect(partner.getByRole("region", { name: /^Bokade/ })).toBeVisible();
  expect((await latestEmailTo(asker.email)).subject).toBe("Mönsterås kommun har godkänt en gemensam träff: Utbildningsdag 1");

  // Now the partner's coach sees it and takes a place; the owner sees them on the list.
  await coach.goto("/traffar");
  await coach.getByRole("listitem").filter({ hasText: place }).getByRole("link").click();
  // The list names every joint day's municipalities too: wait for the day's own page.
  await expect(coach).toHaveURL(new RegExp(`/traffar/${sessionId}$`));
  await expect(coach.getByText("Högsby kommun och Mönsterås kommun")).toBeVisible();
  await coach.getByRole("button", { name: "Anmäl mig" }).click();
  await expect(coach.getByRole("status")).toContainText("Du har en plats.");
  await page.reload();
  await expect(page.getByRole("region", { name: /^Bokade/ })).toContainText(partnerCoach.name);
});
