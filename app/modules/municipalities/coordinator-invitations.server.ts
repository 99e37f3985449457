// SPDX-License-Identifier: EUPL-1.2
// The admin's view of a municipality's coordinators and their invitations (issue #15): who is
// invited and waiting, sending an invitation again with a new link, withdrawing one, and
// inviting an address that already has a pending invitation, which sends it again instead of
// refusing (the admin wanted the person to get an invitation; now they get a working one).
import type { Kysely } from "kysely";
import { z } from "zod";
import { parseForm, type FieldErrors } from "~/lib/validation";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import { createInvitation, InvitationError, invitationStatus, listInvitations, resendInvitation, withdrawInvitation } from "~/modules/auth/invitation.server";
import type { Database } from "~db/schema";

export interface CoordinatorInvitation {
  id: string;
  email: string;
  invitedAt: string;
  expiresAt: string;
  inviterName: string | null;
}

/** The municipality's coordinator invitations still waiting for an answer. */
export async function pendingCoordinatorInvitations(db: Kysely<Database>, municipalityId: string, now: Date = new Date()): Promise<CoordinatorInvitation[]> {
  const rows = await listInvitations(db, { municipalityId, roles: ["coordinator"] });
  return rows
    .filter((r) => invitationStatus(r, now) === "pending")
    .map((r) => ({ id: r.id, email: r.email, invitedAt: r.created_at, expiresAt: r.expires_at, inviterName: r.inviterName }));
}

export type CoordinatorInvitationOutcome = { ok: true; message: string } | { ok: false; status: 400 | 404; errors: FieldErrors; values?: Record<string, string> };

const inviteSchema = z.object({
  email: z.string({ error: "Fyll i en e-postadress." }).trim().toLowerCase().min(1, "Fyll i en e-postadress.").max(254, "E-postadressen är för lång.").pipe(z.email("Skriv e-postadressen i formen namn@kommun.se.")),
});

/** The invitation forms of the admin's municipality page: invite, resend, withdraw. */
export async function submitCoordinatorInvitationForm(
  db: Kysely<Database>,
  input: { actor: SessionUser; municipalityId: string; form: FormData; now?: Date },
): Promise<CoordinatorInvitationOutcome> {
  const { actor, municipalityId, form } = input;
  if (!can.invite(actor, "coordinator", municipalityId)) return { ok: false, status: 404, errors: { form: "Kommunen finns inte." } };
  const intent = form.get("intent");
  const inviter = { id: actor.id, name: actor.name };
  if (intent === "invite-coordinator") {
    const parsed = parseForm(inviteSchema, form);
    if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors, values: parsed.values };
    const { email } = parsed.data;
    try {
      await createInvitation(db, { email, role: "coordinator", municipalityId, invitedBy: inviter }, input.now);
      return { ok: true, message: `En inbjudan som samordnare är skickad till ${email}.` };
    } catch (error) {
      if (!(error instanceof InvitationError)) throw error;
      if (error.code === "pending") {
        const pending = (await pendingCoordinatorInvitations(db, municipalityId, input.now)).find((i) => i.email === email);
        if (pending) {
          await resendInvitation(db, pending.id, inviter, input.now);
          return { ok: true, message: `${email} hade redan en inbjudan. En ny är skickad, och länken i den gamla gäller inte längre.` };
        }
        return { ok: false, status: 400, errors: { email: "Adressen har en inbjudan till en annan kommun eller roll. Återkalla den först." }, values: { email } };
      }
      const message = error.code === "already_member" ? "Det finns redan ett konto med den här e-postadressen." : error.message;
      return { ok: false, status: 400, errors: { email: message }, values: { email } };
    }
  }
  if (intent === "resend" || intent === "withdraw") {
    const id = String(form.get("invitationId") ?? "");
    // Only this municipality's waiting coordinator invitations are reachable from its page.
    const pending = (await pendingCoordinatorInvitations(db, municipalityId, input.now)).find((i) => i.id === id);
    if (!pending) return { ok: false, status: 404, errors: { form: "Inbjudan finns inte, eller är redan besvarad eller återkallad." } };
    if (intent === "resend") {
      await resendInvitation(db, id, inviter, input.now);
      return { ok: true, message: `Inbjudan till ${pending.email} är skickad igen med en ny länk.` };
    }
    await withdrawInvitation(db, id, actor.id, input.now);
    return { ok: true, message: `Inbjudan till ${pending.email} är återkallad. Länken i den fungerar inte längre.` };
  }
  return { ok: false, status: 400, errors: { form: "Formuläret kunde inte läsas. Ladda om sidan och försök igen." } };
}
