// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FollowupFigures } from "~/components/FollowupFigures";
import { PromiseOverview } from "~/components/promises/PromiseOverview";
import { PublicPromiseFacts } from "~/components/promises/PublicPromiseFacts";
import { periodInWords, PromiseProgress } from "~/components/PromiseProgress";
import { getContent } from "~/content/content.server";
import { formatDate } from "~/lib/dates";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { EXAMPLE_DATA_TEXT, publicPromisesPage, showsExampleData } from "~/modules/followup/public-promise.server";
import { countFollowupFigures, publicFigures } from "~/modules/followup/public-figures.server";
import { requireFollowupMunicipality, listReports, promiseProgress } from "~/modules/followup/reports.server";
import { aboutPageOf } from "~/modules/municipalities/profile.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Uppföljning för ${data.municipality.name} – Coachportalen` : "Uppföljning – Coachportalen" },
];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public, no account: aggregate figures only, every count suppressed before it leaves the server.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await requireFollowupMunicipality(db, request, params.kommun ?? "");
  const now = new Date();
  const [promises, reports, progress, exampleData, about] = await Promise.all([
    publicPromisesPage(db, { municipalityId: municipality.id, content: getContent(), now }),
    listReports(db, municipality.id),
    promiseProgress(db, municipality, now),
    showsExampleData(db),
    aboutPageOf(db, municipality.id),
  ]);
  const figures = await countFollowupFigures(db, { municipalityId: municipality.id, periodStart: promises.current?.periodStart ?? null, content: getContent(), now });
  // Everything shown is in the payload, activities and statuses included, so the ETag changes with them.
  const payload = {
    municipality: { slug: municipality.slug, name: municipality.name, logoUrl: about?.logoUrl ?? null, officialName: about?.officialName ?? municipality.name },
    promise: promises.current,
    otherPromises: promises.others,
    exampleData: exampleData ? EXAMPLE_DATA_TEXT : null,
    progress,
    figures: publicFigures(figures),
    reports,
  };
  // The page shows the day the figures were counted, not the moment: one ETag a day while nothing changes.
  return cacheableData(request, payload, { etagData: { ...payload, figures: { ...payload.figures, countedAt: formatDate(payload.figures.countedAt) } } });
}

export default function MunicipalityFollowup() {
  const { municipality, promise, otherPromises, exampleData, progress, figures, reports } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="mb-4">
        <Link to="/uppfoljning">Alla kommuner</Link> · <Link to={`/om/${municipality.slug}`}>Om tjänsten i {municipality.officialName}</Link> ·{" "}
        <Link to="/guider">Vägledningar för invånare</Link>
      </p>
      {municipality.logoUrl ? <img src={municipality.logoUrl} alt={`${municipality.officialName}s logotyp`} className="mb-3 max-h-16 w-auto" /> : null}
      <h1>Uppföljning för {municipality.name}</h1>
      <p className="mb-6 max-w-3xl sm:text-lg">
        Här kan du som bor i kommunen se vad kommunen och polisen har lovat i sitt medborgarlöfte, vad som har gjorts, hur många ANDTS-coacher som har
        utbildats och vad kommunen och polisen själva skriver om arbetet.
      </p>
      {exampleData ? (
        <p className="notice-info mb-6 max-w-3xl" role="note">
          {exampleData}
        </p>
      ) : null}

      {/* Full width: the commitments lay out two by two where there is room (PromiseOverview). */}
      <section aria-labelledby="promise-heading" className="mb-10">
        <h2 id="promise-heading" className="mb-3 max-w-3xl">
          {promise ? promise.title : "Medborgarlöftet"}
        </h2>
        {promise ? (
          <>
            <PublicPromiseFacts promise={promise} kommun={municipality.slug} />
            <PromiseOverview focusAreas={promise.focusAreas} headingLevel={3} promiseUrl={`/uppfoljning/${municipality.slug}/loften/${promise.id}`} />
          </>
        ) : (
          <p>Kommunen har inte publicerat något medborgarlöfte här ännu.</p>
        )}
      </section>

      <section aria-labelledby="progress-heading" className="prose-page mb-10">
        <h2 id="progress-heading">Rapporter enligt löftet</h2>
        <PromiseProgress progress={progress} audience="public" />
      </section>

      <section aria-labelledby="figures-heading" className="mb-10">
        <h2 id="figures-heading" className="mb-3">
          Siffror för {municipality.name}
        </h2>
        <FollowupFigures figures={figures} idPrefix="nu" headingLevel={3} />
        <p className="mt-4">
          <a href={`/uppfoljning/${municipality.slug}/siffror.csv`} download>
            Ladda ner siffrorna per kvartal (CSV-fil för Excel)
          </a>
        </p>
      </section>

      <section aria-labelledby="reports-heading" className="prose-page">
        <h2 id="reports-heading">Kommunens rapporter</h2>
        {reports.length === 0 ? (
          <p>Kommunen har inte publicerat någon rapport här ännu.</p>
        ) : (
          <>
            <p>Den senaste först. Siffrorna i en rapport är de som gällde när den publicerades och ändras aldrig.</p>
            <ul className="!list-none !pl-0">
              {reports.map((report) => (
                <li key={report.id} className="card mb-3">
                  <h3 className="!mt-0 text-lg font-semibold">
                    <Link to={`/uppfoljning/${municipality.slug}/rapporter/${report.id}`}>{report.title}</Link>
                  </h3>
                  <p className="!mb-1">
                    Avser {periodInWords(report.period)}. Publicerad {formatDate(report.publishedAt)}.
                  </p>
                  {report.replacedBy ? (
                    <p className="!mb-0">
                      <strong>Ersatt av</strong>{" "}
                      <Link to={`/uppfoljning/${municipality.slug}/rapporter/${report.replacedBy.id}`}>{report.replacedBy.title}</Link>.
                    </p>
                  ) : null}
                  {report.replaces ? (
                    <p className="!mb-0">
                      Ersätter <Link to={`/uppfoljning/${municipality.slug}/rapporter/${report.replaces.id}`}>{report.replaces.title}</Link>.
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {otherPromises.length > 0 ? (
        <section aria-labelledby="other-promises-heading" className="prose-page mt-10">
          <h2 id="other-promises-heading">Andra medborgarlöften</h2>
          <p>Tidigare löften finns kvar att läsa, med allt som gjordes under perioden.</p>
          <ul>
            {otherPromises.map((other) => (
              <li key={other.id}>
                <Link to={`/uppfoljning/${municipality.slug}/loften/${other.id}`}>{other.title}</Link>, {periodInWords({ from: other.periodStart, to: other.periodEnd })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
