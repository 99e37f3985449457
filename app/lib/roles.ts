// SPDX-License-Identifier: EUPL-1.2

// lib/ imports nothing of ours, so the roles are the keys of this table; db/schema.ts ROLES names
// the same four, and a role added there without a name here fails the type check where it is shown.
export const ROLE_LABELS = {
  coach: "ANDTS-coach",
  school_staff: "Skolpersonal",
  coordinator: "ANDTS-samordnare",
  admin: "Administratör",
  // A police partner of a medborgarlöfte (e.g. the kommunpolis): no municipality, no coach data.
  polis: "Polis",
} as const satisfies Record<string, string>;

export type Role = keyof typeof ROLE_LABELS;

/** The role inside a sentence ("inbjuden som ANDTS-coach"): abbreviations keep their capitals. */
export function roleInSentence(role: Role): string {
  const label = ROLE_LABELS[role];
  return label.startsWith("ANDTS") ? label : label.toLowerCase();
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  coach: "/utbildning",
  // School staff are invited to take "ANDTS i skolan": they land on it, as coaches land on theirs.
  school_staff: "/utbildning",
  coordinator: "/samordnare",
  admin: "/admin",
  polis: "/polis",
};
