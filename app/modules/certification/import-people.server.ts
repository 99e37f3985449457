// SPDX-License-Identifier: EUPL-1.2
// Who each address of an earlier-training import is (issue #16): a registered member of the
// coordinator's municipality in the track's role, someone the municipality invited who has not
// registered yet, someone with no account who will be invited, or an address the import must
// refuse (an account elsewhere or in another role, or an invitation to another municipality or
// role, which is never reused).
import { sql, type Kysely } from "kysely";
import { fields } from "~/lib/validation";
import { can, type SessionUser } from "~/modules/access/permissions.server";
import type { Database, Role } from "~db/schema";

export type Addressee =
  | { kind: "registered"; userId: string; name: string }
  /** `expired`: the invitation is renewed (a new link, 14 days again) when the import is saved. */
  | { kind: "invited"; invitationId: string; expired: boolean }
  | { kind: "new" }
  | { kind: "refused"; problem: string };

const ROLE_WORDS: Partial<Record<Role, string>> = { coach: "coach", school_staff: "skolpersonal" };
// The invitation page's rule for an address, so an import stores nothing that page would refuse.
const addressSchema = fields.email();

/** Every address (lowercased) of the file, looked up in one go. */
export async function lookUpAddressees(
  db: Kysely<Database>,
  input: { actor: SessionUser & { municipalityId: string }; role: Role; emails: string[]; now: Date },
): Promise<Map<string, Addressee>> {
  const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
  const found = new Map<string, Addressee>();
  if (emails.length === 0) return found;
  const [users, invitations] = await Promise.all([
    db
      .selectFrom("user")
      .select(["id", "email", "name", "role", "municipality_id", "deactivated_at", "anonymised_at"])
      .where(sql<string>`lower(email)`, "in", emails)
      .execute(),
    db
      .selectFrom("invitation")
      .select(["id", "email", "role", "municipality_id", "expires_at"])
      .where(sql<string>`lower(email)`, "in", emails)
      .where("accepted_at", "is", null)
      .where("withdrawn_at", "is", null)
      .orderBy("created_at", "desc")
      .execute(),
  ]);
  const roleWord = ROLE_WORDS[input.role] ?? input.role;
  const ours = (row: { municipality_id: string | null; role: Role }) => row.municipality_id === input.actor.municipalityId && row.role === input.role;
  for (const email of emails) {
    const user = users.find((u) => u.email.toLowerCase() === email);
    if (user) {
      if (!ours(user)) found.set(email, { kind: "refused", problem: `e-postadressen "${email}" hör till ett konto som inte är ${roleWord} i din kommun` });
      else if (user.deactivated_at || user.anonymised_at) found.set(email, { kind: "refused", problem: `e-postadressen "${email}" hör till ett avaktiverat konto` });
      else found.set(email, { kind: "registered", userId: user.id, name: user.name });
      continue;
    }
    const open = invitations.filter((i) => i.email.toLowerCase() === email);
    const valid = open.find((i) => new Date(i.expires_at) > input.now);
    // A valid invitation of another municipality or role stands: the person answers that one first.
    if (valid && !ours(valid)) found.set(email, { kind: "refused", problem: `e-postadressen "${email}" har redan en inbjudan till en annan kommun eller roll` });
    else if (valid) found.set(email, { kind: "invited", invitationId: valid.id, expired: false });
    else {
      const expired = open.find(ours);
      if (expired) found.set(email, { kind: "invited", invitationId: expired.id, expired: true });
      else if (!addressSchema.safeParse(email).success) found.set(email, { kind: "refused", problem: `e-postadressen "${email}" är inte en giltig adress` });
      else if (!can.invite(input.actor, input.role, input.actor.municipalityId)) found.set(email, { kind: "refused", problem: `det finns inget konto med e-postadressen "${email}", och du kan inte bjuda in ${roleWord}` });
      else found.set(email, { kind: "new" });
    }
  }
  return found;
}
