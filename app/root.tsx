// SPDX-License-Identifier: EUPL-1.2
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { LiveRegions } from "~/components/announcer";
import { ErrorPage, errorPageTitle } from "~/components/ErrorPage";
import { Notice } from "~/components/forms";
import { SiteNav } from "~/components/SiteNav";
import { navFor } from "~/lib/nav";
import { ROLE_LABELS } from "~/lib/roles";
import { OfflineSupport } from "~/components/OfflineSupport";
import { can, getSession } from "~/modules/access/permissions.server";
import { useNonce } from "~/nonce";
import stylesheet from "~/styles.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  // Makes the site installable on a phone's home screen (docs/decisions/036-offline-lessons.md).
  { rel: "manifest", href: "/manifest.webmanifest" },
];

// Remix passes an area's error to every meta function up to its boundary: the error page's title
// then names what the page says, not just the site.
export const meta: MetaFunction = ({ error }) => [{ title: error ? errorPageTitle(error) : "Coachportalen" }];

// Every navigation asks the root again, in the same request as the page's own loaders (single
// fetch), so the request id an error page shows is the id of the request that failed. The
// session it looks up is the one those loaders use anyway (getSession keeps it per request).
export const shouldRevalidate: ShouldRevalidateFunction = () => true;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const session = await getSession({ request, context });
  const user = session?.user ?? null;
  const brand = session?.brand ?? null;
  return {
    // Shown by an error page (components/ErrorPage.tsx) beside the same id in the error's log line.
    requestId: context.requestId,
    user: user ? { name: user.name, role: user.role, municipalityName: user.municipalityName } : null,
    offlineReading: user ? can.keepLessonsOffline(user) : false,
    // The member's municipality in the header: its name as it signs, and its logo.
    brand: brand ? { officialName: brand.officialName, logoUrl: brand.logoSha256 ? `/om/${brand.slug}/logotyp?v=${brand.logoSha256.slice(0, 16)}` : null } : null,
  };
}

type RootData = Awaited<ReturnType<typeof loader>>;

function SiteHeader({ user, brand }: { user: RootData["user"]; brand: RootData["brand"] }) {
  return (
    <header className="border-b-4 border-brand-700 bg-brand-50">
      <div className="container-page flex flex-wrap items-center justify-between gap-x-6 gap-y-2 py-3">
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
          {brand?.logoUrl ? <img src={brand.logoUrl} alt="" className="h-10 w-auto max-w-40 object-contain" /> : null}
          <Link to="/" className="text-xl font-bold text-brand-800 no-underline">
            Coachportalen
          </Link>
          {brand ? <span className="text-base font-semibold text-brand-800">{brand.officialName}</span> : null}
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          {user ? (
            <>
              <span className="text-sm text-muted">
                {user.name}, {ROLE_LABELS[user.role]}
                {user.municipalityName ? `, ${user.municipalityName}` : ""}
              </span>
              <Link to="/konto" className="text-sm">
                Mitt konto
              </Link>
              <Form method="post" action="/logga-ut">
                <button type="submit" className="btn-link text-sm">
                  Logga ut
                </button>
              </Form>
            </>
          ) : (
            <Link to="/logga-in" className="btn-primary">
              Logga in
            </Link>
          )}
        </div>
      </div>
      <SiteNav entries={navFor(user?.role ?? null)} />
    </header>
  );
}

// Messages that follow a redirect (?notis=…), looked up in a Map so unknown keys show nothing.
const PAGE_NOTICES = new Map([
  ["losenord-aterstallt", "Ditt nya lösenord är sparat och du är inloggad. Alla andra inloggningar har avslutats."],
  ["konto-skapat", "Välkommen! Ditt konto är klart och du är inloggad."],
  ["losenord-bytt", "Lösenordet är bytt. Du är utloggad på alla andra enheter."],
]);

function PageNotice() {
  const [params] = useSearchParams();
  const text = PAGE_NOTICES.get(params.get("notis") ?? "");
  return text ? <Notice>{text}</Notice> : null;
}

function SiteFooter() {
  return (
    <footer className="mt-16 border-t border-gray-300 bg-gray-50 py-6 text-sm">
      <div className="container-page flex flex-wrap gap-x-6 gap-y-2">
        <Link to="/tillganglighet">Tillgänglighetsredogörelse</Link>
        <Link to="/personuppgifter">Så behandlar vi personuppgifter</Link>
        <Link to="/verifiera">Kontrollera ett intyg</Link>
        <Link to="/guider">Vägledningar för invånare</Link>
        <span className="text-muted">Coachportalen – för kommunernas ANDTS-arbete</span>
      </div>
    </footer>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="sv">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <a href="#main" className="skip-link">
          Hoppa till innehållet
        </a>
        <SiteHeader user={data?.user ?? null} brand={data?.brand ?? null} />
        <main id="main" tabIndex={-1} className="container-page flex-1 py-8 focus:outline-none">
          <PageNotice />
          {children}
        </main>
        <SiteFooter />
        <LiveRegions />
        <OfflineSupport enabled={data ? data.offlineReading : null} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

/** The error boundary for everything outside the areas, and for an error in the root itself. */
export function ErrorBoundary() {
  return <ErrorPage home={{ to: "/", label: "Till startsidan" }} />;
}
