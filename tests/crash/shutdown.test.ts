// SPDX-License-Identifier: EUPL-1.2
// Stopping the production server as an orchestrator or `npm run bench` stops it: SIGTERM to the
// primary while clients are using it. Every request the server had received before the signal is
// answered in full, later ones are answered or refused (never half-answered), and the server exits
// 0 without an error on stderr (a worker used to crash with EPIPE when its primary left first).
// Needs the production build in BUILD_DIR, like crash.test.ts beside it (vitest.crash.config.ts).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "~db/client.server";
import { migrateToLatest } from "~db/migrate";

const BUILD_DIR = path.resolve(process.env.BUILD_DIR || "build");
const USERS = 16;
const PAGES = ["/healthz", "/verifiera"];

let dir: string;
let databaseFile: string;
const started: ChildProcess[] = [];

interface RunningServer {
  child: ChildProcess;
  port: number;
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves when every process holding the server's stderr has ended: the primary and its workers. */
  allEnded: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} took more than ${ms} ms`)))]);
}

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["server/index.js"], {
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: String(port), BUILD_DIR, DATABASE_URL: databaseFile, APP_URL: baseUrl, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  started.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const server: RunningServer = {
    child,
    port,
    stderr: () => stderr,
    exited: new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal }))),
    allEnded: new Promise((resolve) => child.stderr!.once("close", () => resolve())),
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server stopped at start:\n${stderr}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`The server did not answer /healthz:\n${stderr}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  if (!fs.existsSync(path.join(BUILD_DIR, "server", "index.js"))) {
    throw new Error(`No production build in ${BUILD_DIR}: run \`npm run build\` (with the same BUILD_DIR) first.`);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "coachportalen-shutdown-"));
  databaseFile = path.join(dir, "shutdown.db");
  const db = createDatabase(databaseFile);
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}, 30_000);

afterEach(() => {
  // A server a failed test left running would hold its port and the machine's two cores.
  for (const child of started.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A request the server has begun to read: its headers are sent all but the blank line that ends
 * them, so the server holds it in flight until `finish()` sends the rest.
 */
function heldRequest(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  socket.write("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: shutdown-test\r\n");
  let received = "";
  socket.setEncoding("utf8");
  socket.on("data", (chunk: string) => (received += chunk));
  const answer = new Promise<string>((resolve) => {
    socket.on("close", () => resolve(received));
    socket.on("error", () => {});
  });
  return {
    finish: () => socket.write("\r\n"),
    /** Everything the server sent before it closed the connection. */
    answer,
  };
}

/** The body of a chunked HTTP/1.1 answer, or undefined if the last chunk never came. */
function dechunked(raw: string): string | undefined {
  let body = "";
  for (let rest = raw; ; ) {
    const end = rest.indexOf("\r\n");
    if (end < 0) return undefined;
    const size = parseInt(rest.slice(0, end), 16);
    if (size === 0) return body;
    body += rest.slice(end + 2, end + 2 + size);
    rest = rest.slice(end + 2 + size + 2);
  }
}

function expectCompleteHealthAnswer(raw: string) {
  const headEnd = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, headEnd).toLowerCase();
  const body = raw.slice(headEnd + 4);
  expect(head).toMatch(/^http\/1\.1 200 /);
  // The server closes the connection after it, rather than keeping one it is about to drop.
  expect(head).toContain("connection: close");
  expect(head.includes("transfer-encoding: chunked") ? dechunked(body) : body).toBe('{"status":"ok"}');
}

type Outcome =
  | { kind: "answered"; path: string; status: number; complete: boolean; body: string }
  | { kind: "refused" }
  | { kind: "unanswered"; path: string; sentBeforeSignal: boolean; error: string };

function get(agent: http.Agent, port: number, pathname: string, signalled: () => boolean): Promise<Outcome> {
  return new Promise((resolve) => {
    let sentBeforeSignal = false;
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = http.get({ host: "127.0.0.1", port, path: pathname, agent }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      const answered = () => settle({ kind: "answered", path: pathname, status: response.statusCode ?? 0, complete: response.complete, body });
      response.on("end", answered);
      response.on("close", answered);
      response.on("error", answered);
    });
    // The request's bytes are in the server's socket by now, so one sent before the signal had reached the server.
    request.on("finish", () => (sentBeforeSignal = !signalled()));
    request.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED") settle({ kind: "refused" });
      else settle({ kind: "unanswered", path: pathname, sentBeforeSignal, error: `${error.code ?? ""} ${error.message}` });
    });
  });
}

function isCompleteSuccess(outcome: Extract<Outcome, { kind: "answered" }>): boolean {
  // complete: every byte the answer's Content-Length (or last chunk) promised arrived.
  if (outcome.status !== 200 || !outcome.complete) return false;
  if (outcome.path === "/healthz") return outcome.body === '{"status":"ok"}';
  return outcome.body.includes("<h1>Kontrollera ett intyg</h1>");
}

/** Coaches' browsers and a load balancer's health checks: keep-alive connections, each sending its next request as soon as the last is answered. */
function startLoad(port: number, signalled: () => boolean) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: USERS });
  const outcomes: Outcome[] = [];
  let inFlight = 0;
  let inFlightAtSignal = 0;
  let running = true;
  const users = Array.from({ length: USERS }, async (_, user) => {
    for (let i = user; running; i++) {
      inFlight += 1;
      const outcome = await get(agent, port, PAGES[i % PAGES.length]!, signalled);
      inFlight -= 1;
      outcomes.push(outcome);
      if (outcome.kind !== "answered") await sleep(20);
    }
  });
  return {
    outcomes,
    markSignal: () => (inFlightAtSignal = inFlight),
    inFlightAtSignal: () => inFlightAtSignal,
    async stop() {
      running = false;
      await Promise.all(users);
      agent.destroy();
    },
  };
}

