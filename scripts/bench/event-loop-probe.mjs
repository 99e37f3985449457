// SPDX-License-Identifier: EUPL-1.2
// Loaded into every server process by the benchmark (`node --import ./scripts/bench/event-loop-probe.mjs
// server/index.js`; cluster workers inherit the flag), so it measures any version of the server
// without a line of it knowing. It keeps a histogram of the event loop's delay and, on SIGUSR2,
// writes the delay (and the highest heap and buffer use) since the previous SIGUSR2 to $BENCH_EVENT_LOOP_DIR/<pid>.json and starts
// afresh: the benchmark signals once before a measurement (to discard what came before) and
// once after it. A worker whose loop is blocked writes only when it is free again, which the
// histogram then shows.
import fs from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";

const dir = process.env.BENCH_EVENT_LOOP_DIR;
if (dir) {
  // A 1 ms sampling interval: each sample is the time between two ticks of a 1 ms timer, so an
  // idle loop reads about 1 ms and a blocked one the time it was blocked (plus up to 1 ms).
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let sequence = 0;
  // Where a process's memory goes (V8's heap, or buffers outside it), to explain an RSS peak.
  const mb = (bytes) => Math.round(bytes / 1024 / 102.4) / 10;
  const none = { rssMb: 0, heapTotalMb: 0, heapUsedMb: 0, externalMb: 0, arrayBuffersMb: 0 };
  let memory = none;
  setInterval(() => {
    const now = process.memoryUsage();
    memory = {
      rssMb: Math.max(memory.rssMb, mb(now.rss)),
      heapTotalMb: Math.max(memory.heapTotalMb, mb(now.heapTotal)),
      heapUsedMb: Math.max(memory.heapUsedMb, mb(now.heapUsed)),
      externalMb: Math.max(memory.externalMb, mb(now.external)),
      arrayBuffersMb: Math.max(memory.arrayBuffersMb, mb(now.arrayBuffers)),
    };
  }, 100).unref();
  process.on("SIGUSR2", () => {
    sequence += 1;
    const report = {
      pid: process.pid,
      sequence,
      samples: histogram.count,
      p50Ms: histogram.percentile(50) / 1e6,
      p99Ms: histogram.percentile(99) / 1e6,
      maxMs: histogram.max / 1e6,
      peakMemory: memory,
    };
    histogram.reset();
    memory = none;
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(report));
    fs.renameSync(`${file}.tmp`, file);
  });
}
