// SPDX-License-Identifier: EUPL-1.2
// Retires the key that signs the Open Badges credentials and makes a new one. The old public key
// stays published at every issuer's address, so credentials it signed keep verifying.
import { rotateSigningKey } from "../app/modules/certification/open-badges/keys.server";
import { createDatabase } from "../db/client.server";

const db = createDatabase();
try {
  const { retired, created } = await rotateSigningKey(db);
  console.log(`Ny signeringsnyckel ${created}.${retired.length > 0 ? ` Pensionerade (publiceras fortfarande): ${retired.join(", ")}.` : ""}`);
} finally {
  await db.destroy();
}
