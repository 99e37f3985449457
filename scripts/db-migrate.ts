// SPDX-License-Identifier: EUPL-1.2
import { getContent } from "../app/content/content.server";
import { refreshOutdatedSummaries } from "../app/modules/roster/progress-summary.server";
import { createDatabase } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";

const db = createDatabase();
try {
  const { results } = await migrateToLatest(db);
  const applied = results?.filter((r) => r.status === "Success").map((r) => r.migrationName) ?? [];
  console.log(applied.length ? `Migreringar körda: ${applied.join(", ")}` : "Databasen är redan uppdaterad.");
  // The progress summaries depend on the training content, which a migration cannot know: they are
  // filled here, after migrating, for every coach whose summary is missing or was made for other
  // content (docs/decisions/021-progress-summary.md). The roster would do it on first read otherwise.
  const refreshed = await refreshOutdatedSummaries(db, { content: getContent() });
  if (refreshed > 0) console.log(`Sammanfattningar av coachernas framsteg uppdaterade: ${refreshed}`);
} catch (error) {
  console.error("Migreringen misslyckades:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
