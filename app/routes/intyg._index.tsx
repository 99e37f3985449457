// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import {
  issueCertificateIfEligible,
  listCertificatesForUser,
  summarizeCertificates,
  type CertificateSummary,
} from "~/modules/certification/certification.server";
import { requireLearner, tracksFor } from "~/modules/learning/access.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Mina intyg – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  const db = getDb();
  const content = getContent();
  const now = new Date();
  // A track completed before certificates were issued on the spot gets its certificate here too.
  for (const track of tracksFor(content, user)) await issueCertificateIfEligible(db, { userId: user.id, track, content, now });
  return summarizeCertificates(await listCertificatesForUser(db, user.id), content, now);
}

const STATUS_BADGE: Record<CertificateSummary["status"], string> = {
  valid: "bg-brand-100 text-brand-800",
  expired: "bg-gray-100 text-ink",
  revoked: "bg-red-50 text-danger",
};

function Certificate({ certificate, headingLevel }: { certificate: CertificateSummary; headingLevel: "h2" | "h3" }) {
  const Heading = headingLevel;
  const headingId = `intyg-${certificate.id}`;
  return (
    <article aria-labelledby={headingId} className="card">
      <Heading id={headingId} className="text-xl font-semibold">
        {certificate.trackTitle}
      </Heading>
      <p className="mt-2">
        Status: <span className={`badge ${STATUS_BADGE[certificate.status]}`}>{certificate.statusLabel}</span>
      </p>
      {/* One line, each date once, in the tense it has today (issue #20, finding 9). */}
      <ol className="mt-3 flex flex-wrap gap-x-2 gap-y-1" aria-label={`Tidslinje för intyget ${certificate.code}`}>
        {certificate.timeline.map((step, i) => (
          <li key={`${step.label}-${step.isoDate}`}>
            {i > 0 ? (
              <span aria-hidden="true" className="mr-2 text-muted">
                ·
              </span>
            ) : null}
            {step.label} <time dateTime={step.isoDate}>{step.date}</time>
          </li>
        ))}
      </ol>
      {certificate.explanation ? <p className="mt-3">{certificate.explanation}</p> : null}

      <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Intygskod</dt>
        <dd className="font-mono tracking-wide">{certificate.code}</dd>
        {certificate.municipalityName ? (
          <>
            <dt className="font-semibold">Kommun</dt>
            <dd>{certificate.municipalityName}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Kontrollera</dt>
        <dd>
          <Link to={`/verifiera/${certificate.code}`}>Sidan där andra kan kontrollera intyget</Link>
        </dd>
      </dl>

      {certificate.refresherUrl || certificate.pdfUrl ? (
        <p className="mt-4 flex flex-wrap gap-3">
          {certificate.refresherUrl ? (
            <Link to={certificate.refresherUrl} className="btn-primary">
              Gör repetitionen
            </Link>
          ) : null}
          {certificate.pdfUrl ? (
            <a href={certificate.pdfUrl} className="btn-secondary" download aria-describedby={headingId}>
              Ladda ner som PDF
            </a>
          ) : null}
          {certificate.pdfUrl ? (
            <a href={`/intyg/${certificate.id}.json`} className="btn-secondary" download aria-describedby={`${headingId} ${headingId}-digitalt`}>
              Ladda ned digitalt intyg (Open Badges)
            </a>
          ) : null}
        </p>
      ) : null}
      {certificate.pdfUrl ? (
        <p id={`${headingId}-digitalt`} className="mt-2 text-sm text-muted">
          Det digitala intyget är en fil som kommunen har signerat. Du kan spara den i en app för digitala intyg (Open Badges) eller skicka den
          till en arbetsgivare, som kan kontrollera den på sidan Kontrollera ett intyg.
        </p>
      ) : null}
    </article>
  );
}

export default function MyCertificates() {
  const { current, history } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1>Mina intyg</h1>
      <p className="mt-2">
        Du får ett intyg när du har gått klart en utbildning. Intyget gäller en viss tid. Innan det går ut öppnas en repetition, och när du gör den
        förlängs intyget, räknat från den dag det annars hade gått ut.
      </p>
      {current.length === 0 ? (
        <p className="mt-6">
          Du har inget giltigt intyg just nu. <Link to="/utbildning">Gå till din utbildning</Link> för att se vad du har kvar.
        </p>
      ) : (
        <div className="mt-6 space-y-6">
          {current.map((certificate) => (
            <Certificate key={certificate.id} certificate={certificate} headingLevel="h2" />
          ))}
        </div>
      )}
      {history.length > 0 ? (
        <section aria-labelledby="historik" className="mt-10">
          <h2 id="historik">Tidigare intyg</h2>
          <p className="mt-1 text-muted">Intyg som har gått ut, återkallats eller ersatts av ett förnyat intyg.</p>
          <div className="mt-4 space-y-6">
            {history.map((certificate) => (
              <Certificate key={certificate.id} certificate={certificate} headingLevel="h3" />
            ))}
          </div>
        </section>
      ) : null}
    </div>
  );
}
