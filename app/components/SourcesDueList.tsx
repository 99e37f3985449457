// SPDX-License-Identifier: EUPL-1.2
import type { SourcesDue } from "~/content/sources-due";
import { formatDate } from "~/lib/dates";

/** The review page's list of texts whose sources are due for a new check (app/content/sources-due.ts). */
export function SourcesDueList({ items, months }: { items: SourcesDue[]; months: number }) {
  return (
    <section aria-labelledby="sources-due-heading" className="my-6">
      <h2 id="sources-due-heading">Källor att kontrollera igen</h2>
      {items.length === 0 ? (
        <p>Alla lektioner och material har kontrollerats mot sina källor under de senaste {months} månaderna.</p>
      ) : (
        <>
          <p>
            Lagar och siffror ändras. De här texterna kontrollerades mot sina källor för mer än {months} månader sedan. Be redaktionen att kontrollera dem,
            eller läs dem själv innan du godkänner dem.
          </p>
          <ul>
            {items.map((item) => (
              <li key={item.file}>
                {item.kind === "lesson" ? "Lektion" : "Material"}: {item.title}.{" "}
                {item.checkedOn ? `Senast kontrollerad ${formatDate(item.checkedOn)}.` : "Inget datum för kontrollen."}{" "}
                <span className="text-sm">(Fil: {item.file})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
