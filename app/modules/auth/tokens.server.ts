// SPDX-License-Identifier: EUPL-1.2
// Random secrets and their hashes, as Lucia's guide builds them: only the SHA-256 of a
// secret is ever stored, and comparisons take constant time.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeHexLowerCase } from "@oslojs/encoding";

// No 0/o, 1/l: a secret read aloud or typed from paper survives.
const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** 24 characters from a 32-letter alphabet: 120 bits of entropy. */
export function generateSecureRandomString(length = 24): string {
  const bytes = new Uint8Array(length);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte >> 3];
  return out;
}

export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export function secretMatchesHash(secret: string, storedHash: string): boolean {
  const a = new TextEncoder().encode(hashSecret(secret));
  const b = new TextEncoder().encode(storedHash);
  return a.length === b.length && constantTimeEqual(a, b);
}
