// A/B of two asyncio-ts builds on a busy machine: both builds loaded in one
// process, runs alternating in pairs (ABBA), process CPU time per run (wall
// time too). When other processes share the cores, a process per round sees
// the load more than the change; paired runs in one process see both builds
// under the same load. Prints the medians and the median of the pair ratios.
// Usage: node --expose-gc bench/ab-pair.mjs <base>/dist/src/index.js <new>/dist/src/index.js W1|W4|W6|W7|W9 [size] [pairs]
// W9 is bench/workloads' TCP echo (100 clients, 1 KiB round trips); its system
// time is the same for both builds, so compare userRatio (user CPU only).
const [baseLib, newLib, W, sizeArg = "100000", pairsArg] = process.argv.slice(2);
const { resolve } = await import("node:path");
const { pathToFileURL } = await import("node:url");
const load = (path) => import(pathToFileURL(resolve(path)).href);
const libs = { base: await load(baseLib), new: await load(newLib) };
const n = Number(sizeArg),
  pairs = Number(pairsArg ?? 15);
function makeBodies(asyncio) {
  function* child(i) {
    yield* asyncio.sleep(0);
    return i;
  }
  function* waiter(event) {
    yield* event.wait();
    return 1;
  }
  function* echo(reader, writer) {
    try {
      for (;;) {
        writer.write(yield* reader.readexactly(1024));
        yield* writer.drain();
      }
    } catch (e) {
      if (!(e instanceof asyncio.IncompleteReadError)) throw e;
    }
    writer.close();
  }
  return {
    *W9(n) {
      const clients = Math.min(100, n);
      const rounds = Math.floor(n / clients);
      const payload = new Uint8Array(1024).fill(120);
      const server = yield* asyncio.startServer(echo, "127.0.0.1", 0);
      const port = server.sockets[0].getsockname()[1];
      function* client() {
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
        let done = 0;
        for (let i = 0; i < rounds; i++) {
          writer.write(payload);
          yield* writer.drain();
          yield* reader.readexactly(1024);
          done++;
        }
        writer.close();
        yield* writer.waitClosed();
        return done;
      }
      const counts = yield* asyncio.gather(...Array.from({ length: clients }, client));
      server.close();
      yield* server.waitClosed();
      return counts.reduce((a, b) => a + b, 0);
    },
    *W1(n) {
      const coros = [];
      for (let i = 0; i < n; i++) coros.push(child(i));
      return (yield* asyncio.gather(...coros)).length;
    },
    *W4(n) {
      let done = 0;
      function* tick() {
        yield* asyncio.sleep(0);
        done++;
      }
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        for (let i = 0; i < n; i++) tg.createTask(tick());
      });
      return done;
    },
    *W6(n) {
      const event = new asyncio.Event();
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(asyncio.createTask(waiter(event)));
      yield* asyncio.sleep(0);
      event.set();
      return (yield* asyncio.gather(...tasks)).length;
    },
    *W7(n) {
      const event = new asyncio.Event();
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(asyncio.createTask(waiter(event)));
      yield* asyncio.sleep(0);
      for (const t of tasks) t.cancel();
      const results = yield* asyncio.gather(...tasks, { returnExceptions: true });
      return results.filter((r) => r instanceof asyncio.CancelledError).length;
    },
  };
}
const bodies = { base: makeBodies(libs.base)[W], new: makeBodies(libs.new)[W] };
async function once(side, size) {
  const asyncio = libs[side];
  globalThis.gc();
  return asyncio.run(
    (function* () {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const v = yield* bodies[side](size);
      const c = process.cpuUsage(c0);
      if (v !== size) throw new Error("wrong value");
      return {
        wall: (performance.now() - t0) / 1000,
        cpu: (c.user + c.system) / 1e6,
        user: c.user / 1e6,
      };
    })(),
  );
}
for (let w = 0; w < 3; w++) {
  await once("base", n / 10);
  await once("new", n / 10);
}
const r = { base: [], new: [] },
  ratios = [],
  uratios = [],
  wratios = [];
for (let p = 0; p < pairs; p++) {
  const order = p % 2 === 0 ? ["base", "new"] : ["new", "base"];
  const got = {};
  for (const side of order) got[side] = await once(side, n);
  r.base.push(got.base);
  r.new.push(got.new);
  ratios.push(got.new.cpu / got.base.cpu);
  uratios.push(got.new.user / got.base.user);
  wratios.push(got.new.wall / got.base.wall);
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(
  JSON.stringify({
    W,
    n,
    pairs,
    base: {
      cpu: med(r.base.map((x) => x.cpu)),
      user: med(r.base.map((x) => x.user)),
      wall: med(r.base.map((x) => x.wall)),
    },
    new: {
      cpu: med(r.new.map((x) => x.cpu)),
      user: med(r.new.map((x) => x.user)),
      wall: med(r.new.map((x) => x.wall)),
    },
    cpuRatio: med(ratios),
    userRatio: med(uratios),
    wallRatio: med(wratios),
    newFasterCpuPairs: ratios.filter((x) => x < 1).length,
    newFasterUserPairs: uratios.filter((x) => x < 1).length,
  }),
);
