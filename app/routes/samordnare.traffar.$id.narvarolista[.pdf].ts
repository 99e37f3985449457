// SPDX-License-Identifier: EUPL-1.2
// /samordnare/traffar/:id/narvarolista.pdf: the course day's attendance list to print and sign,
// for the coordinators who manage the day. Another municipality's day answers 404, and so does
// a cancelled one, with a sentence saying why.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { notFound, requireCoordinator } from "~/modules/access/permissions.server";
import { attendanceListPdf, paperworkResponse, requirePaperworkSession } from "~/modules/course-days/paperwork.server";
import { getDb } from "~db/client.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const session = await requirePaperworkSession(db, user, params.id);
  const result = await attendanceListPdf(db, { session, content: getContent() });
  if (result.status === "none") notFound(result.message);
  return paperworkResponse(result);
}
