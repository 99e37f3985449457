// Email texts, in Swedish, in one place. Plain text: it reaches every mail client and screen reader.
import { formatDateTime } from "~/lib/dates";
import type { Role } from "~db/schema";
import { ROLE_LABELS } from "~/lib/roles";
import type { EmailMessage } from "./outbox.server";

const SIGNATURE = "\n\nHälsningar\nCoachportalen\n\nDet här meddelandet skickades automatiskt. Svara inte på det.";

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
      `Hej!\n\n${who} till Coachportalen${where} som ${ROLE_LABELS[args.role].toLowerCase()}.\n\n` +
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
