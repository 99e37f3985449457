// SPDX-License-Identifier: EUPL-1.2
import { getContent } from "../app/content/content.server";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { DEMO_PASSWORD, DEMO_PEOPLE, seedDemo } from "../db/seed";

const db = createDatabase();
try {
  await migrateToLatest(db);
  const { created, coaches } = await seedDemo(db, { content: getContent() });
  console.log(created || coaches ? `Demodata skapad (${created} personer med demoinloggning och ${coaches} påhittade coacher).` : "Demodatan fanns redan; inget ändrat.");
  if (process.argv.includes("--print-logins")) {
    console.log(`\nDemoinloggningar (lösenord för alla: ${DEMO_PASSWORD}):`);
    for (const p of DEMO_PEOPLE) console.log(`  ${p.role.padEnd(13)} ${p.email}`);
  }
} catch (error) {
  console.error("Demodatan kunde inte skapas:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
