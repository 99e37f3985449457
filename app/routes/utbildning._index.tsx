// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { TrackCard } from "~/components/TrackCard";
import { getContent } from "~/content/content.server";
import { requireLearner } from "~/modules/learning/access.server";
import { coachHome } from "~/modules/learning/coach-home.server";
import { getDb } from "~db/client.server";

export const meta: MetaFunction = () => [{ title: "Min utbildning – Coachportalen" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireLearner({ request, context });
  return coachHome(getDb(), { user, content: getContent() });
}

export default function MyTraining() {
  const { tracks } = useLoaderData<typeof loader>();
  return (
    <div className="max-w-3xl">
      <h1>Min utbildning</h1>
      {tracks.length === 0 ? (
        <p className="mt-4">Det finns ingen utbildning för dig just nu. Din ANDTS-samordnare berättar när det kommer en.</p>
      ) : (
        <div className="mt-6 space-y-8">
          {tracks.map((track) => (
            <TrackCard key={track.slug} track={track} />
          ))}
        </div>
      )}
    </div>
  );
}
