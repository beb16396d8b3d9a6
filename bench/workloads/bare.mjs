// Bare async/await and Promises: the V8 baseline. `await null` is the yield,
// a tiny promise channel is the queue, a Promise is the Event, an
// AbortController per task is the cancellation.
// Usage: node --expose-gc bench/workloads/bare.mjs W1 100000 [reps]
import { spawn } from "node:child_process";
import net from "node:net";
import { barePrograms, range, sum } from "./bare-programs.mjs";
import {
  delays,
  main,
  memory,
  perTask,
  RESET_ROUNDS,
  RESET_STORM,
  residentAfter,
} from "./harness.mjs";

const now = () => performance.now() / 1000;

function timed(body) {
  return async (size) => {
    const t0 = now();
    const result = await body(size);
    return { seconds: now() - t0, ...result };
  };
}

function newEvent() {
  let set;
  const wait = new Promise((resolve) => {
    set = resolve;
  });
  return { wait, set };
}

async function waiter(event) {
  await event.wait;
  return 1;
}

/** Waits for the event unless `signal` aborts first (then rejects with its reason). */
async function cancellableWaiter(event, signal) {
  await new Promise((resolve, reject) => {
    event.wait.then(resolve);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
  return 1;
}

async function sleeper(delay, i) {
  await new Promise((resolve) => setTimeout(resolve, delay * 1000));
  return i;
}

let awaited = 0;
async function recurse(depth) {
  if (depth > 1) {
    await recurse(depth - 1);
  } else {
    for (let i = 0; i < 100; i++, awaited++) await Promise.resolve();
  }
}

await main("bare", {
  W1: timed(barePrograms.W1),
  W2: timed(barePrograms.W2),
  W3: timed(barePrograms.W3),
  W4: timed(barePrograms.W4),
  W5: timed(async (n) => {
    const ds = delays(n);
    const t0 = now();
    const value = sum(await Promise.all(ds.map((d, i) => sleeper(d, i))));
    return { value, ok: now() - t0 >= Math.max(...ds) - 0.002 };
  }),
  W6: timed(async (n) => {
    const event = newEvent();
    const before = memory();
    const tasks = range(n, () => waiter(event));
    await null;
    const after = memory();
    event.set();
    return { value: sum(await Promise.all(tasks)), ...perTask(before, after, n) };
  }),
  W7: timed(async (n) => {
    const event = newEvent();
    const controllers = range(n, () => new AbortController());
    const tasks = controllers.map((c) => cancellableWaiter(event, c.signal));
    await null;
    for (const c of controllers) c.abort();
    const results = await Promise.allSettled(tasks);
    return { value: results.filter((r) => r.reason?.name === "AbortError").length };
  }),
  W8: timed(async (n) => {
    awaited = 0;
    for (let r = 0; r < n; r++) await recurse(100);
    return { value: awaited };
  }),
  W9: timed(async (n) => {
    const clients = Math.min(100, n);
    const rounds = Math.floor(n / clients);
    const payload = Buffer.alloc(1024, 120);
    // The server echoes bytes as they come; each client awaits its 1 KiB back.
    const server = net.createServer((socket) => {
      socket.on("data", (chunk) => socket.write(chunk));
      socket.on("end", () => socket.end());
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address();
    const client = async () => {
      const socket = net.createConnection({ host: "127.0.0.1", port });
      await new Promise((resolve) => socket.once("connect", resolve));
      let pending = 0;
      let wake = null;
      socket.on("data", (chunk) => {
        pending += chunk.length;
        if (pending >= 1024 && wake !== null) wake();
      });
      let done = 0;
      for (let i = 0; i < rounds; i++) {
        socket.write(payload);
        if (pending < 1024) await new Promise((resolve) => (wake = resolve));
        wake = null;
        pending -= 1024;
        done++;
      }
      socket.end();
      await new Promise((resolve) => socket.once("close", resolve));
      return done;
    };
    const counts = await Promise.all(Array.from({ length: clients }, client));
    await new Promise((resolve) => server.close(resolve));
    return { value: counts.reduce((a, b) => a + b, 0) };
  }),
  W10: timed(async (n) => {
    // BENCH_W10_DEFER=1: each chunk is written back one host turn later (and
    // reading pauses at 64 KiB meanwhile), as when a loop runs the protocol
    // in its own turn: what that deferral alone costs (BENCHMARKS.md).
    const defer = process.env.BENCH_W10_DEFER === "1";
    const server = net.createServer({ allowHalfOpen: true }, defer ? deferredEcho : echo);
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const clients = Math.ceil(n / RESET_ROUNDS);
    const load = spawn(process.execPath, [
      RESET_STORM,
      String(server.address().port),
      String(clients),
      String(RESET_ROUNDS),
    ]);
    let out = "";
    load.stdout.on("data", (chunk) => {
      out += chunk;
    });
    await new Promise((resolve) => load.on("close", resolve));
    await new Promise((resolve) => server.close(resolve));
    const { finished, reset } = JSON.parse(out);
    return { value: finished, reset, ...residentAfter() };
  }),
});

/** W10's server: writes back each chunk as it arrives, ends at EOF, ignores resets. */
function echo(socket) {
  socket.setNoDelay(true);
  socket.on("data", (chunk) => socket.write(chunk));
  socket.on("end", () => socket.end());
  socket.on("error", () => {});
}

/** The same, each chunk written back from a setImmediate: BENCH_W10_DEFER's server. */
function deferredEcho(socket) {
  socket.setNoDelay(true);
  let pending = [];
  let bytes = 0;
  const flush = () => {
    const chunks = pending;
    pending = [];
    bytes = 0;
    if (socket.destroyed) return;
    for (const chunk of chunks) socket.write(chunk);
    socket.resume();
  };
  socket.on("data", (chunk) => {
    if (pending.length === 0) setImmediate(flush);
    pending.push(chunk);
    bytes += chunk.length;
    if (bytes >= 64 * 1024) socket.pause();
  });
  socket.on("end", () => socket.end());
  socket.on("error", () => {});
}
