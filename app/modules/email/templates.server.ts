// SPDX-License-Identifier: EUPL-1.2
// Email texts, in Swedish, in one place. Plain text: it reaches every mail client and screen reader.
import { formatDateTime, formatNumber } from "~/lib/dates";
import type { Role } from "~db/schema";
import { roleInSentence } from "~/lib/roles";
import { REFRESHER_WINDOW_DAYS } from "~/modules/certification/rules";
import type { EmailAttachment, EmailMessage } from "./outbox.server";

export const SIGNATURE = "\n\nHälsningar\nCoachportalen\n\nDet här meddelandet skickades automatiskt. Svara inte på det.";

export function invitationEmail(args: {
  to: string;
  role: Role;
  municipalityName: string | null;
  inviterName: string | null;
  link: string;
  expiresAt: Date;
}): EmailMessage {
  const where = args.municipalityName ? ` i ${args.municipalityName}` : "";
  const who = args.inviterName ? `${args.inviterName} har bjudit in dig` : "Du har blivit inbjuden";
  return {
    to: args.to,
    subject: `Inbjudan till Coachportalen${where}`,
    text:
      `Hej!\n\n${who} till Coachportalen${where} som ${roleInSentence(args.role)}.\n\n` +
      `Öppna länken för att välja namn och lösenord:\n${args.link}\n\n` +
      `Länken fungerar en gång och gäller till ${formatDateTime(args.expiresAt)}.\n` +
      `Om du inte väntade dig den här inbjudan kan du bortse från meddelandet.` +
      SIGNATURE,
  };
}

export function passwordResetEmail(args: { to: string; link: string; expiresAt: Date }): EmailMessage {
  return {
    to: args.to,
    subject: "Återställ ditt lösenord i Coachportalen",
    text:
      `Hej!\n\nNågon (förhoppningsvis du) bad om att få återställa lösenordet för ${args.to}.\n\n` +
      `Öppna länken för att välja ett nytt lösenord:\n${args.link}\n\n` +
      `Länken fungerar en gång och gäller till ${formatDateTime(args.expiresAt)}.\n` +
      `Om du inte bad om detta kan du bortse från meddelandet; ditt lösenord är oförändrat.` +
      SIGNATURE,
  };
}

export function loginLinkEmail(args: { to: string; link: string; expiresAt: Date }): EmailMessage {
  return {
    to: args.to,
    subject: "Din inloggningslänk till Coachportalen",
    text:
      `Hej!\n\nHär är din inloggningslänk:\n${args.link}\n\n` +
      `Länken fungerar en gång och gäller till ${formatDateTime(args.expiresAt)}.\n` +
      `Om du inte bad om den kan du bortse från meddelandet.` +
      SIGNATURE,
  };
}

export function passwordChangedEmail(args: { to: string }): EmailMessage {
  return {
    to: args.to,
    subject: "Ditt lösenord i Coachportalen har ändrats",
    text:
      `Hej!\n\nLösenordet för ${args.to} har just ändrats och alla andra inloggningar har avslutats.\n\n` +
      `Om det inte var du: återställ lösenordet direkt via "Glömt lösenord" på inloggningssidan och kontakta din ANDTS-samordnare.` +
      SIGNATURE,
  };
}

