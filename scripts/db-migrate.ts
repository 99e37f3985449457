// SPDX-License-Identifier: EUPL-1.2
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";

const db = createDatabase();
try {
  const { results } = await migrateToLatest(db);
  const applied = results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `Migreringar körda: ${applied.join(", ")}` : "Databasen är redan uppdaterad.");
} catch (error) {
  console.error("Migreringen misslyckades:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
