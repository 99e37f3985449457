// SPDX-License-Identifier: EUPL-1.2
// A medborgarlöfte's commitments by focus area, as citizens read them: the plain summary, the
// wording word for word, who promised it, the status, progress on a target, the activities, a
// linked figure and the public guide it names ("Läs mer"). The public page shows them live; a
// report and its preview show them frozen.
// Every count arrives already suppressed, and an activity names a side, never a person.
import { Link } from "@remix-run/react";
import type { PublicFocusArea } from "~/modules/followup/public-promise.server";
import { dayInWords } from "~/components/PromiseProgress";

const HEADINGS = ["h2", "h3", "h4", "h5", "h6"] as const;

/** `headingLevel` is the focus areas' heading; commitments and their activities get the next two. */
export function PublicCommitments({ focusAreas, headingLevel, idPrefix }: { focusAreas: PublicFocusArea[]; headingLevel: 2 | 3 | 4; idPrefix: string }) {
  const AreaHeading = HEADINGS[headingLevel - 2]!;
  const CommitmentHeading = HEADINGS[headingLevel - 1]!;
  const ActivityHeading = HEADINGS[headingLevel]!;
  if (focusAreas.length === 0) return <p>Löftet har inga åtaganden.</p>;
  return (
    <div>
      {focusAreas.map((area, a) => (
        <section key={`${a}-${area.title}`} aria-labelledby={`${idPrefix}-area-${a}`} className="mb-8">
          <AreaHeading id={`${idPrefix}-area-${a}`} className="mb-3 text-xl font-semibold">
            {area.title}
          </AreaHeading>
          <ul className="!list-none !pl-0">
            {area.commitments.map((c, i) => (
              <li key={i} className="card mb-4 p-4">
                <CommitmentHeading className="!mt-0 mb-2 text-lg font-semibold">{c.summary}</CommitmentHeading>
                {/* Folded, so that the page is the summaries and their state at a glance (issue #20);
                    a <details> is read by screen readers, opens from the keyboard and prints open. */}
                <details className="fold mb-3">
                  <summary className="cursor-pointer text-sm">Ur löftet, ordagrant</summary>
                  <blockquote className="mt-2 border-l-4 border-gray-300 pl-4 italic">
                    <p>”{c.wording}”</p>
                  </blockquote>
                </details>
                <dl className="mb-3 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
                  <dt className="font-semibold">Vem lovade</dt>
                  <dd>{c.ownerLabel}</dd>
                  <dt className="font-semibold">Status</dt>
                  <dd>
                    {c.statusLabel}
                    {c.status ? (
                      <>
                        {" "}
                        ({dayInWords(c.status.recordedOn)}){c.status.note ? `: ${c.status.note}` : null}
                      </>
                    ) : null}
                  </dd>
                  {c.target ? (
                    <>
                      <dt className="font-semibold">Mål</dt>
                      <dd>
                        {c.target}
                        {c.progress ? `: ${c.progress.done} av ${c.progress.of}` : null}
                      </dd>
                    </>
                  ) : null}
                  {c.figure ? (
                    <>
                      <dt className="font-semibold">{c.figure.label}</dt>
                      <dd>
                        {c.figure.count.text}
                        {c.figure.scope ? <span className="text-sm text-muted"> ({c.figure.scope})</span> : null}
                      </dd>
                    </>
                  ) : null}
                </dl>
                {c.guide ? (
                  <p className="mb-3">
                    <Link to={`/guider/${c.guide.slug}`}>Läs mer: {c.guide.title}</Link>
                  </p>
                ) : null}
                <ActivityHeading className="mb-2 font-semibold">Aktiviteter</ActivityHeading>
                {c.activities.length === 0 ? (
                  <p className="!mb-0">Inga aktiviteter är registrerade ännu.</p>
                ) : (
                  <details className="fold">
                    <summary className="cursor-pointer">
                      {c.activities.length === 1 ? "Visa aktiviteten" : `Visa alla ${c.activities.length} aktiviteter`}
                    </summary>
                    <ul className="mt-2 !mb-0 space-y-3">
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
                  </details>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
