// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { listFollowupMunicipalities } from "~/modules/followup/reports.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Uppföljning för invånarna – Coachportalen" }];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public: every municipality's follow-up is open to anyone, without an account.
export async function loader({ request }: LoaderFunctionArgs) {
  const municipalities = await listFollowupMunicipalities(getDb());
  return cacheableData(request, { municipalities: municipalities.map(({ slug, name, county }) => ({ slug, name, county })) });
}

export default function FollowupIndex() {
  const { municipalities } = useLoaderData<typeof loader>();
  return (
    <div className="prose-page">
      <h1>Uppföljning för invånarna</h1>
      <p>
        Kommunerna i Coachportalen har lovat att berätta för invånarna hur arbetet med ANDTS-coacher går. Välj din kommun för att se vad kommunen lovade,
        hur många som har utbildats och kommunens rapporter.
      </p>
      {municipalities.length === 0 ? (
        <p>Ingen kommun har börjat använda Coachportalen ännu.</p>
      ) : (
        <ul>
          {municipalities.map((m) => (
            <li key={m.slug}>
              <Link to={`/uppfoljning/${m.slug}`}>Uppföljning för {m.name}</Link> ({m.county})
            </li>
          ))}
        </ul>
      )}
      <h2>Vägledningar för invånare</h2>
      <p>
        Medborgarlöftena lovar också att informera om till exempel bedrägerier och grannsamverkan.{" "}
        <Link to="/guider">Läs vägledningarna</Link>.
      </p>
    </div>
  );
}
