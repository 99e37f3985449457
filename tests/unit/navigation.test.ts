// SPDX-License-Identifier: EUPL-1.2
import { describe, expect, it } from "vitest";
import { isCurrentGroup, isCurrentLink, isNavGroup, navFor, navLinks, type NavGroup } from "~/lib/nav";
import { ROLE_HOME, ROLE_LABELS, type Role } from "~/lib/roles";

const links = (role: Role | null) => navLinks(navFor(role)).map((l) => `${l.label} ${l.to}`);

describe("the main menu per role", () => {
  it("gives school staff their course and certificates before the material (issue #20)", () => {
    expect(links("school_staff")).toEqual(["Min utbildning /utbildning", "Mina intyg /intyg", "Material /material", "Lokalt hos oss /lokalt"]);
    expect(ROLE_HOME.school_staff).toBe("/utbildning");
  });

  it("gives a coach their course, certificates, course days, material and local page", () => {
    expect(links("coach")).toEqual(["Min utbildning /utbildning", "Mina intyg /intyg", "Träffar /traffar", "Material /material", "Lokalt hos oss /lokalt"]);
  });

  it("groups the coordinator's pages into at most seven top-level entries, every page still there once", () => {
    const entries = navFor("coordinator");
    expect(entries.map((e) => e.label)).toEqual(["Översikt", "Personer", "Träffar", "Uppföljning", "Innehåll", "Inställningar"]);
    expect(links("coordinator")).toEqual([
      "Översikt /samordnare",
      "Alla personer /samordnare/coacher",
      "Inbjudningar /samordnare/inbjudningar",
      "Tidigare utbildning /samordnare/tidigare-utbildning",
      "Träffar /samordnare/traffar",
      "Uppföljning för invånarna /samordnare/uppfoljning",
      "Medborgarlöfte /samordnare/loften",
      "Materialanvändning /samordnare/material",
      "Granskning /samordnare/granskning",
      "Lokal text i utbildningen /samordnare/lokalt",
      "Material /material",
      "Kommunens profil /samordnare/profil",
      "Kontaktkort /samordnare/kontakter",
      "Påminnelser /samordnare/installningar",
    ]);
  });

  it("keeps the admin's, the police's and a visitor's short menus flat", () => {
    expect(links("admin")).toEqual(["Översikt /admin", "Kommuner /admin/kommuner", "Användare /admin/anvandare", "Polis /admin/polis", "Utskick /admin/utskick", "Logg /admin/logg"]);
    expect(links("polis")).toEqual(["Medborgarlöften /polis", "Uppföljning för invånarna /uppfoljning", "Mitt konto /konto"]);
    expect(links(null)).toEqual(["Material /material", "Uppföljning /uppfoljning"]);
    for (const role of [null, ...(Object.keys(ROLE_LABELS) as Role[])].filter((r) => r !== "coordinator")) {
      expect(navFor(role).some(isNavGroup), String(role)).toBe(false);
    }
  });

  it("has each role's landing page in its menu", () => {
    for (const role of Object.keys(ROLE_LABELS) as Role[]) expect(navLinks(navFor(role)).map((l) => l.to), role).toContain(ROLE_HOME[role]);
  });
});

describe("the current page in the menu", () => {
  it("marks an area's start page only on itself, other links also on the pages under them", () => {
    expect(isCurrentLink("/samordnare", "/samordnare")).toBe(true);
    expect(isCurrentLink("/samordnare", "/samordnare/")).toBe(true);
    expect(isCurrentLink("/samordnare", "/samordnare/coacher")).toBe(false);
    expect(isCurrentLink("/samordnare/coacher", "/samordnare/coacher/abc")).toBe(true);
    expect(isCurrentLink("/samordnare/traffar", "/samordnare/traffarna")).toBe(false);
  });

  it("marks the group that holds the current page", () => {
    const group = (label: string) => navFor("coordinator").find((e): e is NavGroup => isNavGroup(e) && e.label === label)!;
    expect(isCurrentGroup(group("Personer"), "/samordnare/coacher/abc")).toBe(true);
    expect(isCurrentGroup(group("Personer"), "/samordnare/traffar")).toBe(false);
    expect(isCurrentGroup(group("Uppföljning"), "/samordnare/loften/2027")).toBe(true);
  });
});
