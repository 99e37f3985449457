// SPDX-License-Identifier: EUPL-1.2
// A second process signing coaches up for a session, for the concurrency test in
// tests/integration/sessions.test.ts: its own SQLite connection to the same file, all
// sign-ups at once from `startAt` on. Prints the outcomes as JSON.
// Usage: tsx tests/helpers/session-signup-worker.ts <db file> <session id> <startAt ms> <user id>...
import { getContent } from "~/content/content.server";
import { signUp } from "~/modules/course-days/booking.server";
import { createDatabase } from "~db/client.server";

const [file, sessionId, startAt, ...userIds] = process.argv.slice(2);
const db = createDatabase(file!);
const content = getContent();
const users = await db.selectFrom("user").select(["id", "name", "email"]).where("id", "in", userIds).execute();
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const outcomes = await Promise.all(users.map((coach) => signUp(db, { sessionId: sessionId!, coach, content })));
await db.destroy();
process.stdout.write(JSON.stringify(outcomes.map((o) => o.outcome)));
