// The asyncio-ts workload programs (the same programs as cpython.py, line for
// line), made for a given build of the library: asyncio-ts.mjs runs them on
// dist/, and ab-pair.mjs runs two builds' side by side in one process. Each
// returns `{ value }` (harness.mjs's `expected`) and what else it measured.
import { delays, memory, perTask, RESET_ROUNDS, RESET_STORM, residentAfter } from "./harness.mjs";

/**
 * W10's server on `asyncio`: echoes what comes until EOF or until the client
 * resets the connection (also bench/idle-connections.mjs's).
 */
export function echoUntilEofOn(asyncio) {
  return function* echoUntilEof(reader, writer) {
    try {
      for (;;) {
        const data = yield* reader.read(65536);
        if (data.length === 0) break;
        writer.write(data);
        yield* writer.drain();
      }
    } catch (e) {
      if (!(e instanceof asyncio.ConnectionError)) throw e;
    }
    writer.close();
  };
}

/** The workloads W1–W10 as generator functions of their size, on `asyncio`. */
export function programs(asyncio) {
  const { Event, Queue } = asyncio;
  const now = () => performance.now() / 1000;
  function* child(i) {
    yield* asyncio.sleep(0);
    return i;
  }

  function* player(inbox, outbox, rounds) {
    for (let r = 0; r < rounds; r++) {
      const counter = yield* inbox.get();
      yield* outbox.put(counter + 1);
    }
  }

  function* waiter(event) {
    yield* event.wait();
    return 1;
  }

  function* sleeper(delay, i) {
    yield* asyncio.sleep(delay);
    return i;
  }

  let awaited = 0;
  function* recurse(depth) {
    if (depth > 1) {
      yield* recurse(depth - 1);
    } else {
      for (let i = 0; i < 100; i++, awaited++) yield* asyncio.fromPromise(Promise.resolve());
    }
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

  const echoUntilEof = echoUntilEofOn(asyncio);

  const sum = (xs) => xs.reduce((a, b) => a + b, 0);

  return {
    *W1(n) {
      const coros = [];
      for (let i = 0; i < n; i++) coros.push(child(i));
      return { value: sum(yield* asyncio.gather(...coros)) };
    },
    *W2(n) {
      let switches = 0;
      for (let i = 0; i < n; i++, switches++) yield* asyncio.sleep(0);
      return { value: switches };
    },
    *W3(n) {
      const ping = new Queue(1);
      const pong = new Queue(1);
      ping.putNowait(0);
      yield* asyncio.gather(player(ping, pong, n / 2), player(pong, ping, n / 2));
      return { value: ping.getNowait() };
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
      return { value: done };
    },
    *W5(n) {
      const ds = delays(n);
      const t0 = now();
      const coros = ds.map((d, i) => sleeper(d, i));
      const value = sum(yield* asyncio.gather(...coros));
      return { value, ok: now() - t0 >= Math.max(...ds) - 0.002 };
    },
    *W6(n) {
      const event = new Event();
      const before = memory();
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(asyncio.createTask(waiter(event)));
      yield* asyncio.sleep(0); // every task now waits in event.wait()
      const after = memory();
      event.set();
      return { value: sum(yield* asyncio.gather(...tasks)), ...perTask(before, after, n) };
    },
    *W7(n) {
      const event = new Event();
      const tasks = [];
      for (let i = 0; i < n; i++) tasks.push(asyncio.createTask(waiter(event)));
      yield* asyncio.sleep(0);
      for (const t of tasks) t.cancel();
      const results = yield* asyncio.gather(...tasks, { returnExceptions: true });
      return { value: results.filter((r) => r instanceof asyncio.CancelledError).length };
    },
    *W8(n) {
      awaited = 0;
      for (let r = 0; r < n; r++) yield* recurse(100);
      return { value: awaited };
    },
    *W9(n) {
      const clients = Math.min(100, n);
      const rounds = Math.floor(n / clients);
      // A Buffer, as bare's payload and as what a Node program reads and echoes: a
      // plain Uint8Array would cost Node a Buffer view per write, which bare does not pay.
      const payload = Buffer.alloc(1024, 120);
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
      return { value: counts.reduce((a, b) => a + b, 0) };
    },
    *W10(n) {
      const server = yield* asyncio.startServer(echoUntilEof, "127.0.0.1", 0);
      const port = server.sockets[0].getsockname()[1];
      const clients = Math.ceil(n / RESET_ROUNDS);
      const load = yield* asyncio.createSubprocessExec(
        process.execPath,
        [RESET_STORM, String(port), String(clients), String(RESET_ROUNDS)],
        { stdout: asyncio.PIPE },
      );
      const [out] = yield* load.communicate();
      server.close();
      yield* server.waitClosed();
      const { finished, reset } = JSON.parse(new TextDecoder().decode(out));
      return { value: finished, reset, ...residentAfter() };
    },
  };
}
