// SPDX-License-Identifier: EUPL-1.2
// What a person sees when a page cannot be shown: what happened in plain Swedish, and a way on.
// The root and each area (/samordnare, /admin, /utbildning) render it from their own error
// boundary, so an error inside an area keeps the site's header and the area's navigation.
import { isRouteErrorResponse, Link, useLocation, useRouteError, useRouteLoaderData } from "@remix-run/react";

const STATUS_TEXT: Record<number, { title: string; body: string }> = {
  400: { title: "Något stämmer inte i förfrågan", body: "Uppgifterna som skickades gick inte att använda. Gå tillbaka och försök igen." },
  403: { title: "Du har inte behörighet", body: "Ditt konto får inte öppna den här sidan. Om du tror att det är fel, kontakta din ANDTS-samordnare." },
  404: { title: "Sidan finns inte", body: "Sidan du letar efter finns inte, eller så har du inte tillgång till den." },
  405: { title: "Det gick inte att göra så", body: "Sidan tar inte emot den sortens förfrågan." },
  413: { title: "För mycket på en gång", body: "Det som skickades var för stort. Dela upp det och försök igen." },
  415: { title: "Något stämmer inte i förfrågan", body: "Förfrågan var inte ett formulär. Skicka uppgifterna från sidans formulär." },
  429: { title: "För många försök", body: "Vänta en stund och försök sedan igen." },
};

const SERVER_ERROR = {
  title: "Något gick fel",
  body: "Ett oväntat fel inträffade hos oss. Försök igen om en stund. Om felet finns kvar, kontakta din ANDTS-samordnare, berätta vad du gjorde och uppge fel-id:t nedan.",
};

function statusOf(error: unknown): number {
  return isRouteErrorResponse(error) ? error.status : 500;
}

/** The browser tab's title for an error page: what the page's heading says (WCAG 2.4.2). */
export function errorPageTitle(error: unknown): string {
  return `${(STATUS_TEXT[statusOf(error)] ?? SERVER_ERROR).title} – Coachportalen`;
}

export function ErrorPage({ home }: { home: { to: string; label: string } }) {
  const error = useRouteError();
  const location = useLocation();
  // The request's id, which the error's log line carries too (handleError in entry.server.tsx).
  const requestId = useRouteLoaderData<{ requestId?: string }>("root")?.requestId;
  const status = statusOf(error);
  const message =
    isRouteErrorResponse(error) && typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : undefined;
  const text = STATUS_TEXT[status] ?? SERVER_ERROR;
  return (
    <div className="prose-page">
      <h1>{text.title}</h1>
      <p>{message ?? text.body}</p>
      <p className="text-sm text-muted">
        Felkod {status} · {location.pathname}
        {status >= 500 && requestId ? (
          <>
            {" · "}Fel-id <code data-error-id>{requestId}</code>
          </>
        ) : null}
      </p>
      <p>
        <Link to={home.to}>{home.label}</Link>
      </p>
    </div>
  );
}
