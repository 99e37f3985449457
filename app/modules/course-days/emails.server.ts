// SPDX-License-Identifier: EUPL-1.2
// The sessions' emails, in Swedish plain text like every other email. Each one about a place
// the coach holds carries the calendar file, so the calendar follows every change.
import { appUrl } from "~/env.server";
import { formatDateTime, formatDateWithWeekday, formatTime } from "~/lib/dates";
import type { EmailAttachment, EmailMessage } from "~/modules/email/outbox.server";
import { SIGNATURE } from "~/modules/email/templates.server";
import type { TrainingSession } from "./session-records.server";

type SessionFacts = Pick<TrainingSession, "id" | "startsAt" | "endsAt" | "place" | "details" | "municipalityName" | "partnerMunicipalityName">;

/** "söndag 29 mars 2026 kl. 09:00–16:00" */
export function sessionWhen(session: Pick<TrainingSession, "startsAt" | "endsAt">): string {
  return `${formatDateWithWeekday(session.startsAt)} kl. ${formatTime(session.startsAt)}–${formatTime(session.endsAt)}`;
}

function facts(session: SessionFacts): string {
  const lines = [`När: ${sessionWhen(session)}`, `Var: ${session.place}`];
  if (session.partnerMunicipalityName) lines.push(`Anordnas av: ${session.municipalityName} och ${session.partnerMunicipalityName}`);
  if (session.details) lines.push("", session.details);
  return lines.join("\n");
}

const CALENDAR_NOTE = "Kalenderfilen i meddelandet lägger in träffen i din kalender.";
const link = (session: { id: string }) => appUrl(`/traffar/${session.id}`);

export function bookingConfirmedEmail(args: { to: string; name: string; session: SessionFacts; stepTitle: string; promoted: boolean; ics: EmailAttachment }): EmailMessage {
  const opening = args.promoted
    ? `Det har blivit en plats ledig, och du som stod först på väntelistan har fått den. Du har nu en plats på ${args.stepTitle}.`
    : `Du har en plats på ${args.stepTitle}.`;
  return {
    to: args.to,
    subject: args.promoted ? `Du har fått en plats: ${args.stepTitle}` : `Du har en plats: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\n${opening}\n\n${facts(args.session)}\n\n${CALENDAR_NOTE}\n\n` +
      `Kan du inte komma? Avboka så snart du vet, så får nästa person på väntelistan platsen:\n${link(args.session)}` +
      SIGNATURE,
    attachments: [args.ics],
  };
}

export function waitlistedEmail(args: { to: string; name: string; session: SessionFacts; stepTitle: string; place: number }): EmailMessage {
  return {
    to: args.to,
    subject: `Du står på väntelistan: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\n${args.stepTitle} är fullbokad, så du står på väntelistan, som nummer ${args.place}.\n\n${facts(args.session)}\n\n` +
      `Om någon avbokar får den som står först på väntelistan platsen, och då får du ett nytt meddelande med en kalenderfil. ` +
      `Du kan lämna väntelistan här:\n${link(args.session)}` +
      SIGNATURE,
  };
}

export function bookingCancelledEmail(args: { to: string; name: string; session: SessionFacts; stepTitle: string; ics: EmailAttachment | null }): EmailMessage {
  return {
    to: args.to,
    subject: `Din anmälan är avbokad: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\nDu har avbokat dig från ${args.stepTitle}, ${sessionWhen(args.session)}.\n\n` +
      (args.ics ? "Kalenderfilen i meddelandet tar bort träffen ur din kalender.\n\n" : "") +
      `Vill du anmäla dig till ett annat tillfälle ser du alla träffar här:\n${appUrl("/traffar")}` +
      SIGNATURE,
    ...(args.ics ? { attachments: [args.ics] } : {}),
  };
}

export function sessionChangedEmail(args: {
  to: string;
  name: string;
  session: SessionFacts;
  before: SessionFacts;
  stepTitle: string;
  ics: EmailAttachment;
}): EmailMessage {
  const was = `Tidigare: ${sessionWhen(args.before)}, ${args.before.place}`;
  return {
    to: args.to,
    subject: `Ändrad träff: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\n${args.stepTitle}, som du har en plats på, har ändrats.\n\n${facts(args.session)}\n\n${was}\n\n` +
      `Kalenderfilen i meddelandet uppdaterar träffen i din kalender.\n\nKan du inte komma längre? Avboka här:\n${link(args.session)}` +
      SIGNATURE,
    attachments: [args.ics],
  };
}

