// SPDX-License-Identifier: EUPL-1.2
// /guider: the public guides for citizens, readable without an account (issue #17).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getContent } from "~/content/content.server";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { guideList } from "~/modules/guides/guides.server";

export const meta: MetaFunction = () => [{ title: "Vägledningar för invånare – Coachportalen" }];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public: no account, nothing personal.
export async function loader({ request }: LoaderFunctionArgs) {
  return cacheableData(request, { guides: guideList(getContent()) });
}

export default function GuideList() {
  const { guides } = useLoaderData<typeof loader>();
  return (
    <div className="prose-page">
      <h1>Vägledningar för invånare</h1>
      <p className="text-lg">
        Kommunerna och polisen har lovat att informera invånarna om det som står i medborgarlöftet. Här finns korta vägledningar som du kan läsa utan att
        logga in.
      </p>
      {guides.length === 0 ? (
        <p>Det finns inga vägledningar ännu.</p>
      ) : (
        <ul className="!list-none !pl-0">
          {guides.map((guide) => (
            <li key={guide.slug} className="card mb-3">
              <h2 className="!mt-0 text-lg font-semibold">
                <Link to={`/guider/${guide.slug}`}>{guide.title}</Link>
              </h2>
              <p className="!mb-0">{guide.summary}</p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/uppfoljning">Se vad din kommun har lovat i sitt medborgarlöfte</Link>
      </p>
    </div>
  );
}
