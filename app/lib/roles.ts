// SPDX-License-Identifier: EUPL-1.2
import type { Role } from "~db/schema";

export const ROLE_LABELS: Record<Role, string> = {
  coach: "ANDTS-coach",
  school_staff: "Skolpersonal",
  coordinator: "ANDTS-samordnare",
  admin: "Administratör",
};

/** The role inside a sentence ("inbjuden som ANDTS-coach"): abbreviations keep their capitals. */
export function roleInSentence(role: Role): string {
  const label = ROLE_LABELS[role];
  return label.startsWith("ANDTS") ? label : label.toLowerCase();
}

/** Where each role lands after signing in. */
export const ROLE_HOME: Record<Role, string> = {
  coach: "/utbildning",
  school_staff: "/material",
  coordinator: "/samordnare",
  admin: "/admin",
};
