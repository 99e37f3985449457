// SPDX-License-Identifier: EUPL-1.2
// Storage limitation, for cron (e.g. nightly, beside `npm run reminders`): anonymises everyone
// with whom nothing has happened for RETENTION_MONTHS months (default 24), counting from the
// latest of deactivation, last activity and the end of a valid certificate
// (docs/decisions/014-data-safety.md). Safe to run again or from two machines.
//   npm run retention                 anonymise
//   npm run retention -- --dry-run    only tell how many are due
import { parseArgs } from "node:util";
import { applyRetention, findRetentionCandidates, retentionMonths } from "../app/modules/people/retention.server";
import { createDatabase } from "../db/client.server";

const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });
let months: number;
try {
  months = retentionMonths();
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const db = createDatabase();
try {
  if (values["dry-run"]) {
    const due = await findRetentionCandidates(db, { months });
    console.log(`Gallringstid ${months} månader: ${due.length} ${due.length === 1 ? "person skulle anonymiseras" : "personer skulle anonymiseras"} (ingenting ändrat).`);
  } else {
    const { anonymised } = await applyRetention(db, { months });
    console.log(`Gallringstid ${months} månader: ${anonymised} ${anonymised === 1 ? "person anonymiserad" : "personer anonymiserade"}.`);
  }
} finally {
  await db.destroy();
}
