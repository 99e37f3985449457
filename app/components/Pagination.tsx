// SPDX-License-Identifier: EUPL-1.2
// Page links for long lists. Plain links that keep the current search and filters, so
// they work without JavaScript and every page has its own address.
import { Link, useLocation } from "@remix-run/react";
import { useRef } from "react";
import { useActionResult } from "~/components/announcer";
import { formatNumber } from "~/lib/dates";

function usePageHref(): (page: number) => string {
  const location = useLocation();
  return (page: number) => {
    const params = new URLSearchParams(location.search);
    if (page <= 1) params.delete("page");
    else params.set("page", String(page));
    const search = params.toString();
    return search ? `?${search}` : location.pathname;
  };
}

/** The pages to offer: first, last, and two either side of the current one; null marks a gap. */
function pagesToShow(page: number, pageCount: number): Array<number | null> {
  const shown: Array<number | null> = [];
  for (let p = 1; p <= pageCount; p++) {
    if (p === 1 || p === pageCount || Math.abs(p - page) <= 2) shown.push(p);
    else if (shown.at(-1) !== null) shown.push(null);
  }
  return shown;
}

const linkClass = "inline-flex min-h-11 min-w-11 items-center justify-center rounded-md border-2 border-gray-300 px-3 no-underline hover:border-brand-700";

interface PaginationProps {
  page: number;
  /** Known when the list is counted; without it only "previous" and "next" are offered. */
  pageCount?: number;
  hasNext?: boolean;
  label?: string;
}

export function Pagination({ page, pageCount, hasNext, label = "Sidor" }: PaginationProps) {
  const href = usePageHref();
  const next = pageCount !== undefined ? page < pageCount : Boolean(hasNext);
  if (page <= 1 && !next) return null;
  return (
    <nav aria-label={label} className="mt-6">
      <ul className="flex flex-wrap items-center gap-2">
        {page > 1 ? (
          <li>
            <Link to={href(page - 1)} className={linkClass} rel="prev">
              Föregående<span className="sr-only"> sida</span>
            </Link>
          </li>
        ) : null}
        {pageCount !== undefined
          ? pagesToShow(page, pageCount).map((p, index) =>
              p === null ? (
                <li key={`gap-${index}`} aria-hidden="true" className="px-1">
                  …
                </li>
              ) : (
                <li key={p}>
                  <Link
                    to={href(p)}
                    aria-current={p === page ? "page" : undefined}
                    className={`${linkClass} ${p === page ? "border-brand-700 bg-brand-700 font-semibold text-white hover:text-white" : ""}`}
                  >
                    <span className="sr-only">Sida </span>
                    {p}
                  </Link>
                </li>
              ),
            )
          : null}
        {next ? (
          <li>
            <Link to={href(page + 1)} className={linkClass} rel="next">
              Nästa<span className="sr-only"> sida</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** "Visar 1–50 av 73" */
/**
 * "Visar 1–25 av 112". After a search, a filter or another page of the list, focus moves here and the
 * range is announced: the search form is rebuilt for the new address, so focus would otherwise fall
 * to the page (WCAG 2.4.3). Arriving at the list from another page, focus goes to its h1 as for any page.
 */
export function ResultRange(range: { page: number; pageSize: number; total: number; shown: number }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useActionResult(ref, undefined, { onlyWhenStaying: true });
  return (
    <p ref={ref} tabIndex={-1} className="text-muted">
      {resultRangeText(range)}
    </p>
  );
}

/** "Resultat", not "träffar": in this product a träff is a course day. */
export function resultRangeText({ page, pageSize, total, shown }: { page: number; pageSize: number; total: number; shown: number }): string {
  if (total === 0) return "Inga resultat.";
  const first = (page - 1) * pageSize + 1;
  return `Visar ${formatNumber(first)}–${formatNumber(first + shown - 1)} av ${formatNumber(total)}`;
}
