// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FollowupFigures } from "~/components/FollowupFigures";
import { periodInWords, PromiseProgress } from "~/components/PromiseProgress";
import { getContent } from "~/content/content.server";
import { formatDate } from "~/lib/dates";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { notFound } from "~/modules/access/permissions.server";
import { citizenPromiseOf } from "~/modules/followup/promise";
import { countFollowupFigures, publicFigures } from "~/modules/followup/public-figures.server";
import { findFollowupMunicipality, listReports, MUNICIPALITY_NOT_FOUND, promiseProgress } from "~/modules/followup/reports.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Uppföljning för ${data.municipality.name} – Coachportalen` : "Uppföljning – Coachportalen" },
];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public, no account: aggregate figures only, every count suppressed before it leaves the server.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await findFollowupMunicipality(db, { slug: params.kommun ?? "" });
  if (!municipality) notFound(MUNICIPALITY_NOT_FOUND);
  const now = new Date();
  const [figures, reports, progress] = await Promise.all([
    countFollowupFigures(db, { municipalityId: municipality.id, periodStart: municipality.promise.period?.from ?? null, content: getContent() }),
    listReports(db, municipality.id),
    promiseProgress(db, municipality, now),
  ]);
  const payload = {
    municipality: { slug: municipality.slug, name: municipality.name },
    promise: citizenPromiseOf(municipality.slug),
    progress,
    figures: publicFigures(figures),
    reports,
  };
  // The page shows the day the figures were counted, not the moment: one ETag a day while nothing changes.
  return cacheableData(request, payload, { etagData: { ...payload, figures: { ...payload.figures, countedAt: formatDate(payload.figures.countedAt) } } });
}

export default function MunicipalityFollowup() {
  const { municipality, promise, progress, figures, reports } = useLoaderData<typeof loader>();
  return (
    <div>
      <p className="mb-4">
        <Link to="/uppfoljning">Alla kommuner</Link>
      </p>
      <h1>Uppföljning för {municipality.name}</h1>
      <p className="mb-8 max-w-3xl text-lg">
        Här kan du som bor i kommunen se vad kommunen har lovat om ANDTS-coacher, hur många som har utbildats och vad kommunen själv skriver om arbetet.
      </p>

      <section aria-labelledby="promise-heading" className="prose-page mb-10">
        <h2 id="promise-heading">Det här lovade kommunen</h2>
        {promise ? (
          <>
            {promise.summary.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
            <p>Ur löftet, ordagrant:</p>
            {promise.quotes.map((quote) => (
              <blockquote key={quote} className="my-3 border-l-4 border-gray-300 pl-4 italic">
                <p>”{quote}”</p>
              </blockquote>
            ))}
            <p className="text-sm text-muted">
              Källa: {promise.source.title}, {promise.source.parties}, daterat {formatDate(`${promise.source.date}T12:00:00Z`)}. {promise.source.note}
            </p>
          </>
        ) : (
          <p>Kommunen har inte beskrivit sitt löfte här ännu.</p>
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
    </div>
  );
}