export function sessionCancelledEmail(args: { to: string; name: string; session: SessionFacts; stepTitle: string; reason: string | null; ics: EmailAttachment | null }): EmailMessage {
  return {
    to: args.to,
    subject: `Inställd träff: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\n${args.stepTitle}, ${sessionWhen(args.session)}, ${args.session.place}, är inställd.` +
      (args.reason ? `\n\nSkäl: ${args.reason}` : "") +
      "\n\n" +
      (args.ics ? "Kalenderfilen i meddelandet tar bort träffen ur din kalender.\n\n" : "") +
      `Andra tillfällen hittar du här:\n${appUrl("/traffar")}` +
      SIGNATURE,
    ...(args.ics ? { attachments: [args.ics] } : {}),
  };
}

export function sessionReminderEmail(args: { to: string; name: string; session: SessionFacts; stepTitle: string }): EmailMessage {
  return {
    to: args.to,
    subject: `Påminnelse: ${args.stepTitle} ${formatDateTime(args.session.startsAt)}`,
    text:
      `Hej ${args.name}!\n\nSnart är det dags för ${args.stepTitle}, och du har en plats. Välkommen!\n\n${facts(args.session)}\n\n` +
      `Kan du inte komma? Avboka så snart som möjligt, så får någon på väntelistan platsen:\n${link(args.session)}` +
      SIGNATURE,
  };
}

// The request to hold a session jointly goes to the partner's coordinators, the answer to the
// owner's: both link to the coordinator's page of the session, where it is answered and followed.
const coordinatorLink = (session: { id: string }) => appUrl(`/samordnare/traffar/${session.id}`);

export function partnershipRequestEmail(args: {
  to: string;
  name: string;
  askedBy: string;
  session: SessionFacts & Pick<TrainingSession, "capacity" | "partnerRequest">;
  stepTitle: string;
}): EmailMessage {
  const { session } = args;
  const partner = session.partnerRequest?.municipalityName ?? "er kommun";
  return {
    to: args.to,
    subject: `Förfrågan om gemensam träff från ${session.municipalityName}: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\n${args.askedBy} i ${session.municipalityName} frågar om ${partner} vill hålla ${args.stepTitle} tillsammans med dem.\n\n` +
      `${facts(session)}\nPlatser: ${session.capacity}\n\n` +
      `Om ni godkänner blir träffen gemensam: coacherna i ${partner} ser den och kan anmäla sig, och ni kan ändra den och registrera närvaro ` +
      `tillsammans med ${session.municipalityName}. Till dess ser era coacher inte träffen, och om ni avböjer ser de den aldrig.\n\n` +
      `Godkänn eller avböj här:\n${coordinatorLink(session)}` +
      SIGNATURE,
  };
}

export function partnershipAnsweredEmail(args: {
  to: string;
  name: string;
  answeredBy: string;
  partnerName: string;
  answer: "accepted" | "declined";
  session: SessionFacts;
  stepTitle: string;
}): EmailMessage {
  const { session, partnerName } = args;
  const accepted = args.answer === "accepted";
  const consequence = accepted
    ? `Träffen är nu gemensam: coacherna i ${partnerName} ser den och kan anmäla sig, och samordnarna där kan ändra den och registrera närvaro tillsammans med er.`
    : `Träffen är kvar som ${session.municipalityName}s egen: era coacher kan anmäla sig som förut, och coacherna i ${partnerName} ser den inte. ` +
      `Vill ni fråga en annan kommun väljer ni den under Ändra träffen.`;
  return {
    to: args.to,
    subject: `${partnerName} har ${accepted ? "godkänt" : "avböjt"} en gemensam träff: ${args.stepTitle}`,
    text:
      `Hej ${args.name}!\n\n${args.answeredBy} i ${partnerName} har ${accepted ? "godkänt" : "avböjt"} förfrågan om att hålla ${args.stepTitle} tillsammans med er.\n\n` +
      `${facts(session)}\n\n${consequence}\n\nTräffen:\n${coordinatorLink(session)}` +
      SIGNATURE,
  };
}
