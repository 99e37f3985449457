// SPDX-License-Identifier: EUPL-1.2
// The main menu of each role, as data: root.tsx draws it, tests/unit/navigation.test.ts checks
// it. Coordinators have a dozen pages, so theirs comes in groups: flat, it wrapped to two rows
// at 1280 px and four on a phone (issue #20).
import type { Role } from "./roles";

export interface NavLinkItem {
  to: string;
  label: string;
}

export interface NavGroup {
  label: string;
  items: NavLinkItem[];
}

export type NavEntry = NavLinkItem | NavGroup;

export function isNavGroup(entry: NavEntry): entry is NavGroup {
  return "items" in entry;
}

const NAV_BY_ROLE: Record<Role, NavEntry[]> = {
  coach: [
    { to: "/utbildning", label: "Min utbildning" },
    { to: "/intyg", label: "Mina intyg" },
    { to: "/traffar", label: "Träffar" },
    { to: "/material", label: "Material" },
    { to: "/lokalt", label: "Lokalt hos oss" },
  ],
  // School staff are invited to take "ANDTS i skolan": their course comes first, as a coach's does.
  school_staff: [
    { to: "/utbildning", label: "Min utbildning" },
    { to: "/intyg", label: "Mina intyg" },
    { to: "/material", label: "Material" },
    { to: "/lokalt", label: "Lokalt hos oss" },
  ],
  coordinator: [
    { to: "/samordnare", label: "Översikt" },
    {
      label: "Personer",
      items: [
        { to: "/samordnare/coacher", label: "Alla personer" },
        { to: "/samordnare/inbjudningar", label: "Inbjudningar" },
        { to: "/samordnare/tidigare-utbildning", label: "Tidigare utbildning" },
      ],
    },
    { to: "/samordnare/traffar", label: "Träffar" },
    {
      label: "Uppföljning",
      items: [
        { to: "/samordnare/uppfoljning", label: "Uppföljning för invånarna" },
        { to: "/samordnare/loften", label: "Medborgarlöfte" },
        { to: "/samordnare/material", label: "Materialanvändning" },
      ],
    },
    {
      label: "Innehåll",
      items: [
        { to: "/samordnare/granskning", label: "Granskning" },
        { to: "/samordnare/lokalt", label: "Lokal text i utbildningen" },
        { to: "/material", label: "Material" },
      ],
    },
    {
      label: "Inställningar",
      items: [
        { to: "/samordnare/profil", label: "Kommunens profil" },
        { to: "/samordnare/kontakter", label: "Kontaktkort" },
        { to: "/samordnare/installningar", label: "Påminnelser" },
      ],
    },
  ],
  admin: [
    { to: "/admin", label: "Översikt" },
    { to: "/admin/kommuner", label: "Kommuner" },
    { to: "/admin/anvandare", label: "Användare" },
    { to: "/admin/polis", label: "Polis" },
    { to: "/admin/utskick", label: "Utskick" },
    { to: "/admin/logg", label: "Logg" },
  ],
  // A police partner sees the promises they are attached to and nothing of any coach.
  polis: [
    { to: "/polis", label: "Medborgarlöften" },
    { to: "/uppfoljning", label: "Uppföljning för invånarna" },
    { to: "/konto", label: "Mitt konto" },
  ],
};

const VISITOR_NAV: NavEntry[] = [
  { to: "/material", label: "Material" },
  { to: "/uppfoljning", label: "Uppföljning" },
];

/** The main menu of a signed-in role, or of a visitor (null). */
export function navFor(role: Role | null): NavEntry[] {
  return role ? NAV_BY_ROLE[role] : VISITOR_NAV;
}

/** Every link of a menu, groups opened, in reading order. */
export function navLinks(entries: NavEntry[]): NavLinkItem[] {
  return entries.flatMap((entry) => (isNavGroup(entry) ? entry.items : [entry]));
}

// An area's start page is current only on itself; every other link also for the pages under it.
const AREA_HOMES = new Set(["/samordnare", "/admin"]);

export function linkMatchesOnlyItself(to: string): boolean {
  return AREA_HOMES.has(to);
}

/** Whether `pathname` is the page of a link, or (except an area's start page) a page under it. */
export function isCurrentLink(to: string, pathname: string): boolean {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  if (path === to) return true;
  return !linkMatchesOnlyItself(to) && path.startsWith(`${to}/`);
}

/** Whether one of a group's links is the current page, so the closed group can say so. */
export function isCurrentGroup(group: NavGroup, pathname: string): boolean {
  return group.items.some((item) => isCurrentLink(item.to, pathname));
}
