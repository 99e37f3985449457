// SPDX-License-Identifier: EUPL-1.2
// A table in a box that scrolls sideways on a narrow screen (WCAG 1.4.10 reflow at 320 px):
// the box is a named region that takes keyboard focus, so that keyboard users can scroll it too.
// Lists people read on a phone can instead show their rows as cards there (cardsOnPhone).
import type { ReactNode } from "react";

interface DataTableProps {
  /** The region's accessible name, or `labelledBy` a heading's id. */
  label?: string;
  labelledBy?: string;
  /** What the table shows; read by screen readers, shown only with `showCaption`. */
  caption: ReactNode;
  showCaption?: boolean;
  /** Spacing around the box. */
  className?: string;
  /**
   * Under 640 px, each row as a card with its cells labelled (issue #20, finding 5). Give every
   * cell but the row's header a `data-label` with its column's name.
   */
  cardsOnPhone?: boolean;
  /** thead and tbody */
  children: ReactNode;
}

export function DataTable({ label, labelledBy, caption, showCaption = false, className, cardsOnPhone = false, children }: DataTableProps) {
  return (
    <div className={className ? `table-wrap ${className}` : "table-wrap"} role="region" aria-label={label} aria-labelledby={labelledBy} tabIndex={0}>
      <table className={cardsOnPhone ? "data-table data-table-cards" : "data-table"}>
        <caption className={showCaption ? "mb-2 text-left font-semibold" : "sr-only"}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}
