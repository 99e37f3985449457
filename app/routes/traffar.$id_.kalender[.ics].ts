// SPDX-License-Identifier: EUPL-1.2
// /traffar/<id>/kalender.ics: the session as a calendar file, for a coach who may book it.
// The same UID and SEQUENCE as in the emails, so importing it after an email changes nothing.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getContent } from "~/content/content.server";
import { formatIsoDate } from "~/lib/dates";
import { requireUser } from "~/modules/access/permissions.server";
import { calendarText } from "~/modules/course-days/calendar.server";
import { findStep, requireBookableSession } from "~/modules/course-days/course-days.server";
import { getDb } from "~db/client.server";

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser({ request, context }, { roles: ["coach"] });
  const session = await requireBookableSession(getDb(), user, params.id);
  const ref = findStep(getContent(), session.track, session.stepKey);
  const text = calendarText(session, ref, { method: "PUBLISH" });
  const filename = `traff-${session.stepKey}-${formatIsoDate(session.startsAt)}.ics`;
  return new Response(text, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
