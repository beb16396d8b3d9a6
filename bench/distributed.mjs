// The distributed executor's costs: 10,000 small jobs through 1, 2 and 4
// `asyncio-ts worker` processes, the per-job cost beside the in-process
// worker pool (toThread), and the latency of one round trip. A redis-server
// of its own (Debian's, on a free port, no persistence) in a temporary
// directory; workers with --concurrency 16. BENCHMARKS.md quotes the figures.
// Usage: npm run bench:distributed [-- --jobs N]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
// asyncio-ts by its package name, as bench/workloads/asyncio-ts.mjs imports it:
// Node resolves the "node" condition's single-file bundle (dist/bundle), what
// users run, not the per-module build in dist/src. The workers are the
// package's bin (dist/src/cli/main.js), as `npx asyncio-ts worker` runs them.
import * as asyncio from "asyncio-ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const jobsArg = process.argv.indexOf("--jobs");
const N = jobsArg > 0 ? Number(process.argv[jobsArg + 1]) : 10_000;
const ROUND_TRIPS = 300;
const add = { module: "./distributed-jobs.mjs", exportName: "add" };

const redis = await startRedis();
try {
  const figures = {};
  for (const count of [1, 2, 4]) {
    const workers = await Promise.all(Array.from({ length: count }, () => startWorker(redis.url)));
    try {
      figures[`${count} worker${count > 1 ? "s" : ""}`] = await throughput(redis.url);
      if (count === 1) figures["round trip"] = await roundTrip(redis.url);
    } finally {
      await Promise.all(workers.map(stop));
    }
  }
  figures["in-process pool (toThread)"] = await pool();
  console.log(`${N} jobs; ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(28)} ${value}`);
} finally {
  await redis.stop();
}

/** N jobs submitted at once, gathered: jobs per second and wall time per job. */
function throughput(url) {
  return withExecutor(url, function* (ex) {
    // One job first: connections and module loading are not the jobs' cost.
    yield* ex.submit(add, 0, 0);
    const t0 = performance.now();
    const results = yield* asyncio.gather(
      ...Array.from({ length: N }, (_, i) => ex.submit(add, i, 1)),
    );
    const elapsed = performance.now() - t0;
    if (results[N - 1] !== N) throw new Error("wrong result");
    return `${Math.round((N / elapsed) * 1000)} jobs/s, ${((elapsed * 1000) / N).toFixed(0)} µs/job`;
  });
}

/** One job at a time: the median and 99th percentile of a round trip. */
function roundTrip(url) {
  return withExecutor(url, function* (ex) {
    yield* ex.submit(add, 0, 0);
    const times = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const t0 = performance.now();
      yield* ex.submit(add, i, 1);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (q) => times[Math.floor(q * (times.length - 1))].toFixed(2);
    return `median ${at(0.5)} ms, p99 ${at(0.99)} ms (one job at a time)`;
  });
}

/** The same N jobs on the in-process worker pool, for the per-job comparison. */
function pool() {
  return asyncio.run(
    (function* () {
      const plus = (a, b) => a + b;
      yield* asyncio.gather(...Array.from({ length: 16 }, () => asyncio.toThread(plus, 0, 0)));
      const t0 = performance.now();
      yield* asyncio.gather(...Array.from({ length: N }, (_, i) => asyncio.toThread(plus, i, 1)));
      const elapsed = performance.now() - t0;
      return `${Math.round((N / elapsed) * 1000)} jobs/s, ${((elapsed * 1000) / N).toFixed(0)} µs/job`;
    })(),
  );
}

function withExecutor(url, body) {
  const ex = new asyncio.QueueExecutor({ connection: url, queue: "bench", keepFinished: 0 });
  return asyncio.run(asyncio.asyncWith(ex, body));
}

function startWorker(url) {
  const child = spawn(
    process.execPath,
    [
      join(root, "dist/src/cli/main.js"),
      "worker",
      "--queue",
      "bench",
      "--redis",
      url,
      "--module",
      "./distributed-jobs.mjs",
      "--concurrency",
      "16",
    ],
    { cwd: join(root, "bench"), stdio: ["ignore", "ignore", "pipe"] },
  );
  return new Promise((resolve, reject) => {
    let output = "";
    child.stderr.on("data", (b) => {
      output += b;
      if (output.includes("serving queue")) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`worker exited (${code}): ${output}`)));
  });
}

function stop(child) {
  child.removeAllListeners("exit");
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  return exited;
}

async function startRedis() {
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
  const dir = mkdtempSync(join(os.tmpdir(), "asyncio-ts-bench-redis-"));
  const server = spawn(
    process.env.REDIS_SERVER ?? "/usr/bin/redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
    ],
    { stdio: "ignore" },
  );
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      }).once("error", () => resolve(false));
    });
    if (open) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await stop(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
