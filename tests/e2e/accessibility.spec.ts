// SPDX-License-Identifier: EUPL-1.2
// WCAG 2.1 AA (DOS-lagen) on every page type, for every role: axe-core finds nothing, and
// every page reflows at 320 CSS px, at 200 % zoom (a 1280 px window zoomed to 200 % is a
// 640 CSS px viewport) and with text at 200 %, without sideways scrolling (1.4.4, 1.4.10).
// Each check names the route file in app/routes it covers; the last test fails when a route
// file has neither a check nor a reason why it is no page, so a new page cannot slip past.
// Beyond axe (issue #21): no id is used twice, landmarks of one role have distinct names, an
// error state's title says what its heading says, and no chart's text overlaps at 320 px or 200 %.
// What these tests prove is what the accessibility statement (/tillganglighet) promises.
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import type { Kysely } from "kysely";
import { createInvitation, withdrawInvitation } from "~/modules/auth/invitation.server";
import { totpCodeFor } from "~/modules/auth/second-factor.server";
import { attachPartner } from "~/modules/promises/police-partners.server";
import { currentPromiseOf } from "~/modules/promises/promises.server";
import { createDatabase } from "~db/client.server";
import type { Database } from "~db/schema";
import { E2E_DATABASE } from "../../playwright.config";
import { accessibilityViolations } from "./helpers/a11y";
import { chartTextProblems } from "./helpers/chart-text";
import { certifyCoach, createUser, newestEmailTo, type E2EUser } from "./helpers/db";
import { hydrated } from "./helpers/hydrated";
import { answerShownRight } from "./helpers/knowledge-test";

const TRACK = "andts-coach-grund";
const MODULE = "andts-och-uppdraget";
const FIRST_LESSON = "vad-ar-andts";
const LESSON_WITH_TABLE = "alkohol-och-tobakslagar/alkohollagen";
const PUBLIC_MATERIAL = "vitt-snus-ak-7-9";
const STAFF_MATERIAL = "oro-for-en-elev";
const SCHOOL_TRACK = "andts-i-skolan";
const SCHOOL_MODULE = "skolans-forebyggande-arbete";

const DESKTOP = { width: 1280, height: 720 };
const REFLOW_VIEWPORTS = [
  { name: "320 px bred skärm", width: 320, height: 640 },
  { name: "200 % zoom av ett 1280 px fönster", width: 640, height: 360 },
];

interface PageCheck {
  /** The file in app/routes whose page this is. */
  route: string;
  /** Which state of the page, in a few words. */
  what: string;
  /** Opened with page.goto; the answer must have `status`. */
  path?: string;
  status?: number;
  /** Runs after `path` (or alone): follows a link or submits a form to reach the state. */
  then?: (page: Page) => Promise<void>;
  h1: string | RegExp;
}

let db: Kysely<Database> | undefined;
const e2eDb = () => (db ??= createDatabase(E2E_DATABASE));

async function municipalityId(slug: string): Promise<string> {
  return (await e2eDb().selectFrom("municipality").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

const uniqueEmail = (what: string) => `a11y-${what}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@test.example`;

/** Follows the first link in the page's main content whose address starts with `prefix`. */
async function followFirst(page: Page, prefix: string) {
  const href = await page.getByRole("main").locator(`a[href^="${prefix}"]`).first().getAttribute("href");
  expect(href, `a link to ${prefix}… on ${page.url()}`).toBeTruthy();
  await page.goto(href!);
}

async function submitAndShowErrors(page: Page, button: string) {
  // The focus is the page's script's doing: a click before it runs posts the form without it.
  await hydrated(page);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.getByRole("alert")).toBeFocused();
}

async function signIn(page: Page, user: E2EUser) {
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(user.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(user.password);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page).not.toHaveURL(/\/logga-in/);
}

/** The elements sticking out on the right, so a failure says what to fix. */
function overflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 4).join(".")}` : ""}`;
    const wide = [...document.body.querySelectorAll("*")].filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1);
    // The innermost ones: an element is only named if nothing inside it sticks out too.
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    return `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ${innermost.slice(0, 5).map(describe).join(", ")}`;
  });
}

/**
 * Tables may be wider than a phone: each sits in a region that scrolls sideways on its own, has a
 * name and takes keyboard focus, so the page itself never scrolls and the table can still be read.
 */
function tablesOutsideScrollRegions(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("table")]
      .filter((table) => {
        const region = table.closest('[role="region"]');
        if (!region || !region.contains(table)) return true;
        const named = region.hasAttribute("aria-label") || region.hasAttribute("aria-labelledby");
        return !named || region.getAttribute("tabindex") !== "0" || getComputedStyle(region).overflowX !== "auto";
      })
      .map((table) => table.querySelector("caption")?.textContent?.trim() || table.outerHTML.slice(0, 80)),
  );
}

