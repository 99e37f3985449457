// SPDX-License-Identifier: EUPL-1.2
// Runs only in the PostgreSQL run (TEST_DATABASE_URL): two production app instances on one
// PostgreSQL database, as behind a load balancer. What one instance writes the other must
// honour: sessions, sign-in throttling, and the outbox, whose messages go out once.
// Needs the production build in BUILD_DIR (default build/); `npm test` builds before this run.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";
import type { Database } from "~db/schema";
import { enqueueEmail } from "~/modules/email/outbox.server";
import { createMunicipality, createUser, TEST_PASSWORD } from "../helpers/db";
import { startFakeSmtp, type FakeSmtpServer } from "../helpers/fake-smtp";
import { createPostgresDatabase, dropPostgresDatabase } from "../helpers/postgres";

const BUILD_DIR = path.resolve(process.env.BUILD_DIR || "build");

interface Instance {
  url: string;
  process: ChildProcess;
  log: string[];
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startInstance(databaseUrl: string, smtpPort: number): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server/index.js"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      BUILD_DIR,
      DATABASE_URL: databaseUrl,
      APP_URL: url,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      OUTBOX_INTERVAL_SECONDS: "1",
      // Behind one load balancer the client's address is the last X-Forwarded-For entry.
      TRUST_PROXY: "1",
      WEB_CONCURRENCY: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log: string[] = [];
  child.stdout!.on("data", (chunk) => log.push(String(chunk)));
  child.stderr!.on("data", (chunk) => log.push(String(chunk)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The instance on ${url} stopped at start:\n${log.join("")}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The instance on ${url} did not answer /healthz:\n${log.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, process: child, log };
}

async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.process.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.process.once("exit", resolve));
  instance.process.kill("SIGTERM");
  await exited;
}

function postForm(instance: Instance, pathname: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${instance.url}${pathname}`, {
    method: "POST",
    redirect: "manual",
    body: new URLSearchParams(form),
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: instance.url, ...headers },
  });
}

function signIn(instance: Instance, email: string, password: string, ip = "198.51.100.1") {
  return postForm(instance, "/logga-in", { email, password, redirectTo: "" }, { "X-Forwarded-For": ip });
}

function sessionCookieOf(response: Response): string {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__session="));
  if (!cookie) throw new Error(`No session cookie (status ${response.status})`);
  return cookie.split(";")[0]!;
}

let databaseUrl: string;
let db: Kysely<Database>;
let smtp: FakeSmtpServer;
let a: Instance | undefined;
let b: Instance | undefined;

beforeAll(async () => {
  if (!fs.existsSync(path.join(BUILD_DIR, "server", "index.js"))) {
    throw new Error(`No production build in ${BUILD_DIR}: run \`npm run build\` (with the same BUILD_DIR) first.`);
  }
  // Its own database: the per-test emptying of the worker's database must not pull the floor
  // from under two running servers.
  databaseUrl = await createPostgresDatabase("instances");
  db = createDatabase(databaseUrl);
  await migrateToLatest(db);
  smtp = await startFakeSmtp({ delayMs: 20 });
  [a, b] = await Promise.all([startInstance(databaseUrl, smtp.port), startInstance(databaseUrl, smtp.port)]);
}, 60_000);

afterAll(async () => {
  await Promise.all([stopInstance(a), stopInstance(b)]);
  await smtp?.close();
  await db?.destroy();
  await dropPostgresDatabase("instances");
}, 30_000);

describe("two app instances on one PostgreSQL database", () => {
  it("accept a session made on either: signed in on one, signed in on the other, signed out on both", async () => {
    const municipality = await createMunicipality(db, "tva-instanser");
    const coach = await createUser(db, { role: "coach", municipalityId: municipality.id, name: "Ines Instans" });

    const signedIn = await signIn(a!, coach.email, TEST_PASSWORD);
    expect(signedIn.status).toBe(302);
    const cookie = sessionCookieOf(signedIn);

    const onB = await fetch(`${b!.url}/konto`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onB.status).toBe(200);
    expect(await onB.text()).toContain("Ines Instans");

    const signedOut = await fetch(`${b!.url}/logga-ut`, { method: "POST", redirect: "manual", headers: { Cookie: cookie, Origin: b!.url } });
    expect(signedOut.status).toBe(302);
    const onA = await fetch(`${a!.url}/konto`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(onA.status).toBe(302);
    expect(onA.headers.get("location")).toMatch(/^\/logga-in/);
  });

  it("count failed sign-ins together: five wrong passwords split over both lock the account on both", async () => {
    const coach = await createUser(db, { role: "coach", municipalityId: null });
    for (const instance of [a!, b!, a!, b!, a!]) {
      expect((await signIn(instance, coach.email, "fel-losenord-123")).status).toBe(400);
    }
    // The right password no longer helps, on either instance, until the window has passed.
    for (const instance of [b!, a!]) {
      const refused = await signIn(instance, coach.email, TEST_PASSWORD);
      expect(refused.status).toBe(429);
      expect(await refused.text()).toContain("För många försök");
    }
  });

  it("count failed sign-ins per address together: 30 failures from one address over both refuse it on both", async () => {
    const coach = await createUser(db, { role: "coach", municipalityId: null });
    const guessingIp = "203.0.113.9";
    // Thirty different unknown accounts, so only the per-address limit (30 in 15 minutes) can bite.
    for (let i = 0; i < 30; i++) {
      const instance = i % 2 === 0 ? a! : b!;
      expect((await signIn(instance, `gissning-${i}@test.example`, "fel-losenord-123", guessingIp)).status).toBe(400);
    }
    expect((await signIn(a!, coach.email, TEST_PASSWORD, guessingIp)).status).toBe(429);
    expect((await signIn(b!, coach.email, TEST_PASSWORD, guessingIp)).status).toBe(429);
    // Another address is not affected.
    expect((await signIn(b!, coach.email, TEST_PASSWORD, "198.51.100.77")).status).toBe(302);
  }, 60_000);

  it("send a queued email once, while both deliver the outbox every second", async () => {
    const coach = await createUser(db, { role: "coach", municipalityId: null });
    const before = smtp.received.length;
    // One email queued through instance A (a forgotten password), and a batch beside it, so
    // that both instances' delivery runs find work at the same time.
    expect((await postForm(a!, "/glomt-losenord", { email: coach.email }, { "X-Forwarded-For": "198.51.100.20" })).status).toBe(200);
    const batch = Array.from({ length: 24 }, (_, i) => `mottagare-${i}@test.example`);
    for (const to of batch) await enqueueEmail(db, { to, subject: "Hej", text: "Ett meddelande." });

    const deadline = Date.now() + 30_000;
    for (;;) {
      const waiting = await db.selectFrom("outbox").select("id").where("sent_at", "is", null).execute();
      if (waiting.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${waiting.length} emails still unsent.\nA: ${a!.log.join("")}\nB: ${b!.log.join("")}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Another round of both senders finds nothing more to send.
    await new Promise((resolve) => setTimeout(resolve, 2_500));

    const delivered = smtp.received.slice(before).flatMap((mail) => mail.to);
    expect(delivered.sort()).toEqual([coach.email, ...batch].sort());
    const resetMail = smtp.received.slice(before).filter((mail) => mail.to.includes(coach.email));
    expect(resetMail).toHaveLength(1);
    expect(resetMail[0]!.data).toContain("/aterstall/");
    const rows = await db.selectFrom("outbox").select(["attempts", "error"]).execute();
    expect(rows.every((row) => row.attempts === 1 && row.error === null)).toBe(true);
  }, 60_000);
});
