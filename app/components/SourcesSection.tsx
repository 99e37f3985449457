// SPDX-License-Identifier: EUPL-1.2
import type { Source } from "~/content/types";
import { formatDate } from "~/lib/dates";

/** A text's sources at its end, with the day they were last checked; addresses are printed on paper. */
export function SourcesSection({ sources, checkedOn }: { sources: Source[]; checkedOn: string | null }) {
  return (
    <section aria-labelledby="sources-heading" className="mt-10 border-t border-gray-300 pt-4">
      <h2 id="sources-heading" className="!mt-0">
        Källor
      </h2>
      {checkedOn ? <p>Källorna kontrollerades senast {formatDate(checkedOn)}.</p> : null}
      <ul>
        {sources.map((source) => (
          <li key={`${source.title}-${source.publisher}`}>
            {source.url ? <a href={source.url}>{source.title}</a> : source.title}. {source.publisher}
            {source.year ? `, ${source.year}` : ""}.
            {source.url ? <span className="hidden break-all print:inline"> {source.url}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