function tally(outcomes: Outcome[]) {
  const answered = outcomes.filter((o) => o.kind === "answered");
  const unanswered = outcomes.filter((o) => o.kind === "unanswered");
  return {
    answered: answered.length,
    badAnswers: answered.filter((o) => !isCompleteSuccess(o)).map((o) => `${o.path} ${o.status} complete=${o.complete} ${o.body.slice(0, 80)}`),
    // The connection closed while the request was on its way, after the signal: never received.
    unansweredAfterSignal: unanswered.filter((o) => !o.sentBeforeSignal).map((o) => o.error),
    lostBeforeSignal: unanswered.filter((o) => o.sentBeforeSignal).map((o) => `${o.path}: ${o.error}`),
    refused: outcomes.filter((o) => o.kind === "refused").length,
  };
}

function expectNoCrashOn(stderr: string) {
  expect(stderr).not.toContain("EPIPE");
  expect(stderr).not.toContain("ERR_IPC_CHANNEL_CLOSED");
  expect(stderr).not.toContain("Unhandled");
}

async function stopUnderLoad(workers: number) {
  const server = await startServer({ WEB_CONCURRENCY: String(workers) });
  let signalled = false;
  const held = Array.from({ length: 4 }, () => heldRequest(server.port));
  const load = startLoad(server.port, () => signalled);
  await sleep(1_500);

  load.markSignal();
  signalled = true;
  server.child.kill("SIGTERM");
  // The workers have stopped listening by now; what they hold is still answered.
  await sleep(300);
  for (const request of held) request.finish();

  const exit = await within(server.exited, 20_000, "Stopping the server");
  await within(server.allEnded, 5_000, "The workers' ending");
  await load.stop();
  const answers = await Promise.all(held.map((request) => request.answer));
  return { exit, stderr: server.stderr(), answers, result: tally(load.outcomes), inFlightAtSignal: load.inFlightAtSignal() };
}

describe("stopping the production server", () => {
  for (const workers of [2, 1]) {
    it(`with SIGTERM under load, ${workers} worker${workers > 1 ? "s" : ""}: answers every request it had received, in full, and exits 0 without an error`, async () => {
      const { exit, stderr, answers, result, inFlightAtSignal } = await stopUnderLoad(workers);

      // There was load to stop under: requests in flight at the signal, and answers on both sides of it.
      expect(inFlightAtSignal).toBeGreaterThan(0);
      expect(result.answered).toBeGreaterThan(USERS);

      for (const answer of answers) expectCompleteHealthAnswer(answer);
      expect(result.badAnswers, stderr).toEqual([]);
      expect(result.lostBeforeSignal, stderr).toEqual([]);
      expect(exit, stderr).toEqual({ code: 0, signal: null });
      expectNoCrashOn(stderr);
      expect(stderr).not.toContain('"level":"error"');
      // Refused connections and requests sent as a connection closed are the clients' to retry.
      console.log(`${workers} worker(s): ${result.answered} answered, ${result.refused} refused after close, ${result.unansweredAfterSignal.length} unanswered after the signal (${[...new Set(result.unansweredAfterSignal)].join(", ")})`);
    });
  }

  it("cuts off a request that is still unfinished at SHUTDOWN_TIMEOUT_SECONDS, says so, and exits non-zero", async () => {
    const server = await startServer({ WEB_CONCURRENCY: "2", SHUTDOWN_TIMEOUT_SECONDS: "1" });
    const stuck = heldRequest(server.port);
    await sleep(500);
    const signalledAt = Date.now();
    server.child.kill("SIGTERM");

    const exit = await within(server.exited, 10_000, "Stopping the server");
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(exit.code).not.toBe(0);
    expect(await within(stuck.answer, 2_000, "Closing the stuck connection")).toBe("");
    const lines = server.stderr().trim().split("\n");
    expect(lines).toContainEqual(expect.stringContaining("förfrågning(ar) var inte klara efter 1 s och avbröts"));
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(server.stderr()).not.toContain("EPIPE");
    expect(server.stderr()).not.toContain("Unhandled");
  });

  it("a worker whose primary is killed says so, answers the requests it holds, and ends without crashing", async () => {
    const server = await startServer({ WEB_CONCURRENCY: "1" });
    const held = Array.from({ length: 3 }, () => heldRequest(server.port));
    await sleep(500);
    server.child.kill("SIGKILL");
    await server.exited;
    await sleep(300);
    for (const request of held) request.finish();

    const answers = await within(Promise.all(held.map((request) => request.answer)), 10_000, "Answering the held requests");
    for (const answer of answers) expectCompleteHealthAnswer(answer);
    await within(server.allEnded, 5_000, "The worker's ending");
    expectNoCrashOn(server.stderr());
    const lines = server.stderr().trim().split("\n").map((line) => JSON.parse(line) as { message: string });
    expect(lines.map((line) => line.message)).toEqual([
      "Huvudprocessen finns inte längre: arbetsprocessen tar inte emot fler anslutningar och avslutas när det den har fått är besvarat.",
    ]);
  });
});
