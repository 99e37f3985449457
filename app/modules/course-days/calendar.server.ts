// SPDX-License-Identifier: EUPL-1.2
// The calendar file (.ics, RFC 5545) for a session, written by the `ics` package. Times are
// written in UTC (…Z): the instants are stored in UTC and every calendar shows them in the
// reader's own zone, so a session on the day the clocks change lands at the right hour
// without a VTIMEZONE block. One UID per session for its whole life; SEQUENCE rises with
// every change, so calendars replace the old event instead of adding a second one.
import { createEvent, type EventAttributes } from "ics";
import { appUrl, env } from "~/env.server";
import type { EmailAttachment } from "~/modules/email/outbox.server";
import type { StepRef, TrainingSession } from "./session-records.server";

/** REQUEST: an invitation or its update (emails); CANCEL: it is off; PUBLISH: a plain download. */
export type CalendarMethod = "REQUEST" | "CANCEL" | "PUBLISH";

export function sessionUid(sessionId: string): string {
  return `traff-${sessionId}@coachportalen.se`;
}

function organizerEmail(): string {
  const from = env().MAIL_FROM;
  return /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
}

/** The .ics text. Throws if the library refuses the event: that is a bug, not a user's mistake. */
export function calendarText(
  session: TrainingSession,
  ref: StepRef | undefined,
  options: { method: CalendarMethod; attendee?: { name: string; email: string } },
): string {
  const title = ref?.step.title ?? session.stepKey;
  const link = appUrl(`/traffar/${session.id}`);
  const description = [ref?.step.description, session.details, `Mer om träffen och din anmälan: ${link}`].filter(Boolean).join("\n\n");
  const cancelled = options.method === "CANCEL" || session.cancelledAt !== null;
  const event: EventAttributes = {
    uid: sessionUid(session.id),
    sequence: session.sequence,
    method: options.method,
    productId: "-//Coachportalen//Traffar//SV",
    title: cancelled ? `Inställd: ${title}` : title,
    description,
    location: session.place,
    url: link,
    start: new Date(session.startsAt).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(session.endsAt).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    status: cancelled ? "CANCELLED" : "CONFIRMED",
    organizer: { name: session.municipalityName, email: organizerEmail() },
    ...(options.attendee
      ? { attendees: [{ name: options.attendee.name, email: options.attendee.email, rsvp: false, partstat: "ACCEPTED", role: "REQ-PARTICIPANT" }] }
      : {}),
  };
  const { error, value } = createEvent(event);
  if (error || !value) throw error ?? new Error("Kalenderfilen kunde inte skapas.");
  return value;
}

/** The .ics as an email attachment; `method` goes into the content type too, as mail clients expect. */
export function calendarFile(
  session: TrainingSession,
  ref: StepRef | undefined,
  options: { method: Exclude<CalendarMethod, "PUBLISH">; attendee: { name: string; email: string } },
): EmailAttachment {
  return {
    filename: options.method === "CANCEL" ? "installd-traff.ics" : "traff.ics",
    contentType: `text/calendar; charset=utf-8; method=${options.method}`,
    content: new TextEncoder().encode(calendarText(session, ref, options)),
  };
}
