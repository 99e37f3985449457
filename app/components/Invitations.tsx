// SPDX-License-Identifier: EUPL-1.2
// Sections of the coordinator's invitation page (/samordnare/inbjudningar): what became of each
// address on a list, and the invitations sent, each with its own resend and withdraw buttons.
import { Form } from "@remix-run/react";
import { DataTable } from "~/components/DataTable";
import { formatDate } from "~/lib/dates";
import { ROLE_LABELS } from "~/lib/roles";
import type { InvitationStatus, InviteOutcome } from "~/modules/auth/invitation.server";
import type { Role } from "~db/schema";

const OUTCOME_TEXT: Record<InviteOutcome["status"], string> = {
  invited: "Inbjuden",
  already_member: "Har redan konto",
  pending: "Har redan en inbjudan",
  invalid: "Ogiltig adress",
};

const STATUS_TEXT: Record<InvitationStatus, string> = {
  pending: "Väntar",
  accepted: "Accepterad",
  withdrawn: "Återkallad",
  expired: "Utgången",
};

export function outcomeSummary(outcomes: InviteOutcome[]): string {
  const invited = outcomes.filter((o) => o.status === "invited").length;
  const skipped = outcomes.length - invited;
  const first = invited === 1 ? "1 person har bjudits in." : `${invited} personer har bjudits in.`;
  return skipped === 0 ? first : `${first} ${skipped} hoppades över, se listan nedan.`;
}

export function Outcomes({ outcomes, caption }: { outcomes: InviteOutcome[]; caption: string }) {
  return (
    <DataTable label={caption} caption={caption} showCaption className="mb-6">
      <thead>
        <tr>
          <th scope="col">E-postadress</th>
          <th scope="col">Resultat</th>
        </tr>
      </thead>
      <tbody>
        {outcomes.map((outcome) => (
          <tr key={outcome.email}>
            <th scope="row" className="break-all font-normal">
              {outcome.email}
            </th>
            <td>{OUTCOME_TEXT[outcome.status]}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}

interface SentInvitation {
  id: string;
  email: string;
  role: Role;
  school: string | null;
  createdAt: string;
  expiresAt: string;
  inviterName: string | null;
  status: InvitationStatus;
  /** Earlier training imported for the person, applied when they accept. */
  pendingCredits: number;
}

export function SentInvitations({ invitations, busy }: { invitations: SentInvitation[]; busy: boolean }) {
  return (
    <DataTable label="Tabell över skickade inbjudningar" caption="Skickade inbjudningar, nyast först">
      <thead>
        <tr>
          <th scope="col">E-postadress</th>
          <th scope="col">Roll</th>
          <th scope="col">Skickad</th>
          <th scope="col">Gäller till</th>
          <th scope="col">Status</th>
          <th scope="col">Åtgärder</th>
        </tr>
      </thead>
      <tbody>
        {invitations.map((invitation) => (
          <tr key={invitation.id}>
            <th scope="row" className="break-all font-normal">
              {invitation.email}
            </th>
            <td>
              {ROLE_LABELS[invitation.role]}
              {invitation.school ? `, ${invitation.school}` : ""}
            </td>
            <td>
              {formatDate(invitation.createdAt)}
              {invitation.inviterName ? ` av ${invitation.inviterName}` : ""}
            </td>
            <td>{formatDate(invitation.expiresAt)}</td>
            <td>
              {STATUS_TEXT[invitation.status]}
              {invitation.pendingCredits > 0 ? <span className="block text-muted">Väntande tidigare utbildning: {invitation.pendingCredits} moment</span> : null}
            </td>
            <td>
              {invitation.status === "pending" || invitation.status === "expired" ? (
                <div className="flex flex-wrap gap-2">
                  <Form method="post">
                    <input type="hidden" name="intent" value="resend" />
                    <input type="hidden" name="invitationId" value={invitation.id} />
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      Skicka igen<span className="sr-only"> till {invitation.email}</span>
                    </button>
                  </Form>
                  {invitation.status === "pending" ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button type="submit" className="btn-secondary" disabled={busy}>
                        Återkalla<span className="sr-only"> inbjudan till {invitation.email}</span>
                      </button>
                    </Form>
                  ) : null}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