export function certificateIssuedEmail(args: {
  to: string;
  name: string;
  trackTitle: string;
  renewed: boolean;
  /** What renewed it: the online refresher (the default) or a booster attended in person. */
  renewedBy?: "refresher" | "booster";
  /** "14 mars 2027" */
  validThrough: string;
  /** When the refresher opens, if the track has one. */
  refresherOpens: string | null;
  link: string;
}): EmailMessage {
  const opening = args.renewed
    ? args.renewedBy === "booster"
      ? `Du har deltagit i en boosterträff och ditt intyg för ${args.trackTitle} är förnyat.`
      : `Du har gjort repetitionen och ditt intyg för ${args.trackTitle} är förnyat.`
    : `Grattis! Du har gått klart ${args.trackTitle} och fått ditt intyg.`;
  const refresher = args.refresherOpens
    ? `Repetitionen öppnar ${args.refresherOpens}. Gör den innan intyget går ut. Då förlängs intyget, räknat från den dag det annars hade gått ut.\n\n`
    : "";
  return {
    to: args.to,
    subject: args.renewed ? "Ditt intyg är förnyat" : "Ditt intyg från Coachportalen",
    text:
      `Hej ${args.name}!\n\n${opening}\n\n` +
      `Intyget gäller till och med ${args.validThrough}.\n\n` +
      refresher +
      `Här ser du intyget och kan ladda ner det som PDF:\n${args.link}` +
      SIGNATURE,
  };
}

export function certificateRevokedEmail(args: {
  to: string;
  name: string;
  trackTitle: string;
  reason: string;
  /** "14 mars 2027": an earlier certificate of the track still holds (the revoked one renewed it). */
  stillValidThrough?: string | null;
  link: string;
}): EmailMessage {
  const earlier = args.stillValidThrough ? `Ditt tidigare intyg för ${args.trackTitle} gäller fortfarande till och med ${args.stillValidThrough}.\n\n` : "";
  return {
    to: args.to,
    subject: "Ditt intyg från Coachportalen har återkallats",
    text:
      `Hej ${args.name}!\n\nDin samordnare har återkallat ditt intyg för ${args.trackTitle}. Skälet:\n\n${args.reason}\n\n${earlier}` +
      `Det du har gjort i utbildningen finns kvar. Här ser du vad som återstår för ett nytt intyg:\n${args.link}` +
      SIGNATURE,
  };
}

// Reminders and the coordinator's monthly summary, sent by `npm run reminders`.

const REMINDER_FOOTER = "\n\nDu får påminnelsen eftersom din kommun skickar påminnelser till sina ANDTS-coacher.";

export function stalledReminderEmail(args: {
  to: string;
  name: string;
  trackTitle: string;
  /** "14 mars 2026" */
  lastActivity: string;
  /** The lesson or test to do next, if the track has one left. */
  nextTitle: string | null;
  link: string;
}): EmailMessage {
  const next = args.nextTitle ? `Nästa steg är ”${args.nextTitle}”. ` : "";
  return {
    to: args.to,
    subject: "Fortsätt din utbildning i Coachportalen",
    text:
      `Hej ${args.name}!\n\n` +
      `Det var ett tag sedan du var inne i ${args.trackTitle}, senast ${args.lastActivity}. ` +
      `Allt du redan har gjort finns kvar, och du fortsätter där du slutade.\n\n` +
      `${next}Här kommer du direkt dit:\n${args.link}\n\n` +
      `Har du frågor om utbildningen kan du vända dig till din ANDTS-samordnare.` +
      REMINDER_FOOTER +
      SIGNATURE,
  };
}

function expiryOpening(trackTitle: string, validThrough: string, daysLeft: number, urgent: boolean): string {
  if (!urgent) return `Ditt intyg för ${trackTitle} gäller till och med ${validThrough}.`;
  if (daysLeft <= 0) return `Ditt intyg för ${trackTitle} gäller bara i dag, ${validThrough}.`;
  if (daysLeft === 1) return `Ditt intyg för ${trackTitle} gäller bara till och med i morgon, ${validThrough}.`;
  return `Ditt intyg för ${trackTitle} gäller bara ${daysLeft} dagar till, till och med ${validThrough}.`;
}

