// SPDX-License-Identifier: EUPL-1.2
// Starts the production server for the end-to-end tests on a fresh, seeded database.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const db = process.env.DATABASE_URL;
if (!db || db.startsWith("postgres")) throw new Error("e2e-server needs DATABASE_URL pointing at a SQLite file");
for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(db + suffix, { force: true });
execFileSync("npx", ["tsx", "scripts/db-seed.ts"], { stdio: "inherit", env: process.env });
await import("../server/index.js");
