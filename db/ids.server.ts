// SPDX-License-Identifier: EUPL-1.2
import { randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/** A random, URL-safe primary key (120 bits). Text ids mean the same on SQLite and PostgreSQL. */
export function newId(): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(15));
}
