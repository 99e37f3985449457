// SPDX-License-Identifier: EUPL-1.2
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { requireCoordinator } from "~/modules/access/permissions.server";
import { downloadResponse, exportRoster } from "~/modules/export/roster-export.server";
import { parseRosterQuery } from "~/modules/roster/roster.server";
import { getDb } from "~db/client.server";

// The list of coaches as it is filtered on /samordnare/coacher, every page. The municipality
// is always the coordinator's own: nothing in the address can name another.
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const content = getContent();
  const { filters } = parseRosterQuery(new URL(request.url).searchParams, content);
  const file = await exportRoster(getDb(), {
    format: "csv",
    municipality: { id: user.municipalityId, slug: user.municipalitySlug },
    actorId: user.id,
    content,
    filters,
  });
  return downloadResponse(file);
}
