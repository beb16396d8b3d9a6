/**
 * A job server to look at with `asyncio-ts ps` and `asyncio-ts pstree` from
 * another terminal, as Python 3.14's documentation does with
 * `python -m asyncio ps`. Clients send one job per line over TCP; two
 * workers take the jobs from a queue; SIGTERM (or Ctrl-C) stops it.
 *
 *   npm run build && node dist/examples/job-server.js   # prints its PID and port
 *   npx asyncio-ts pstree PID
 *
 * `--debug` runs the loop in debug mode, where each Task's whole chain of
 * coroutines is recorded when it suspends (`nextJob -> worker`), not only
 * the outermost one.
 */
import * as asyncio from "asyncio-ts";

const dec = new TextDecoder();
let clients = 0;

function* nextJob(jobs: asyncio.Queue<string>): asyncio.Coroutine<string> {
  return yield* jobs.get();
}

function* worker(jobs: asyncio.Queue<string>): asyncio.Coroutine<void> {
  for (;;) {
    const job = yield* nextJob(jobs);
    yield* asyncio.sleep(0.01);
    console.log(`${asyncio.currentTask()!.getName()} did ${job}`);
    jobs.taskDone();
  }
}

function* workers(jobs: asyncio.Queue<string>): asyncio.Coroutine<void> {
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    tg.createTask(worker(jobs), { name: "worker-1" });
    tg.createTask(worker(jobs), { name: "worker-2" });
  });
}

function* client(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
  jobs: asyncio.Queue<string>,
): asyncio.Coroutine<void> {
  const name = `client-${++clients}`;
  asyncio.currentTask()!.setName(name);
  console.log(`${name} connected`);
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0) break;
    yield* jobs.put(dec.decode(line).trim());
  }
  writer.close();
  yield* writer.waitClosed();
}

function* serve(jobs: asyncio.Queue<string>, stop: asyncio.Event): asyncio.Coroutine<void> {
  const server = yield* asyncio.startServer((r, w) => client(r, w, jobs), "127.0.0.1", 0);
  const [, port] = server.sockets[0]!.getsockname();
  console.log(`pid ${process.pid} serving on port ${port}`);
  yield* asyncio.asyncWith(server, function* () {
    yield* stop.wait();
    server.closeClients();
  });
}

function* main(): asyncio.Coroutine<void> {
  const stop = new asyncio.Event();
  const loop = asyncio.getRunningLoop();
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    loop.addSignalHandler(signal, () => stop.set());
  const jobs = new asyncio.Queue<string>();
  const pool = asyncio.createTask(workers(jobs), { name: "workers" });
  yield* asyncio.createTask(serve(jobs, stop), { name: "server" });
  yield* jobs.join();
  pool.cancel();
  yield* asyncio.gather(pool, { returnExceptions: true });
  console.log("stopped");
}

await asyncio.run(main(), { debug: process.argv.includes("--debug") });
