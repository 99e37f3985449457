// SPDX-License-Identifier: EUPL-1.2
// argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane).
import { hash, verify } from "@node-rs/argon2";
import { isCommonPassword } from "./common-passwords";

const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id; a const enum cannot cross isolated modules
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export async function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against a real hash when the account does not exist keeps the answer
// time the same, so timing does not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoyHash ??= hashPassword("decoy-password-that-matches-nothing");
  await verifyPassword(await decoyHash, password);
  return false;
}

/** Why a new password is refused, in Swedish, or null if it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Lösenordet måste ha minst ${MIN_PASSWORD_LENGTH} tecken.`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Lösenordet får ha högst ${MAX_PASSWORD_LENGTH} tecken.`;
  if (isCommonPassword(password)) return "Lösenordet är för vanligt och lätt att gissa. Välj ett annat.";
  const lower = password.toLowerCase();
  if (context.email && lower === context.email.toLowerCase()) return "Lösenordet får inte vara din e-postadress.";
  const local = context.email?.split("@")[0]!.toLowerCase() ?? "";
  const at = local.length >= 6 ? lower.indexOf(local) : -1;
  // Naming the part that was found, as typed, lets the person see what to change instead of guessing.
  if (at >= 0) return `Lösenordet innehåller ”${password.slice(at, at + local.length)}”, som är början på din e-postadress.`;
  if (new Set(password).size < 4) return "Lösenordet har för få olika tecken.";
  return null;
}

/** Checks a new password and its repetition as a form sends them; the errors are keyed by field. */
export function newPasswordErrors(
  input: { newPassword: string; newPasswordRepeat: string },
  context: { email?: string; name?: string } = {},
): Record<string, string> | null {
  const problem = passwordProblem(input.newPassword, context);
  if (problem) return { newPassword: problem };
  if (input.newPassword !== input.newPasswordRepeat) return { newPasswordRepeat: "Lösenorden är inte likadana. Skriv samma lösenord två gånger." };
  return null;
}
