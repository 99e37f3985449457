// SPDX-License-Identifier: EUPL-1.2
// A medborgarlöfte's commitments by focus area, as citizens read them: the plain summary, the
// wording word for word, who promised it, the status, progress on a target, the activities, a
// linked figure and the public guide it names ("Läs mer"). The promise's own public page shows
// them live; a report and its preview show them frozen. The follow-up page shows the shorter
// overview (PromiseOverview.tsx) and links here.
// Every count arrives already suppressed, and an activity names a side, never a person.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { PublicFocusArea } from "~/modules/followup/public-promise.server";
import { dayInWords } from "~/components/PromiseProgress";
import { foldLabel } from "./activity-words";

const HEADINGS = ["h2", "h3", "h4", "h5", "h6"] as const;

/** The ids the promise's own page gives its focus areas: the follow-up page's overview links to them. */
export const PROMISE_PAGE_ID_PREFIX = "lofte";

/** A focus area's id, and so the anchor a link to it ends with. */
export function focusAreaId(idPrefix: string, index: number): string {
  return `${idPrefix}-area-${index}`;
}

/** `headingLevel` is the focus areas' heading; commitments and their activities get the next two. */
export function PublicCommitments({ focusAreas, headingLevel, idPrefix }: { focusAreas: PublicFocusArea[]; headingLevel: 2 | 3 | 4; idPrefix: string }) {
  const AreaHeading = HEADINGS[headingLevel - 2]!;
  const CommitmentHeading = HEADINGS[headingLevel - 1]!;
  const ActivityHeading = HEADINGS[headingLevel]!;
  if (focusAreas.length === 0) return <p>Löftet har inga åtaganden.</p>;
  return (
    // Two cards side by side where there is room for two (a container query, so a narrow column
    // such as a report's keeps one): the page is half as long at 1280 px (issue #20).
    <div className="@container">
      {focusAreas.map((area, a) => (
        <section key={`${a}-${area.title}`} aria-labelledby={focusAreaId(idPrefix, a)} className="mb-8">
          <AreaHeading id={focusAreaId(idPrefix, a)} className="mb-3 text-xl font-semibold">
            {area.title}
          </AreaHeading>
          <ul className="grid !list-none gap-4 !pl-0 @3xl:grid-cols-2">
            {area.commitments.map((c, i) => (
              <li key={i} className="card !my-0 p-3 sm:p-4">
                <CommitmentHeading className="!mt-0 mb-2 text-base font-semibold sm:text-lg">{c.summary}</CommitmentHeading>
                {/* Each fact one line, its name first, at every width: a two-column list left phones
                    a third of the card for the values. */}
                <dl className="mb-3 space-y-1">
                  <Fact label="Vem lovade">{c.ownerLabel}</Fact>
                  <Fact label="Status">
                    {c.statusLabel}
                    {c.status ? (
                      <>
                        {" "}
                        ({dayInWords(c.status.recordedOn)}){c.status.note ? `: ${c.status.note}` : null}
                      </>
                    ) : null}
                  </Fact>
                  {c.target ? (
                    <Fact label="Mål">
                      {c.target}
                      {c.progress ? `: ${c.progress.done} av ${c.progress.of}` : null}
                    </Fact>
                  ) : null}
                  {c.figure ? (
                    <Fact label={c.figure.label}>
                      {c.figure.count.text}
                      {c.figure.scope ? <span className="text-sm text-muted"> ({c.figure.scope})</span> : null}
                    </Fact>
                  ) : null}
                </dl>
                {c.guide ? (
                  <p className="mb-3">
                    <Link to={`/guider/${c.guide.slug}`}>Läs mer: {c.guide.title}</Link>
                  </p>
                ) : null}
                {/* Folded, so that the page is the summaries and their state at a glance (issue #20);
                    a <details> is read by screen readers, opens from the keyboard and prints open. */}
                <details className="fold">
                  <summary className="cursor-pointer">{foldLabel(c.activities)}</summary>
                  <blockquote className="mt-2 border-l-4 border-gray-300 pl-4 italic">
                    <p>”{c.wording}”</p>
                  </blockquote>
                  {c.activities.length > 0 ? (
                    <>
                      <ActivityHeading className="mb-2 font-semibold">Aktiviteter</ActivityHeading>
                      <ul className="!mb-0 space-y-3">
                        {c.activities.map((activity, k) => (
                          <li key={k}>
                            <strong>{activity.title}</strong>, {dayInWords(activity.happenedOn)}
                            {activity.description ? <span className="block">{activity.description}</span> : null}
                            <span className="block text-sm text-muted">
                              {activity.place ? `Plats: ${activity.place}. ` : null}
                              {activity.participants ? `Deltagare: ${activity.participants.text}. ` : null}
                              Registrerad av: {activity.recordedByLabel}.
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </details>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="inline font-semibold">{label}:</dt> <dd className="inline">{children}</dd>
    </div>
  );
}