/** Ids used more than once: a label, an error link or aria-describedby may then point at the wrong element (4.1.2, 1.3.1). */
function duplicateIds(page: Page) {
  return page.evaluate(() => {
    const counts = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) counts.set(el.id, (counts.get(el.id) ?? 0) + 1);
    return [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n} gånger)`);
  });
}

/**
 * Landmarks of one role that a screen reader's landmark list cannot tell apart: two with the same
 * name, or more than one without a name (best practice, ARIA 1.2 landmark roles).
 */
function indistinctLandmarks(page: Page) {
  return page.evaluate(() => {
    const roleOf = (el: Element): string | null => {
      const explicit = el.getAttribute("role");
      if (explicit) return ["banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search"].includes(explicit) ? explicit : null;
      const named = el.hasAttribute("aria-label") || el.hasAttribute("aria-labelledby");
      switch (el.tagName) {
        case "NAV":
          return "navigation";
        case "ASIDE":
          return "complementary";
        case "MAIN":
          return "main";
        case "SECTION":
          return named ? "region" : null;
        case "FORM":
          return named ? "form" : null;
        default:
          return null;
      }
    };
    const nameOf = (el: Element) => {
      const by = el.getAttribute("aria-labelledby");
      const text = by ? by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" ") : el.getAttribute("aria-label") ?? "";
      return text.replace(/\s+/g, " ").trim();
    };
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll("nav, aside, main, section, form, [role]")) {
      if (el.closest("[hidden], [aria-hidden='true']")) continue;
      const role = roleOf(el);
      if (!role) continue;
      const key = `${role}: ${nameOf(el) || "(utan namn)"}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return [...seen].filter(([, n]) => n > 1).map(([key, n]) => `${key} (${n} gånger)`);
  });
}

/** What overlaps or sticks out in the page's charts (1.4.10, 1.4.4), one line per problem. */
async function chartTextClashes(page: Page): Promise<string[]> {
  return (await chartTextProblems(page)).flatMap((chart) => chart.problems.map((problem) => `${chart.chart}: ${problem}`));
}

