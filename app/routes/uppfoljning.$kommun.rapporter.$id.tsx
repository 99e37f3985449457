// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FollowupFigures } from "~/components/FollowupFigures";
import { periodInWords } from "~/components/PromiseProgress";
import { formatDateTime } from "~/lib/dates";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { notFound } from "~/modules/access/permissions.server";
import { renderCommentary } from "~/modules/followup/commentary.server";
import { publicFigures } from "~/modules/followup/public-figures.server";
import { byFocusArea, EXAMPLE_DATA_TEXT, showsExampleData } from "~/modules/followup/public-promise.server";
import { requireFollowupMunicipality, getReport, REPORT_NOT_FOUND } from "~/modules/followup/reports.server";
import { getDb } from "~db/client.server";
import { PrintButton } from "~/components/PrintButton";
import { PublicCommitments } from "~/components/promises/PublicCommitments";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.report.title} – ${data.municipality.name} – Coachportalen` : "Rapport – Coachportalen" },
];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public: a published report exactly as it was published. Another municipality's report
// answers 404 under this municipality's address.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await requireFollowupMunicipality(db, request, params.kommun ?? "");
  const report = await getReport(db, { municipalityId: municipality.id, id: params.id ?? "" });
  if (!report) notFound(REPORT_NOT_FOUND);
  const { figures, commentary, policeCommentary, commitments, ...rest } = report;
  // Only what was frozen at publication: the commitments, both commentaries and the figures, never live data.
  return cacheableData(request, {
    municipality: { slug: municipality.slug, name: municipality.name },
    report: rest,
    commentaryHtml: renderCommentary(commentary),
    policeCommentaryHtml: policeCommentary ? renderCommentary(policeCommentary) : null,
    focusAreas: byFocusArea(commitments),
    figures: publicFigures(figures),
    exampleData: (await showsExampleData(db)) ? EXAMPLE_DATA_TEXT : null,
  });
}

// window.print needs JavaScript; until it has loaded, the page says how to print without it.
export default function FollowupReport() {
  const { municipality, report, commentaryHtml, policeCommentaryHtml, focusAreas, figures, exampleData } = useLoaderData<typeof loader>();
  const base = `/uppfoljning/${municipality.slug}`;
  return (
    <article className="print:max-w-none">
      <p className="mb-4 print:hidden">
        <Link to={base}>Uppföljning för {municipality.name}</Link>
      </p>
      <p className="mb-1 text-muted">Uppföljning för {municipality.name}</p>
      <h1>{report.title}</h1>
      <dl className="mt-3 mb-4 grid gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Avser</dt>
        <dd>{periodInWords(report.period)}</dd>
        <dt className="font-semibold">Publicerad</dt>
        <dd>{formatDateTime(report.publishedAt)}</dd>
      </dl>

      {report.replacedBy ? (
        <div className="notice-info mb-4" role="note">
          <strong>Ersatt av </strong>
          <Link to={`${base}/rapporter/${report.replacedBy.id}`}>{report.replacedBy.title}</Link>. Den här rapporten har rättats. Den finns kvar som den
          publicerades.
        </div>
      ) : null}
      {report.replaces ? (
        <p className="mb-4">
          Ersätter <Link to={`${base}/rapporter/${report.replaces.id}`}>{report.replaces.title}</Link>, som den rättar.
        </p>
      ) : null}

      {exampleData ? (
        <p className="notice-info mb-4" role="note">
          {exampleData}
        </p>
      ) : null}

      <div className="mb-6 print:hidden">
        <PrintButton />
      </div>

      <section aria-labelledby="commentary-heading" className="prose-page mb-10">
        <h2 id="commentary-heading">{policeCommentaryHtml ? "Kommunens och polisens kommentar" : "Kommunens kommentar"}</h2>
        {policeCommentaryHtml ? <h3>Kommunen skriver</h3> : null}
        <div className="[&_blockquote]:border-l-4 [&_blockquote]:border-gray-300 [&_blockquote]:pl-4" dangerouslySetInnerHTML={{ __html: commentaryHtml }} />
        {policeCommentaryHtml ? (
          <>
            <h3>Polisen skriver</h3>
            <div className="[&_blockquote]:border-l-4 [&_blockquote]:border-gray-300 [&_blockquote]:pl-4" dangerouslySetInnerHTML={{ __html: policeCommentaryHtml }} />
          </>
        ) : null}
      </section>

      {/* A report published before promises were data froze no commitments: it shows what it has. */}
      {report.promise && focusAreas.length > 0 ? (
        <section aria-labelledby="report-promise-heading" className="mb-10 max-w-3xl">
          <h2 id="report-promise-heading" className="mb-3">
            Löftet när rapporten publicerades
          </h2>
          <p className="mb-4">
            Så här stod det till med varje åtagande i{" "}
            <Link to={`${base}/loften/${report.promise.id}`}>{report.promise.title}</Link> när rapporten publicerades.
          </p>
          <PublicCommitments focusAreas={focusAreas} headingLevel={3} idPrefix="rapport-lofte" />
        </section>
      ) : null}

      <section aria-labelledby="report-figures-heading">
        <h2 id="report-figures-heading" className="mb-3">
          Siffror i rapporten
        </h2>
        <FollowupFigures figures={figures} idPrefix="rapport" headingLevel={3} frozen />
      </section>

      <p className="mt-8 text-sm text-muted">
        En publicerad rapport ändras aldrig. Aktuella siffror finns på <Link to={base}>sidan om uppföljning för {municipality.name}</Link>.
      </p>
    </article>
  );
}
