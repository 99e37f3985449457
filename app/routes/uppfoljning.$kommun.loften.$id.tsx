// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PROMISE_PAGE_ID_PREFIX, PublicCommitments } from "~/components/promises/PublicCommitments";
import { PublicPromiseFacts } from "~/components/promises/PublicPromiseFacts";
import { getContent } from "~/content/content.server";
import { cacheableData, publicPageHeaders } from "~/modules/caching/http-cache.server";
import { notFound } from "~/modules/access/permissions.server";
import { EXAMPLE_DATA_TEXT, PROMISE_NOT_FOUND, publicPromise, showsExampleData } from "~/modules/followup/public-promise.server";
import { requireFollowupMunicipality } from "~/modules/followup/reports.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.promise.title} – ${data.municipality.name} – Coachportalen` : "Medborgarlöfte – Coachportalen" },
];

// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export const headers = publicPageHeaders;

// Public: one published version of a promise of this municipality, current, past or replaced.
// A draft, or another municipality's promise, answers 404 under this address.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await requireFollowupMunicipality(db, request, params.kommun ?? "");
  const [promise, exampleData] = await Promise.all([
    publicPromise(db, { municipalityId: municipality.id, promiseId: params.id ?? "", content: getContent() }),
    showsExampleData(db),
  ]);
  if (!promise) notFound(PROMISE_NOT_FOUND);
  return cacheableData(request, {
    municipality: { slug: municipality.slug, name: municipality.name },
    promise,
    exampleData: exampleData ? EXAMPLE_DATA_TEXT : null,
  });
}

export default function PublicPromisePage() {
  const { municipality, promise, exampleData } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <p className="mb-4">
        <Link to={`/uppfoljning/${municipality.slug}`}>Uppföljning för {municipality.name}</Link>
      </p>
      <p className="mb-1 text-muted">Medborgarlöfte</p>
      <h1 className="mb-4">{promise.title}</h1>
      {exampleData ? (
        <p className="notice-info mb-6" role="note">
          {exampleData}
        </p>
      ) : null}
      <PublicPromiseFacts promise={promise} kommun={municipality.slug} />
      <PublicCommitments focusAreas={promise.focusAreas} headingLevel={2} idPrefix={PROMISE_PAGE_ID_PREFIX} />
    </div>
  );
}
