// SPDX-License-Identifier: EUPL-1.2
// Vitest's global setup for the PostgreSQL run (TEST_DATABASE_URL): databases from an earlier
// run go first, and this run's go when it ends. Two runs on one TEST_DATABASE_URL at once
// would share worker databases, so give each its own.
import { dropAllTestDatabases } from "./helpers/postgres";

export default async function setup(): Promise<() => Promise<void>> {
  await dropAllTestDatabases();
  return dropAllTestDatabases;
}
