// V8 heap kept per idle accepted connection: W10's echo server (the handler
// of asyncio-ts-programs.mjs's W10, or bare.mjs's node:net one) with N
// clients connected from a child process that sends nothing, after a forced
// GC; heapUsed with them minus heapUsed before, over N (BENCHMARKS.md, "## W10:
// where a reset storm's memory went"). Also the server's CPU time per accepted
// connection, in µs (user + system, from the first connect to the last
// accepted; machine-load dependent).
//   node --expose-gc bench/idle-connections.mjs <build>/dist/src/index.js [N=1000]
//   node --expose-gc bench/idle-connections.mjs bare [N=1000]
import { spawn } from "node:child_process";
import net from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { echoUntilEofOn } from "./workloads/asyncio-ts-programs.mjs";

const [lib, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 1000);
const settle = () => new Promise((r) => setTimeout(r, 300));

/** Heap in use after full collections (twice: finalizers of the first free more). */
function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

/** The child that connects `n` clients to `port` once told to, and holds them until its stdin ends. */
function clients(port) {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const net = require("node:net");
       process.stdin.once("data", () => {
         for (let i = 0; i < ${n}; i++) net.createConnection({ host: "127.0.0.1", port: ${port} }).on("error", () => {});
       });
       process.stdin.on("end", () => process.exit(0));
       process.stdout.write("ready\\n");`,
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  const ready = new Promise((r) => child.stdout.once("data", r));
  return { child, ready };
}

/** Measures around `accepted()`, which resolves once the server serves `n` connections. */
async function measure(port, accepted) {
  const { child, ready } = clients(port);
  await ready;
  await settle();
  const before = heapUsed();
  const cpu0 = process.cpuUsage();
  child.stdin.write("go\n");
  await accepted();
  const cpu = process.cpuUsage(cpu0);
  await settle();
  const after = heapUsed();
  child.stdin.end();
  await new Promise((r) => child.on("close", r));
  // The server's CPU time from the first connect to the last accepted (a 300 ms poll ends the wait).
  const cpuPerAccept = Math.round((cpu.user + cpu.system) / n);
  return { before, after, perConnection: Math.round((after - before) / n), cpuPerAccept };
}

let result;
if (lib === "bare") {
  let count = 0;
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    count++;
    socket.setNoDelay(true);
    socket.on("data", (chunk) => socket.write(chunk));
    socket.on("end", () => socket.end());
    socket.on("error", () => {});
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  result = await measure(server.address().port, async () => {
    while (count < n) await settle();
  });
  server.close();
} else {
  const asyncio = await import(pathToFileURL(resolve(lib)).href);
  let count = 0;
  result = await asyncio.run(
    (function* () {
      const server = yield* asyncio.startServer(echoUntilEofOn(asyncio), "127.0.0.1", 0);
      const port = server.sockets[0].getsockname()[1];
      // Node's net.Server under the ServerSocket (an internal): its connections, counted.
      server.sockets[0]._server.on("connection", () => count++);
      const r = yield* asyncio.fromPromise(
        measure(port, async () => {
          while (count < n) await settle();
        }),
      );
      server.close();
      return r;
    })(),
  );
}
console.log(JSON.stringify({ lib, n, ...result }));
