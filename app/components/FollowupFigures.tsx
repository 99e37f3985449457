// SPDX-License-Identifier: EUPL-1.2
// The public follow-up figures as the public page, a report and the coordinator's preview
// show them: the counts now, then one chart per group of figures with its data table. Every
// count arrives already suppressed (app/modules/followup/public-figures.server.ts).
import { BarChart } from "~/components/charts";
import { formatDate } from "~/lib/dates";
import { SUPPRESSED_TEXT } from "~/lib/suppression";
import type { PublicFigures } from "~/modules/followup/public-figures.server";

// Said instead of a chart whose every quarter is zero: an empty picture and twelve rows of 0 tell
// a reader less than one sentence. Keyed by the chart ids of app/modules/followup/public-figures.server.ts.
const NOTHING_YET: Record<string, string> = {
  coacher: "Inga coacher har börjat utbildningen ännu.",
  moduler: "Inga utbildningsmoduler har klarats ännu.",
  material: "Inga användningar av skolmaterial har registrerats ännu.",
};

/** Ids of headings and charts get this prefix, so two sets may share a page. */
export function FollowupFigures({ figures, idPrefix, headingLevel = 2, frozen = false }: { figures: PublicFigures; idPrefix: string; headingLevel?: 2 | 3; frozen?: boolean }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const SubHeading = headingLevel === 2 ? "h3" : "h4";
  return (
    <div>
      <section aria-labelledby={`${idPrefix}-now`} className="mb-8">
        <Heading id={`${idPrefix}-now`} className="mb-3 text-xl font-semibold">
          {frozen ? `Siffrorna när rapporten publicerades, ${formatDate(figures.countedAt)}` : `Läget i dag, ${formatDate(figures.countedAt)}`}
        </Heading>
        {/* On a phone each number stands beside its name, not above it: four short cards (issue #20). */}
        <dl className="grid gap-3 sm:grid-cols-2">
          {figures.figures.map((figure) => (
            <div key={figure.key} className="card grid grid-cols-[auto_minmax(0,1fr)] items-baseline gap-x-3 gap-y-1 p-3 sm:flex sm:flex-col sm:p-4">
              <dt className="order-2 font-semibold">{figure.label}</dt>
              <dd className="order-1 row-span-2 min-w-[2ch] text-2xl font-bold sm:text-3xl">{figure.count.text}</dd>
              <dd className="order-3 text-sm text-muted">{figure.description}</dd>
            </div>
          ))}
        </dl>
        <p className="mt-3 max-w-3xl text-sm text-muted">
          Siffrorna gäller hela kommunen och säger inget om enskilda personer. Ett antal från 1 till 4 visas som ”{SUPPRESSED_TEXT}”, så att ingen kan
          räknas ut. Noll visas som 0.
        </p>
      </section>

      {figures.charts.length > 0 ? (
        <section aria-labelledby={`${idPrefix}-time`}>
          <Heading id={`${idPrefix}-time`} className="mb-3 text-xl font-semibold">
            Utvecklingen kvartal för kvartal
          </Heading>
          {figures.charts.map((chart) => (
            <div key={chart.id} className="print:break-inside-avoid">
              <SubHeading className="mb-2 text-lg font-semibold">{chart.title}</SubHeading>
              <BarChart {...chart} id={`${idPrefix}-${chart.id}`} emptyText={NOTHING_YET[chart.id] ?? "Inget att visa ännu."} collapseEmptyRuns />
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
