// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { cacheableFile } from "~/modules/caching/http-cache.server";
import { publicFiguresCsv, publicFiguresFilename } from "~/modules/export/public-figures-export.server";
import { countFollowupFigures, publicFigures } from "~/modules/followup/public-figures.server";
import { requireFollowupMunicipality } from "~/modules/followup/reports.server";
import { currentPromiseOf } from "~/modules/promises/promises.server";
import { getDb } from "~db/client.server";

// Public: the figures of /uppfoljning/:kommun per quarter as a file, suppressed as on the page.
// A CDN may carry it for visitors without an account (app/modules/caching/http-cache.server.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const municipality = await requireFollowupMunicipality(db, request, params.kommun ?? "");
  // The same quarters as the page: from the start of the current promise's period.
  const promise = await currentPromiseOf(db, municipality.id);
  const figures = publicFigures(await countFollowupFigures(db, { municipalityId: municipality.id, periodStart: promise?.periodStart ?? null, content: getContent() }));
  return cacheableFile(request, publicFiguresCsv(figures), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${publicFiguresFilename(municipality.slug, figures.countedAt)}"`,
    },
  });
}