async function checkPage(page: Page, check: PageCheck) {
  await test.step(`${check.route}: ${check.what}`, async () => {
    await page.setViewportSize(DESKTOP);
    if (check.path) {
      const response = await page.goto(check.path);
      expect(response?.status(), `status of ${check.path}`).toBe(check.status ?? 200);
    }
    if (check.then) await check.then(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(check.h1);
    const where = `${check.route} (${check.what}, ${page.url()})`;

    expect.soft(await accessibilityViolations(page), `axe-core: ${where}`).toEqual([]);
    expect.soft(await duplicateIds(page), `ids used more than once: ${where}`).toEqual([]);
    expect.soft(await indistinctLandmarks(page), `landmarks a screen reader cannot tell apart: ${where}`).toEqual([]);
    // An error state's title names what its heading says (2.4.2): "Sidan finns inte – Coachportalen".
    if ((check.status ?? 200) >= 400) {
      const heading = (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
      expect.soft(await page.title(), `the title of an error state: ${where}`).toBe(`${heading} – Coachportalen`);
    }
    expect.soft(await tablesOutsideScrollRegions(page), `tables outside a named, focusable scroll region: ${where}`).toEqual([]);

    for (const viewport of REFLOW_VIEWPORTS) {
      await page.setViewportSize(viewport);
      expect.soft(await overflow(page), `sideways scrolling at ${viewport.name}: ${where}`).toBeNull();
      expect.soft(await chartTextClashes(page), `chart text that overlaps or sticks out at ${viewport.name}: ${where}`).toEqual([]);
    }
    // Text alone at 200 % (1.4.4) in a desktop window, as a larger default font size in the browser gives.
    await page.setViewportSize(DESKTOP);
    const style = await page.addStyleTag({ content: "html { font-size: 200% !important; }" });
    expect.soft(await overflow(page), `sideways scrolling with text at 200 %: ${where}`).toBeNull();
    expect.soft(await chartTextClashes(page), `chart text that overlaps or sticks out with text at 200 %: ${where}`).toEqual([]);
    await style.evaluate((el) => (el as Element).remove());
  });
}

// ---------------------------------------------------------------------------------------------
// The pages, per role. Functions, so that the checks can use the people and codes each test makes.

/** Pages a person without an account reaches from an email: invitations and email links. */
function emailLinkPages(ctx: { invitationToken: string; withdrawnToken: string; resetLink: string; loginLink: string }): PageCheck[] {
  return [
    { route: "aterstall.$token.tsx", what: "välj nytt lösenord, med fel visade", path: ctx.resetLink, then: (p) => submitAndShowErrors(p, "Spara och logga in"), h1: "Välj ett nytt lösenord" },
    { route: "aterstall.$token.tsx", what: "en ogiltig länk", path: "/aterstall/ogiltig-lank", status: 404, h1: /.+/ },
    { route: "logga-in_.lank_.$token.tsx", what: "logga in med länken", path: ctx.loginLink, h1: "Logga in med länk" },
    { route: "logga-in_.lank_.$token.tsx", what: "en ogiltig länk", path: "/logga-in/lank/ogiltig-lank", status: 404, h1: /.+/ },
    { route: "inbjudan.$token.tsx", what: "inbjudan med fel visade", path: `/inbjudan/${ctx.invitationToken}`, then: (p) => submitAndShowErrors(p, "Skapa mitt konto"), h1: "Välkommen till Coachportalen" },
    { route: "inbjudan.$token.tsx", what: "en återkallad inbjudan", path: `/inbjudan/${ctx.withdrawnToken}`, status: 410, h1: "Inbjudan är återkallad" },
    { route: "inbjudan.$token.tsx", what: "en ogiltig inbjudan", path: "/inbjudan/ogiltig-lank", status: 404, h1: "Sidan finns inte" },
  ];
}

function anonymousPages(ctx: { certificateCode: string }): PageCheck[] {
  return [
    { route: "_index.tsx", what: "startsidan", path: "/", h1: "Coachportalen" },
    { route: "logga-in.tsx", what: "inloggningen", path: "/logga-in", h1: "Logga in" },
    { route: "logga-in.tsx", what: "inloggningen med fel visade", path: "/logga-in", then: (p) => submitAndShowErrors(p, "Logga in"), h1: "Logga in" },
    { route: "glomt-losenord.tsx", what: "glömt lösenordet", path: "/glomt-losenord", h1: "Glömt lösenordet?" },
    { route: "glomt-losenord.tsx", what: "glömt lösenordet med fel visade", path: "/glomt-losenord", then: (p) => submitAndShowErrors(p, "Skicka länk"), h1: "Glömt lösenordet?" },
    { route: "logga-in_.lank.tsx", what: "be om en inloggningslänk", path: "/logga-in/lank", h1: "Logga in med en länk" },
    { route: "logga-in_.oidc.svar.tsx", what: "ett svar från kommunens inloggning som inte startades här", path: "/logga-in/oidc/svar?code=x&state=y", status: 400, h1: "Inloggningen misslyckades" },
    { route: "logga-in_.oidc.$id.tsx", what: "en kommun utan egen inloggning (404)", path: "/logga-in/oidc/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "logga-in_.saml.svar.tsx", what: "svarsadressen för SAML öppnad i webbläsaren", path: "/logga-in/saml/svar", status: 405, h1: "Inloggningen misslyckades" },
    { route: "logga-in_.saml.$id.tsx", what: "en kommun utan inloggning via SAML (404)", path: "/logga-in/saml/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "material._index.tsx", what: "allt öppet material", path: "/material", h1: "Material för förebyggande arbete" },
    { route: "material._index.tsx", what: "filter utan träffar", path: "/material?q=zyxzyx&amne=alkohol", h1: "Material för förebyggande arbete" },
    { route: "material._index.tsx", what: "sökning med träffar och Nämns också i", path: "/material?q=spel", h1: "Material för förebyggande arbete" },
    { route: "material._index.tsx", what: "felstavad sökning med Menade du", path: "/material?q=snys", h1: "Material för förebyggande arbete" },
    { route: "material.$slug.tsx", what: "ett öppet material", path: `/material/${PUBLIC_MATERIAL}`, h1: /.+/ },
    { route: "material.$slug.tsx", what: "material som inte finns", path: "/material/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "verifiera._index.tsx", what: "kontrollera ett intyg", path: "/verifiera", h1: "Kontrollera ett intyg" },
    { route: "verifiera._index.tsx", what: "en felskriven kod", path: "/verifiera?kod=abc", status: 400, h1: "Kontrollera ett intyg" },
    { route: "verifiera.$kod.tsx", what: "ett giltigt intyg", path: `/verifiera/${ctx.certificateCode}`, h1: /.+/ },
    { route: "verifiera.$kod.tsx", what: "en okänd kod", path: "/verifiera/AAAA-BBBB-CCCC", status: 404, h1: "Det finns inget intyg med den koden" },
    { route: "tillganglighet.tsx", what: "tillgänglighetsredogörelsen", path: "/tillganglighet", h1: "Tillgänglighetsredogörelse" },
    { route: "guider._index.tsx", what: "vägledningar för invånare", path: "/guider", h1: "Vägledningar för invånare" },
    { route: "guider.$slug.tsx", what: "en vägledning med källor", path: "/guider/bedragerier", h1: "Bedrägerier – så skyddar du dig och dina närmaste" },
    { route: "guider.$slug.tsx", what: "en vägledning som inte finns", path: "/guider/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "personuppgifter.tsx", what: "om personuppgifter", path: "/personuppgifter", h1: "Så behandlar vi personuppgifter" },
    { route: "om.$kommun.tsx", what: "om tjänsten i en kommun", path: "/om/monsteras", h1: "Om Coachportalen i Mönsterås kommun" },
    { route: "om.$kommun.tsx", what: "en kommun som inte finns", path: "/om/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "uppfoljning._index.tsx", what: "välj kommun", path: "/uppfoljning", h1: "Uppföljning för invånarna" },
    { route: "uppfoljning.$kommun._index.tsx", what: "en kommuns uppföljning med diagram", path: "/uppfoljning/hogsby", h1: "Uppföljning för Högsby kommun" },
    { route: "uppfoljning.$kommun._index.tsx", what: "en kommun som inte finns", path: "/uppfoljning/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "uppfoljning.$kommun.rapporter.$id.tsx", what: "en publicerad rapport", path: "/uppfoljning/hogsby", then: (p) => followFirst(p, "/uppfoljning/hogsby/rapporter/"), h1: /.+/ },
    {
      route: "uppfoljning.$kommun.loften.$id.tsx",
      what: "ett medborgarlöfte på egen adress",
      path: "/uppfoljning/monsteras",
      then: async (p) => {
        await followFirst(p, "/uppfoljning/monsteras/rapporter/");
        await followFirst(p, "/uppfoljning/monsteras/loften/");
      },
      h1: /.+/,
    },
    { route: "uppfoljning.$kommun.loften.$id.tsx", what: "ett löfte som inte finns", path: "/uppfoljning/hogsby/loften/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "root.tsx", what: "felsidan för en sida som inte finns", path: "/finns-inte", status: 404, h1: "Sidan finns inte" },
  ];
}

function coachPages(): PageCheck[] {
  const moduleUrl = `/utbildning/${TRACK}/${MODULE}`;
  return [
    { route: "utbildning._index.tsx", what: "min utbildning, med intyg", path: "/utbildning", h1: "Min utbildning" },
    { route: "utbildning.$track.$module._index.tsx", what: "en modul", path: moduleUrl, h1: /.+/ },
    { route: "utbildning.$track.$module.$lesson.tsx", what: "en lektion", path: `${moduleUrl}/${FIRST_LESSON}`, h1: /.+/ },
    { route: "utbildning.$track.$module.$lesson.tsx", what: "en lektion med en tabell", path: `/utbildning/${TRACK}/${LESSON_WITH_TABLE}`, h1: /.+/ },
    { route: "utbildning.$track.$module.kunskapstest.tsx", what: "kunskapstestet", path: `${moduleUrl}/kunskapstest`, h1: /^Kunskapstest: / },
    { route: "utbildning.$track.$module.kunskapstest.tsx", what: "kunskapstestet med fel visade", path: `${moduleUrl}/kunskapstest`, then: (p) => submitAndShowErrors(p, "Lämna in svaren"), h1: /^Kunskapstest: / },
    { route: "utbildning.$track.$module.kunskapstest.tsx", what: "resultatet med förklaringar", path: `${moduleUrl}/kunskapstest`, then: answerRight, h1: /^Kunskapstest: / },
    { route: "intyg._index.tsx", what: "mina intyg", path: "/intyg", h1: "Mina intyg" },
    { route: "traffar._index.tsx", what: "träffar", path: "/traffar", h1: "Träffar" },
    { route: "traffar.$id.tsx", what: "en träff", path: "/traffar", then: (p) => followFirst(p, "/traffar/"), h1: /.+/ },
    { route: "konto.tsx", what: "mitt konto", path: "/konto", h1: "Mitt konto" },
    { route: "konto.tsx", what: "mitt konto med fel visade", path: "/konto", then: (p) => submitAndShowErrors(p, "Byt lösenord"), h1: "Mitt konto" },
    { route: "root.tsx", what: "felsidan utan behörighet (403)", path: "/samordnare", status: 403, h1: "Du har inte behörighet" },
    { route: "root.tsx", what: "felsidan för en modul som inte finns", path: `/utbildning/${TRACK}/finns-inte`, status: 404, h1: "Sidan finns inte" },
  ];
}

// A pass: only then does the result explain every question.
async function answerRight(page: Page) {
  await answerShownRight(page, MODULE);
  await page.getByRole("button", { name: "Lämna in svaren" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Du klarade testet" })).toBeFocused();
}

function schoolStaffPages(): PageCheck[] {
  return [
    { route: "material._index.tsx", what: "allt material, inloggad", path: "/material", h1: "Material för förebyggande arbete" },
    { route: "material.$slug.tsx", what: "material för skolpersonal", path: `/material/${STAFF_MATERIAL}`, h1: /.+/ },
    { route: "utbildning._index.tsx", what: "skolpersonalens utbildning, inte påbörjad", path: "/utbildning", h1: "Min utbildning" },
    { route: "utbildning.$track.$module.kunskapstest.tsx", what: "ett test som inte är öppet än", path: `/utbildning/${SCHOOL_TRACK}/${SCHOOL_MODULE}/kunskapstest`, h1: /^Kunskapstest: / },
    { route: "lokalt.tsx", what: "lokalt hos oss", path: "/lokalt", h1: /^Lokalt hos oss i / },
  ];
}

function coordinatorPages(ctx: { coachId: string; certificateId: string; promiseId: string }): PageCheck[] {
  return [
    { route: "samordnare._index.tsx", what: "översikten med diagram", path: "/samordnare", h1: "Översikt för Högsby kommun" },
    { route: "samordnare.coacher._index.tsx", what: "personer, filtrerade och sorterade, med exportlänkar", path: "/samordnare/coacher?role=coach&sort=progress&dir=desc", h1: "Personer i Högsby kommun" },
    { route: "samordnare.coacher._index.tsx", what: "personer, inga träffar", path: "/samordnare/coacher?q=ingen-heter-sa", h1: "Personer i Högsby kommun" },
    { route: "samordnare.coacher.$id.tsx", what: "en persons sida", path: `/samordnare/coacher/${ctx.coachId}`, h1: /.+/ },
    { route: "samordnare.intyg.$id.tsx", what: "ett intyg", path: `/samordnare/intyg/${ctx.certificateId}`, h1: /^Intyg för / },
    {
      route: "samordnare.inbjudningar.tsx",
      what: "inbjudningar med fel visade",
      path: "/samordnare/inbjudningar",
      then: async (p) => {
        await p.getByLabel("E-postadresser").fill("inte en adress");
        await submitAndShowErrors(p, "Skicka inbjudningar");
      },
      h1: "Inbjudningar i Högsby kommun",
    },
    { route: "samordnare.traffar._index.tsx", what: "träffar", path: "/samordnare/traffar", h1: "Träffar" },
    { route: "samordnare.traffar.$id.tsx", what: "en träff med närvaro", path: "/samordnare/traffar", then: (p) => followFirst(p, "/samordnare/traffar/"), h1: /.+/ },
    { route: "samordnare.material.tsx", what: "materialanvändning", path: "/samordnare/material", h1: "Materialanvändning i Högsby kommun" },
    { route: "samordnare.uppfoljning.tsx", what: "uppföljning för invånarna", path: "/samordnare/uppfoljning", h1: "Uppföljning för invånarna" },
    { route: "samordnare.uppfoljning.tsx", what: "en rapport med fel visade", path: "/samordnare/uppfoljning", then: (p) => submitAndShowErrors(p, "Förhandsgranska"), h1: "Uppföljning för invånarna" },
    {
      route: "samordnare.uppfoljning.tsx",
      what: "förhandsgranskning av en rapport med diagram",
      path: "/samordnare/uppfoljning",
      then: async (p) => {
        await p.getByLabel("Rubrik").fill("Uppföljning för tillgänglighetstestet");
        await p.getByLabel("Från och med").fill("2025-01-01");
        await p.getByLabel("Till och med").fill("2025-06-30");
        await p.getByLabel("Kommentar till invånarna").fill("Under våren har fler coacher utbildats.");
        await p.getByRole("button", { name: "Förhandsgranska" }).click();
        await expect(p.getByRole("heading", { level: 2, name: /^Förhandsgranska: / })).toBeFocused();
      },
      h1: "Uppföljning för invånarna",
    },
    { route: "samordnare.granskning.tsx", what: "innehåll att granska", path: "/samordnare/granskning", h1: "Granskning av innehållet" },
    { route: "samordnare.granskning.tsx", what: "allt innehåll, godkänt och inte", path: "/samordnare/granskning?visa=alla", h1: "Granskning av innehållet" },
    { route: "samordnare.profil.tsx", what: "kommunens profil", path: "/samordnare/profil", h1: "Kommunens profil" },
    { route: "samordnare.profil.tsx", what: "logotyp utan fil, med fel visade", path: "/samordnare/profil", then: (p) => submitAndShowErrors(p, "Spara logotypen"), h1: "Kommunens profil" },
    { route: "samordnare.kontakter.tsx", what: "kontaktkort", path: "/samordnare/kontakter", h1: "Kontaktkort" },
    { route: "samordnare.kontakter.tsx", what: "nytt kontaktkort med fel visade", path: "/samordnare/kontakter", then: (p) => submitAndShowErrors(p, "Lägg till"), h1: "Kontaktkort" },
    { route: "samordnare.lokalt.tsx", what: "lokal text i utbildningen", path: "/samordnare/lokalt", h1: "Lokal text i utbildningen" },
    { route: "samordnare.tidigare-utbildning.tsx", what: "tidigare utbildning", path: "/samordnare/tidigare-utbildning", h1: "Tidigare utbildning" },
    {
      route: "samordnare.tidigare-utbildning.tsx",
      what: "förhandsgranskning av en import med fel",
      path: "/samordnare/tidigare-utbildning",
      then: async (p) => {
        const file = "\uFEFFe-post;namn;datum;moment\nfinns-inte@exempel.se;Ingen Alls;31/13/2024;alla\n";
        await p.getByLabel("Fil att importera").setInputFiles({ name: "tidigare.csv", mimeType: "text/csv", buffer: Buffer.from(file, "utf8") });
        await p.getByRole("button", { name: "Förhandsgranska" }).click();
        await expect(p.getByRole("heading", { level: 3, name: "Förhandsgranskning" })).toBeVisible();
      },
      h1: "Tidigare utbildning",
    },
    { route: "samordnare.installningar.tsx", what: "påminnelser", path: "/samordnare/installningar", h1: "Påminnelser och sammanfattning" },
    { route: "samordnare.loften._index.tsx", what: "medborgarlöften", path: "/samordnare/loften", h1: "Medborgarlöfte" },
    { route: "samordnare.loften._index.tsx", what: "nytt löfte med fel visade", path: "/samordnare/loften", then: (p) => submitAndShowErrors(p, "Skapa utkast"), h1: "Medborgarlöfte" },
    { route: "samordnare.loften.$id._index.tsx", what: "ett publicerat löfte", path: "/samordnare/loften", then: (p) => followFirst(p, "/samordnare/loften/"), h1: /.+/ },
    {
      route: "samordnare.loften.$id._index.tsx",
      what: "ett utkast med fel visade",
      path: "/samordnare/loften",
      then: async (p) => {
        await p.getByLabel("Titel").fill("Utkast för tillgänglighetstestet");
        await p.getByRole("button", { name: "Skapa utkast" }).click();
        await expect(p.getByRole("heading", { level: 1, name: "Utkast för tillgänglighetstestet" })).toBeVisible();
        await submitAndShowErrors(p, "Lägg till fokusområdet");
      },
      h1: "Utkast för tillgänglighetstestet",
    },
    { route: "samordnare.loften.$id.uppfoljning.tsx", what: "följ upp löftets åtaganden", path: `/samordnare/loften/${ctx.promiseId}/uppfoljning`, h1: /^Följ upp: / },
    { route: "root.tsx", what: "ett löfte i en annan kommun (404)", path: "/samordnare/loften/finns-inte", status: 404, h1: "Sidan finns inte" },
    { route: "root.tsx", what: "en person i en annan kommun (404)", path: "/samordnare/coacher/finns-inte", status: 404, h1: "Sidan finns inte" },
  ];
}

function adminPages(): PageCheck[] {
  return [
    { route: "admin._index.tsx", what: "översikten", path: "/admin", h1: "Administration" },
    { route: "admin.anvandare.tsx", what: "användare", path: "/admin/anvandare", h1: "Användare" },
    { route: "admin.anvandare.tsx", what: "bjud in med fel visade", path: "/admin/anvandare", then: (p) => submitAndShowErrors(p, "Skicka inbjudan"), h1: "Användare" },
    { route: "admin.kommuner._index.tsx", what: "kommuner med fel visade", path: "/admin/kommuner", then: (p) => submitAndShowErrors(p, "Lägg till kommunen"), h1: "Kommuner" },
    { route: "admin.kommuner.$id.tsx", what: "en kommun: namn, profil, inbjudningar", path: "/admin/kommuner", then: (p) => followFirst(p, "/admin/kommuner/"), h1: /^(?!Kommuner$).+/ },
    {
      route: "admin.kommuner_.$id.inloggning.tsx",
      what: "inloggning med kommunens konto, med fel visade",
      path: "/admin/kommuner",
      then: async (p) => {
        const municipality = await p.getByRole("main").locator('a[href^="/admin/kommuner/"]').first().getAttribute("href");
        await p.goto(`${municipality}/inloggning`);
        await submitAndShowErrors(p, "Spara inloggningen");
      },
      h1: "Inloggning med kommunens konto",
    },
    {
      route: "admin.kommuner_.$id.inloggning_.saml.tsx",
      what: "inloggning via SAML, med fel visade",
      path: "/admin/kommuner",
      then: async (p) => {
        const municipality = await p.getByRole("main").locator('a[href^="/admin/kommuner/"]').first().getAttribute("href");
        await p.goto(`${municipality}/inloggning/saml`);
        await submitAndShowErrors(p, "Spara inloggningen via SAML");
      },
      h1: "Inloggning via SAML",
    },
    { route: "admin.logg.tsx", what: "loggen", path: "/admin/logg", h1: "Logg" },
    { route: "admin.utskick.tsx", what: "utskick", path: "/admin/utskick", h1: "Utskick" },
    { route: "admin.polis.tsx", what: "poliser och deras löften", path: "/admin/polis", h1: "Polis" },
    { route: "admin.polis.tsx", what: "bjud in en polis med fel visade", path: "/admin/polis", then: (p) => submitAndShowErrors(p, "Skicka inbjudan"), h1: "Polis" },
  ];
}

/** A police partner attached to the demo's medborgarlöfte. */
/** Enrolment from /konto, in order: the QR page, its error, the recovery codes, then the page for someone enrolled. */
function secondFactorEnrolmentPages(): PageCheck[] {
  const path = "/konto/tvastegsverifiering";
  const enrol = async (p: Page) => {
    const secret = (await p.locator("#totp-secret").innerText()).replace(/\s/g, "");
    await p.getByLabel("Kod från appen").fill(totpCodeFor(secret));
    await p.getByRole("button", { name: "Slå på tvåstegsverifiering" }).click();
  };
  return [
    { route: "konto_.tvastegsverifiering.tsx", what: "QR-kod och nyckel", path, h1: "Slå på tvåstegsverifiering" },
    { route: "konto_.tvastegsverifiering.tsx", what: "koden med fel visade", path, then: (p) => submitAndShowErrors(p, "Slå på tvåstegsverifiering"), h1: "Slå på tvåstegsverifiering" },
    { route: "konto_.tvastegsverifiering.tsx", what: "reservkoderna", path, then: enrol, h1: "Spara dina reservkoder" },
    { route: "konto_.tvastegsverifiering.tsx", what: "påslagen", path, h1: "Tvåstegsverifiering" },
  ];
}

/** The code step, reached with a password by someone enrolled. */
function secondFactorCodePages(): PageCheck[] {
  return [
    { route: "logga-in_.kod.tsx", what: "koden från appen", path: "/logga-in/kod", h1: "Tvåstegsverifiering" },
    { route: "logga-in_.kod.tsx", what: "koden med fel visade", path: "/logga-in/kod", then: (p) => submitAndShowErrors(p, "Logga in"), h1: "Tvåstegsverifiering" },
    { route: "logga-in_.kod.tsx", what: "en reservkod", path: "/logga-in/kod?reservkod=1", h1: "Tvåstegsverifiering" },
  ];
}

function policePages(ctx: { promiseId: string }): PageCheck[] {
  return [
    { route: "polis._index.tsx", what: "löftena polisen är kopplad till", path: "/polis", h1: "Medborgarlöften" },
    { route: "polis.loften.$id.tsx", what: "ett löftes åtaganden och polisens kommentar", path: `/polis/loften/${ctx.promiseId}`, h1: /.+/ },
    { route: "root.tsx", what: "ett löfte polisen inte är kopplad till (404)", path: "/polis/loften/finns-inte", status: 404, h1: "Sidan finns inte" },
  ];
}

/** Route files that render no page of their own, and why. */
const NOT_PAGES: Record<string, string> = {
  "admin.tsx": "layout: every admin page above renders inside it",
  "polis.tsx": "layout: every police partner's page above renders inside it",
  "polis.$.tsx": "404 for unknown addresses in the area (tests/integration/error-pages.test.ts)",
  "samordnare.tsx": "layout: every coordinator page above renders inside it",
  "utbildning.tsx": "layout: every training page above renders inside it",
  "admin.$.tsx": "404 for unknown addresses in the area (tests/integration/error-pages.test.ts)",
  "samordnare.$.tsx": "404 for unknown addresses in the area (tests/integration/error-pages.test.ts)",
  "utbildning.$.tsx": "404 for unknown addresses in the area (tests/integration/error-pages.test.ts)",
  "healthz.ts": "health check for the load balancer (text)",
  "logga-in_.saml.metadata.ts": "the service provider's SAML metadata, XML for the federation (tests/integration/saml-sign-in.test.ts reads it)",
  "logga-ut.tsx": "only a POST action; a GET redirects to the start page",
  "innehall.$module.$file.ts": "an image or file belonging to a lesson",
  "intyg.$file.ts": "the certificate as PDF (not HTML, see the known shortcomings in the statement) or as an Open Badges JSON file",
  "openbadges.utfardare.$id.ts": "the Open Badges issuer profile, JSON-LD for verifiers",
  "openbadges.utfardare.$id_.nyckel.$nyckel.ts": "an Open Badges signing key, JSON-LD for verifiers",
  "openbadges.utfardare.$id_.status.$lista.ts": "an Open Badges revocation list, JSON-LD for verifiers",
  "konto_.mina-uppgifter[.json].ts": "the person's own data as JSON",
  "material.$slug.bilagor.$file.ts": "a material's attachment as a tagged PDF (tests/unit/material-attachments.test.ts checks its tags)",
  "samordnare.export[.csv].ts": "CSV download (the keyboard journey checks the download starts)",
  "samordnare.export[.xlsx].ts": "Excel download (the keyboard journey checks the download starts)",
  "traffar.$id_.kalender[.ics].ts": "calendar file",
  "uppfoljning.$kommun.siffror[.csv].ts": "CSV download of the public figures",
  "om.$kommun.logotyp.ts": "the municipality's logo, an image",
  "samordnare.loften.$id.dokument[.pdf].ts": "the signed promise as the PDF it was uploaded as, for its coordinators (drafts too)",
  "samordnare.traffar.$id.narvarolista[.pdf].ts": "a course day's attendance list as a tagged PDF (tests/integration/session-paperwork.test.ts reads it)",
  "samordnare.traffar.$id.intyg[.pdf].ts": "a course day's certificates as one tagged PDF, each page the certificate's own (tests/unit/certificate-pdf.test.ts checks its tags)",
  "uppfoljning.$kommun.loften.$id.dokument[.pdf].ts": "the signed promise as the PDF it was uploaded as",
};

// ---------------------------------------------------------------------------------------------

test("every public page type has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(180_000);
  const holder = await createUser({ role: "coach", name: "Vera Verifierad" });
  const certificate = await certifyCoach(holder.id);
  for (const check of anonymousPages({ certificateCode: certificate.code })) await checkPage(page, check);
});

test("every page reached from an email has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(180_000);
  const hogsby = await municipalityId("hogsby");
  const coordinator = await createUser({ role: "coordinator", name: "Ivar Inbjudare" });
  const invitation = await createInvitation(e2eDb(), { email: uniqueEmail("invited"), role: "coach", municipalityId: hogsby, invitedBy: null });
  const withdrawn = await createInvitation(e2eDb(), { email: uniqueEmail("withdrawn"), role: "coach", municipalityId: hogsby, invitedBy: null });
  await withdrawInvitation(e2eDb(), withdrawn.id, coordinator.id);

  // The links a person gets by email: asked for through the pages, as they would.
  const forgetful = await createUser({ role: "coach", name: "Glenn Glömsk" });
  await page.goto("/glomt-losenord");
  await page.getByLabel("E-postadress").fill(forgetful.email);
  await page.getByRole("button", { name: "Skicka länk" }).click();
  await expect(page.getByRole("button", { name: "Skicka länken igen" })).toBeVisible();
  const resetLink = new URL((await newestEmailTo(forgetful.email)).link).pathname;
  const linkUser = await createUser({ role: "coach", name: "Linn Länk" });
  await page.goto("/logga-in/lank");
  await page.getByLabel("E-postadress").fill(linkUser.email);
  await page.getByRole("button", { name: "Skicka länk" }).click();
  await expect(page.getByRole("button", { name: "Skicka länken igen" })).toBeVisible();
  const loginLink = new URL((await newestEmailTo(linkUser.email)).link).pathname;

  for (const check of emailLinkPages({ invitationToken: invitation.token, withdrawnToken: withdrawn.token, resetLink, loginLink })) {
    await checkPage(page, check);
  }
});

test("every page type a coach sees has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(240_000);
  const coach = await createUser({ role: "coach", name: "Cecilia Certifierad" });
  await certifyCoach(coach.id);
  await signIn(page, coach);
  for (const check of coachPages()) await checkPage(page, check);
});

test("every page type school staff see has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(180_000);
  const staff = await createUser({ role: "school_staff", name: "Sigrid Skola" });
  await signIn(page, staff);
  for (const check of schoolStaffPages()) await checkPage(page, check);
});

test("every page type a coordinator sees has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(240_000);
  const coach = await createUser({ role: "coach", name: "Kim Klar" });
  const certificate = await certifyCoach(coach.id);
  const coordinator = await createUser({ role: "coordinator", name: "Sam Samordnare" });
  await signIn(page, coordinator);
  const promise = await currentPromiseOf(e2eDb(), await municipalityId("hogsby"));
  if (!promise) throw new Error("the demo seed has no medborgarlöfte for Högsby");
  for (const check of coordinatorPages({ coachId: coach.id, certificateId: certificate.id, promiseId: promise.id })) await checkPage(page, check);
});

test("every page type a police partner sees has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(180_000);
  const admin = await createUser({ role: "admin", name: "Ada Administratör" });
  const police = await createUser({ role: "polis", municipality: null, name: "Pia Polis" });
  // Mönsterås shares the demo's promise with Högsby; attaching a partner changes nothing citizens see.
  const promise = await currentPromiseOf(e2eDb(), await municipalityId("monsteras"));
  if (!promise) throw new Error("the demo seed has no medborgarlöfte for Mönsterås");
  const adminActor = { ...admin, role: "admin" as const, municipalityId: null, municipalitySlug: null, municipalityName: null, school: null };
  const attached = await attachPartner(e2eDb(), { actor: adminActor, promiseId: promise.id, userId: police.id });
  expect(attached).toEqual({ ok: true });
  await signIn(page, police);
  for (const check of policePages({ promiseId: promise.id })) await checkPage(page, check);
});

test("every page of the second factor has no axe violations and reflows", async ({ page }) => {
  test.setTimeout(180_000);
  const coach = await createUser({ role: "coach", name: "Tove Tvåsteg" });
  await signIn(page, coach);
  for (const check of secondFactorEnrolmentPages()) await checkPage(page, check);
  // Enrolled now: signing in again stops at the code step.
  await page.getByRole("button", { name: "Logga ut", exact: true }).click();
  // Signing out first empties what was kept for reading offline: wait until it is done.
  await expect(page).toHaveURL(/\/logga-in\?utloggad=1/, { timeout: 20_000 });
  await page.goto("/logga-in");
  await page.getByLabel("E-postadress").fill(coach.email);
  await page.getByLabel("Lösenord", { exact: true }).fill(coach.password);
  await page.getByRole("button", { name: "Logga in", exact: true }).click();
  await expect(page).toHaveURL(/\/logga-in\/kod$/);
  for (const check of secondFactorCodePages()) await checkPage(page, check);
});

test("every page type an administrator sees has no axe violations and reflows", async ({ page }) => {
  // Seven pages, each at four widths and with its error state: like the other roles' runs, more than the default 30 s on a busy machine.
  test.setTimeout(180_000);
  const admin = await createUser({ role: "admin", name: "Ada Administratör" });
  await signIn(page, admin);
  for (const check of adminPages()) await checkPage(page, check);
});

test("the accessibility statement tells what these tests check", async ({ page }) => {
  await page.goto("/tillganglighet");
  const main = page.getByRole("main");
  const tested = page.getByRole("heading", { level: 2, name: "Så har vi bedömt tjänsten" });
  await expect(tested).toBeVisible();
  for (const text of [
    "självskattning",
    "besökare utan konto, ANDTS-coach, skolpersonal, ANDTS-samordnare, polis och administratör",
    "axe-core inte hittar något fel mot kraven i WCAG 2.0 och 2.1 på nivå A och AA",
    `skärm som är ${REFLOW_VIEWPORTS[0]!.width} pixlar bred`,
    `en skärm som är ${REFLOW_VIEWPORTS[1]!.width} pixlar bred`,
    "bara texten görs 200 procent större",
    "bara tangentbordet",
    "inget id används två gånger på samma sida",
    "en sida som visar ett fel har en titel som säger samma sak som sidans rubrik",
    "Den senaste bedömningen gjordes den",
  ]) {
    await expect(main).toContainText(text);
  }
  await expect(page.getByRole("heading", { level: 3, name: "Intyget som PDF-fil" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Diagram" })).toBeVisible();
});

test("every route file that renders a page has an accessibility check above", () => {
  const ctx = { certificateCode: "", invitationToken: "", withdrawnToken: "", resetLink: "", loginLink: "", coachId: "", certificateId: "", promiseId: "" };
  const checked = new Set(
    [...anonymousPages(ctx), ...emailLinkPages(ctx), ...coachPages(), ...schoolStaffPages(), ...coordinatorPages(ctx), ...adminPages(), ...policePages(ctx), ...secondFactorEnrolmentPages(), ...secondFactorCodePages()].map(
      (check) => check.route,
    ),
  );
  const files = fs.readdirSync("app/routes").filter((name) => !/\.(test|server)\./.test(name));
  expect(files.filter((file) => !checked.has(file) && !(file in NOT_PAGES)), "route files with no accessibility check").toEqual([]);
  expect([...checked, ...Object.keys(NOT_PAGES)].filter((file) => file !== "root.tsx" && !files.includes(file)), "checks of route files that no longer exist").toEqual([]);
});
