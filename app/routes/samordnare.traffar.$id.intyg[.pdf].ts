// SPDX-License-Identifier: EUPL-1.2
// /samordnare/traffar/:id/intyg.pdf: the certificates the course day's attendance issued, one
// page each, as each holder's own PDF, for the coordinators who manage the day (each sees their
// own municipality's). Another municipality's day answers 404, and so does a day that has
// certified nobody yet, with a sentence saying so.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { notFound, requireCoordinator } from "~/modules/access/permissions.server";
import { paperworkResponse, requirePaperworkSession, sessionCertificatesPdf } from "~/modules/course-days/paperwork.server";
import { getDb } from "~db/client.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireCoordinator({ request, context });
  const db = getDb();
  const session = await requirePaperworkSession(db, user, params.id);
  const result = await sessionCertificatesPdf(db, { actor: user, session, content: getContent() });
  if (result.status === "none") notFound(result.message);
  return paperworkResponse(result);
}
