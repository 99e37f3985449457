// SPDX-License-Identifier: EUPL-1.2
// The current promise on a municipality's follow-up page: every commitment with its state, in
// a few lines each, and a link to the promise's own page for the wording, the target and every
// activity (PublicCommitments.tsx). The follow-up page was 9,600 px on a phone when it carried all
// of that for every commitment (issue #20); a citizen reads the state first, the detail on demand.
import { Link } from "@remix-run/react";
import type { PublicFocusArea } from "~/modules/followup/public-promise.server";
import { dayInWords } from "~/components/PromiseProgress";
import { activitiesInWords } from "./activity-words";
import { focusAreaId, PROMISE_PAGE_ID_PREFIX } from "./PublicCommitments";

const HEADINGS = ["h2", "h3", "h4", "h5"] as const;

/** `headingLevel` is the focus areas' heading; each commitment's summary gets the next. */
export function PromiseOverview({ focusAreas, headingLevel, promiseUrl }: { focusAreas: PublicFocusArea[]; headingLevel: 2 | 3 | 4; promiseUrl: string }) {
  const AreaHeading = HEADINGS[headingLevel - 2]!;
  const CommitmentHeading = HEADINGS[headingLevel - 1]!;
  if (focusAreas.length === 0) return <p>Löftet har inga åtaganden.</p>;
  return (
    // Two cards side by side where there is room for two (a container query).
    <div className="@container">
      {focusAreas.map((area, a) => (
        <section key={`${a}-${area.title}`} aria-labelledby={`oversikt-area-${a}`} className="mb-6">
          <AreaHeading id={`oversikt-area-${a}`} className="mb-3 text-xl font-semibold">
            {area.title}
          </AreaHeading>
          <ul className="grid !list-none gap-3 !pl-0 @3xl:grid-cols-2">
            {area.commitments.map((c, i) => (
              <li key={i} className="card !my-0 p-3 sm:p-4">
                <CommitmentHeading className="!mt-0 mb-1 text-base font-semibold sm:text-lg">{c.summary}</CommitmentHeading>
                <p className="!mb-1">
                  <strong>{c.statusLabel}</strong>
                  {c.status ? (
                    <>
                      {" "}
                      ({dayInWords(c.status.recordedOn)}){c.status.note ? `: ${c.status.note}` : null}
                    </>
                  ) : null}
                </p>
                <p className="!mb-0 text-sm text-muted">
                  {[
                    `Lovat av ${c.ownerLabel.toLowerCase()}`,
                    c.progress ? `mål: ${c.progress.done} av ${c.progress.of}` : null,
                    // With its scope: a figure for both municipalities must not read as this one's alone.
                    c.figure ? `${c.figure.label}: ${c.figure.count.text}${c.figure.scope ? ` (${c.figure.scope})` : ""}` : null,
                  ]
                    .filter(Boolean)
                    .join(" · ")}
                  {" · "}
                  {/* The same promise page for every commitment, at its focus area: its anchor there. */}
                  <Link to={`${promiseUrl}#${focusAreaId(PROMISE_PAGE_ID_PREFIX, a)}`}>{activitiesInWords(c.activities)}</Link>
                </p>
                {c.guide ? (
                  <p className="!mb-0 mt-1">
                    <Link to={`/guider/${c.guide.slug}`}>Läs mer: {c.guide.title}</Link>
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <Link to={promiseUrl}>Läs hela löftet: ordalydelsen, målen och alla aktiviteter</Link>
      </p>
    </div>
  );
}
