// SPDX-License-Identifier: EUPL-1.2
// The benchmark's side of event-loop-probe.mjs: start a measurement on every worker, and read
// back each worker's delay (p99 and max) when it ends.
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface WorkerDelay {
  pid: number;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** The highest use of V8's heap and of memory outside it, sampled ten times a second. */
  peakMemory?: { rssMb: number; heapTotalMb: number; heapUsedMb: number; externalMb: number; arrayBuffersMb: number };
}

/** The worst worker's figures for one measurement, and every worker's; null when no worker answered. */
export interface EventLoopDelay {
  p99Ms: number;
  maxMs: number;
  workers: WorkerDelay[];
}

interface Report extends WorkerDelay {
  sequence: number;
}

export const PROBE_FLAG = `--import=${pathToFileURL(path.resolve("scripts/bench/event-loop-probe.mjs")).href}`;

function readReport(dir: string, pid: number): Report | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, `${pid}.json`), "utf8")) as Report;
  } catch {
    return null;
  }
}

/**
 * Asks each process for its delay since the last ask (SIGUSR2) and waits for the answers. A
 * worker that does not answer within `timeoutMs` is left out and named in `missing`.
 */
async function ask(dir: string, pids: number[], timeoutMs: number): Promise<{ reports: Report[]; missing: number[] }> {
  const before = new Map(pids.map((pid) => [pid, readReport(dir, pid)?.sequence ?? 0]));
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGUSR2");
    } catch {
      before.delete(pid);
    }
  }
  const deadline = Date.now() + timeoutMs;
  const reports = new Map<number, Report>();
  while (reports.size < before.size && Date.now() < deadline) {
    for (const [pid, sequence] of before) {
      if (reports.has(pid)) continue;
      const report = readReport(dir, pid);
      if (report && report.sequence > sequence) reports.set(pid, report);
    }
    if (reports.size < before.size) await new Promise((r) => setTimeout(r, 20));
  }
  return { reports: [...reports.values()], missing: [...before.keys()].filter((pid) => !reports.has(pid)) };
}

export function eventLoopMonitor(dir: string, workerPids: () => number[]) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return {
    /** Discards what the workers measured so far. */
    async start(): Promise<void> {
      await ask(dir, workerPids(), 5_000);
    },
    /** The delay each worker saw since start(). */
    async stop(): Promise<EventLoopDelay | null> {
      const { reports, missing } = await ask(dir, workerPids(), 30_000);
      if (missing.length) process.stderr.write(`  (arbetsprocess ${missing.join(", ")} svarade inte med sin fördröjning)\n`);
      if (reports.length === 0) return null;
      const workers = reports.map(({ pid, samples, p50Ms, p99Ms, maxMs, peakMemory }) => ({ pid, samples, p50Ms: round(p50Ms), p99Ms: round(p99Ms), maxMs: round(maxMs), peakMemory }));
      return {
        p99Ms: Math.max(0, ...workers.map((w) => w.p99Ms)),
        maxMs: Math.max(0, ...workers.map((w) => w.maxMs)),
        workers,
      };
    },
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
