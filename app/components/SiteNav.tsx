// SPDX-License-Identifier: EUPL-1.2
// The main menu (the entries per role are in lib/nav.ts). Groups are <details>, and on a phone the
// whole menu is one <details> behind a "Meny" button: both open and close without JavaScript.
// With JavaScript, a group also closes on Escape, on a click outside it, and when another opens.
import { NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent, type SyntheticEvent } from "react";
import { isCurrentGroup, isNavGroup, linkMatchesOnlyItself, type NavEntry, type NavGroup, type NavLinkItem } from "~/lib/nav";

function MenuLink({ item, className }: { item: NavLinkItem; className: (isActive: boolean) => string }) {
  return (
    <NavLink to={item.to} end={linkMatchesOnlyItself(item.to)} className={({ isActive }) => className(isActive)}>
      {item.label}
    </NavLink>
  );
}

const topLinkClass = (isActive: boolean) =>
  `inline-block min-h-11 whitespace-nowrap px-3 py-2.5 font-medium no-underline ${isActive ? "border-b-4 border-brand-700 text-brand-800" : "text-ink hover:text-brand-700"}`;

const groupLinkClass = (isActive: boolean) =>
  `block min-h-11 px-4 py-2.5 font-medium no-underline ${isActive ? "border-l-4 border-brand-700 bg-brand-50 text-brand-800" : "text-ink hover:bg-brand-50 hover:text-brand-700"}`;

function closeOnEscape(event: KeyboardEvent<HTMLDetailsElement>) {
  const details = event.currentTarget;
  if (event.key !== "Escape" || !details.open) return;
  details.open = false;
  details.querySelector("summary")?.focus();
}

// One group open at a time, as in any menu bar.
function closeOthers(event: SyntheticEvent<HTMLDetailsElement>) {
  const details = event.currentTarget;
  if (!details.open) return;
  for (const other of details.closest("nav")?.querySelectorAll<HTMLDetailsElement>("details[open].nav-group") ?? []) {
    if (other !== details) other.open = false;
  }
}

function Group({ group, pathname }: { group: NavGroup; pathname: string }) {
  const current = isCurrentGroup(group, pathname);
  return (
    <details className="nav-group relative" onKeyDown={closeOnEscape} onToggle={closeOthers}>
      {/* aria-current="true": the page shown is in this group, which a closed group would not tell. */}
      <summary
        aria-current={current ? "true" : undefined}
        className={`inline-flex min-h-11 cursor-pointer items-center whitespace-nowrap px-3 py-2.5 font-medium ${current ? "border-b-4 border-brand-700 text-brand-800" : "text-ink hover:text-brand-700"}`}
      >
        {group.label}
      </summary>
      <ul className="absolute left-0 top-full z-30 min-w-64 border border-brand-100 bg-white py-1 shadow-lg">
        {group.items.map((item) => (
          <li key={item.to}>
            <MenuLink item={item} className={groupLinkClass} />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The menu as a row at tablet width and wider. */
function WideMenu({ entries, pathname }: { entries: NavEntry[]; pathname: string }) {
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      for (const open of nav.current?.querySelectorAll<HTMLDetailsElement>("details[open]") ?? []) {
        if (!open.contains(event.target as Node)) open.open = false;
      }
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, []);
  return (
    <nav ref={nav} aria-label="Huvudmeny" className="hidden border-t border-brand-100 bg-white md:block">
      <ul className="container-page flex flex-wrap gap-x-1">
        {entries.map((entry) => (
          <li key={isNavGroup(entry) ? entry.label : entry.to}>
            {isNavGroup(entry) ? <Group group={entry} pathname={pathname} /> : <MenuLink item={entry} className={topLinkClass} />}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The menu on a phone: one button, then every link, groups as headed lists. */
function PhoneMenu({ entries }: { entries: NavEntry[] }) {
  return (
    <nav aria-label="Huvudmeny för mobil" className="border-t border-brand-100 bg-white md:hidden">
      <details className="nav-phone container-page" onKeyDown={closeOnEscape}>
        <summary className="inline-flex min-h-11 cursor-pointer items-center gap-2 py-2.5 font-semibold text-brand-800">Meny</summary>
        <ul className="pb-3">
          {entries.map((entry) =>
            isNavGroup(entry) ? (
              <li key={entry.label} className="mt-2">
                <span className="block px-4 pt-1 text-sm font-semibold uppercase tracking-wide text-muted">{entry.label}</span>
                <ul aria-label={entry.label}>
                  {entry.items.map((item) => (
                    <li key={item.to}>
                      <MenuLink item={item} className={groupLinkClass} />
                    </li>
                  ))}
                </ul>
              </li>
            ) : (
              <li key={entry.to}>
                <MenuLink item={entry} className={groupLinkClass} />
              </li>
            ),
          )}
        </ul>
      </details>
    </nav>
  );
}

export function SiteNav({ entries }: { entries: NavEntry[] }) {
  const { pathname } = useLocation();
  // Keyed by the page, so an open group or phone menu closes when a link in it has been followed.
  return (
    <>
      <WideMenu key={`wide-${pathname}`} entries={entries} pathname={pathname} />
      <PhoneMenu key={`phone-${pathname}`} entries={entries} />
    </>
  );
}
