// SPDX-License-Identifier: EUPL-1.2
import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import { formatDateTime } from "~/lib/dates";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { throttleMessage } from "~/modules/auth/throttle.server";
import { verifyCertificateCode, type PublicCertificate } from "~/modules/certification/verification.server";
import { getDb } from "~db/client.server";

// The tab says what the page found (WCAG 2.4.2), as its heading does.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${
      data?.view === "found" ? HEADING[data.certificate.status] : data?.view === "not_found" ? NOT_FOUND : data?.view === "throttled" ? THROTTLED : "Kontroll av intyg"
    } – Coachportalen`,
  },
  // A holder's name is shown to whoever has the code, not to search engines.
  { name: "robots", content: "noindex" },
];

// An unknown code or a refusal is never kept anywhere. A found certificate may be kept briefly:
// a browser asks again every time and a CDN keeps it 30 seconds at most, so a revocation shows
// within half a minute (CACHE_CONTROL.verification in app/modules/caching/http-cache.server.ts).
const HEADERS = { "Cache-Control": "no-store", "X-Robots-Tag": "noindex" };

export const headers = publicPageHeaders;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const typed = (params.kod ?? "").slice(0, 40);
  const result = await verifyCertificateCode(getDb(), { code: typed, ip: context.clientIp, content: getContent() });
  if (result.status === "throttled") {
    return data(
      { view: "throttled" as const, message: throttleMessage(result) },
      { status: 429, headers: { ...HEADERS, "Retry-After": String(result.retryAfterMinutes * 60) } },
    );
  }
  if (result.status === "not_found") return data({ view: "not_found" as const, typed }, { status: 404, headers: HEADERS });
  return cacheableData(
    request,
    { view: "found" as const, certificate: result.certificate, checkedAt: formatDateTime(new Date()) },
    { policy: "verification", headers: { "X-Robots-Tag": "noindex" } },
  );
}

const NOT_FOUND = "Det finns inget intyg med den koden";
const THROTTLED = "För många försök";

const HEADING: Record<PublicCertificate["status"], string> = {
  valid: "Intyget är giltigt",
  expired: "Intyget har gått ut",
  revoked: "Intyget är återkallat",
};

const STATUS_STYLE: Record<PublicCertificate["status"], { box: string; mark: string }> = {
  valid: { box: "border-brand-600 bg-brand-50", mark: "✓" },
  expired: { box: "border-gray-500 bg-gray-50", mark: "–" },
  revoked: { box: "border-danger bg-red-50", mark: "✗" },
};

function Found({ certificate, checkedAt }: { certificate: PublicCertificate; checkedAt: string }) {
  const style = STATUS_STYLE[certificate.status];
  return (
    <>
      <h1>{HEADING[certificate.status]}</h1>
      <div className={`mt-4 rounded-md border-l-8 p-4 ${style.box}`}>
        <p className="text-lg font-semibold">
          <span aria-hidden="true">{style.mark} </span>
          Status: {certificate.statusLabel}
        </p>
        <p className="mt-1">
          {certificate.status === "valid"
            ? `Intyget gäller till och med ${certificate.validThrough}.`
            : certificate.status === "expired"
              ? `Intyget gällde till och med ${certificate.validThrough}.`
              : `Intyget återkallades ${certificate.revokedOn} och gäller inte längre.`}
        </p>
      </div>
      <dl className="mt-6 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-[auto_1fr]">
        <dt className="font-semibold">Namn</dt>
        <dd>{certificate.holderName}</dd>
        <dt className="font-semibold">Utbildning</dt>
        <dd>{certificate.trackTitle}</dd>
        {certificate.municipalityName ? (
          <>
            <dt className="font-semibold">Kommun</dt>
            <dd>{certificate.municipalityName}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Utfärdat</dt>
        <dd>{certificate.issuedOn}</dd>
        <dt className="font-semibold">Gäller till och med</dt>
        <dd>{certificate.validThrough}</dd>
        {certificate.revokedOn ? (
          <>
            <dt className="font-semibold">Återkallat</dt>
            <dd>{certificate.revokedOn}</dd>
          </>
        ) : null}
        <dt className="font-semibold">Intygskod</dt>
        <dd className="font-mono tracking-wide">{certificate.code}</dd>
      </dl>
      <p className="mt-6 text-sm text-muted">Uppgifterna kommer från Coachportalen och visar läget {checkedAt}.</p>
    </>
  );
}

export default function VerifyCertificate() {
  const result = useLoaderData<typeof loader>();
  return (
    <div className="max-w-2xl">
      {result.view === "found" ? (
        <Found certificate={result.certificate} checkedAt={result.checkedAt} />
      ) : result.view === "not_found" ? (
        <>
          <h1>{NOT_FOUND}</h1>
          <p className="mt-4">
            Vi hittar inget intyg med koden <strong className="font-mono break-all">{result.typed}</strong>. Kontrollera att koden är rätt
            avskriven: den har 12 tecken, till exempel K7QM-3XHD-P9TA, och innehåller aldrig O, I, L, 0 eller 1.
          </p>
        </>
      ) : (
        <>
          <h1>{THROTTLED}</h1>
          <p className="mt-4">{result.message}</p>
        </>
      )}
      <p className="mt-6">
        <Link to="/verifiera">Kontrollera en annan kod</Link>
      </p>
    </div>
  );
}