export function expiryReminderEmail(args: {
  to: string;
  name: string;
  trackTitle: string;
  /** "14 mars 2027": the last valid day. */
  validThrough: string;
  /** Calendar days from today to the last valid day. */
  daysLeft: number;
  /** The last of the reminders, about two weeks before. */
  urgent: boolean;
  /** When the track has a refresher: when it opened and how long a renewed certificate lasts. */
  refresher: { opened: string; renewedThrough: string } | null;
  link: string;
}): EmailMessage {
  const opening = expiryOpening(args.trackTitle, args.validThrough, args.daysLeft, args.urgent);
  const what = args.refresher
    ? `Repetitionen öppnar ${REFRESHER_WINDOW_DAYS} dagar innan intyget går ut, och för dig är den öppen sedan ${args.refresher.opened}. ` +
      `Gör den senast ${args.validThrough}, så gäller intyget till och med ${args.refresher.renewedThrough}.`
    : `När intyget har gått ut gör du om kunskapstesten i utbildningen för att få ett nytt intyg.`;
  return {
    to: args.to,
    subject: args.urgent ? `Ditt intyg går ut ${args.validThrough}` : "Dags att förnya ditt intyg",
    text:
      `Hej ${args.name}!\n\n${opening}\n\n${what}\n\n` +
      `Här ser du ditt intyg${args.refresher ? " och hittar repetitionen" : ""}:\n${args.link}` +
      REMINDER_FOOTER +
      SIGNATURE,
  };
}

export interface SummaryFigures {
  certified: number;
  expiring: number;
  inTraining: number;
  stalled: number;
  notStarted: number;
  invited: number;
  expired: number;
  revoked: number;
}

export interface SummaryChanges {
  newCertificates: number;
  /** Of the new certificates, those that renewed one through the refresher. */
  renewals: number;
  newCoaches: number;
  expired: number;
}

export function monthlySummaryEmail(args: {
  to: string;
  name: string;
  municipalityName: string;
  /** "5 mars 2026" */
  today: string;
  /** "februari 2026": the month the changes are counted over. */
  previousMonth: string;
  figures: SummaryFigures;
  changes: SummaryChanges;
  stalledDays: number;
  expiringDays: number;
  attachment: EmailAttachment;
  dashboardLink: string;
  settingsLink: string;
}): EmailMessage {
  const { figures, changes } = args;
  const n = (value: number) => formatNumber(value);
  const renewals = changes.renewals > 0 ? ` (varav ${n(changes.renewals)} förnyade med repetitionen)` : "";
  return {
    to: args.to,
    subject: `Månadssammanfattning för ${args.municipalityName}: ${args.previousMonth}`,
    text:
      `Hej ${args.name}!\n\nHär är läget för ANDTS-coacherna i ${args.municipalityName} den ${args.today}.\n\n` +
      `Just nu\n` +
      `- Certifierade med giltigt intyg: ${n(figures.certified)}, varav ${n(figures.expiring)} med ett intyg som går ut inom ${args.expiringDays} dagar\n` +
      `- Under utbildning: ${n(figures.inTraining)}, varav ${n(figures.stalled)} som inte har gjort något på ${args.stalledDays} dagar\n` +
      `- Har konto men har inte börjat: ${n(figures.notStarted)}\n` +
      `- Inbjudna som inte har skapat konto: ${n(figures.invited)}\n` +
      `- Intyget har gått ut: ${n(figures.expired)}\n` +
      `- Intyget är återkallat: ${n(figures.revoked)}\n\n` +
      `Under ${args.previousMonth}\n` +
      `- Nya intyg: ${n(changes.newCertificates)}${renewals}\n` +
      `- Nya coacher: ${n(changes.newCoaches)}\n` +
      `- Intyg som gick ut: ${n(changes.expired)}\n\n` +
      `Listan över alla personer finns i den bifogade Excel-filen ${args.attachment.filename}. ` +
      `Den innehåller personuppgifter: spara den bara där obehöriga inte kommer åt den, och radera den när du inte behöver den längre.\n\n` +
      `Mer om läget ser du på översikten:\n${args.dashboardLink}\n\n` +
      `Du får sammanfattningen eftersom du har beställt den. Här avbeställer du den:\n${args.settingsLink}` +
      SIGNATURE,
    attachments: [args.attachment],
  };
}
