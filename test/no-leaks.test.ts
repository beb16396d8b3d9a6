/**
 * No leak and nothing stuck under faults: whatever a program opened (TCP and
 * Unix sockets and servers, stream and protocol API, UDP endpoints, TLS,
 * children and their pipes, worker threads, timers, signal handlers) is
 * closed once `run()` (or `Runner.close()`) has returned, however the
 * program ended: normally, by an exception, by cancellation, by an
 * interrupt; with a peer that resets or never answers, a protocol callback
 * that throws, a fault at every point where the program waits.
 *
 * The evidence is the host's own: an async_hooks hook records each host
 * handle and request made while the program runs and hears when it is
 * destroyed, and `process.getActiveResourcesInfo()` is compared before and
 * after. A handle closing when run() returns is gone a few host turns later
 * (libuv closes in its next iteration): the check waits a bounded number of
 * turns. Sockets and processes run on the real clock, so a watchdog bounds
 * every run and fails with what was stuck rather than hanging vitest.
 */
import { createHook } from "node:async_hooks";
import { join } from "node:path";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { scratchDir } from "./helpers.js";
import { echoLines, portOf } from "./socket-helpers.js";
import { clientSSL, serverSSL } from "./tls-fixtures.js";

/**
 * The async_hooks types of host handles and requests a program may open.
 * Not TLSWRAP: Node destroys a TLS wrap when it is garbage-collected, not
 * when its socket closes (the TCPWRAP under it says that).
 */
const HOST_TYPES = new Set([
  "TCPWRAP",
  "TCPSERVERWRAP",
  "TCPCONNECTWRAP",
  "PIPEWRAP",
  "PIPESERVERWRAP",
  "PIPECONNECTWRAP",
  "UDPWRAP",
  "SENDWRAP",
  "WRITEWRAP",
  "SHUTDOWNWRAP",
  "PROCESSWRAP",
  "SIGNALWRAP",
  "WORKER",
  "Timeout",
  "GETADDRINFOREQWRAP",
]);

/** Where asyncio-ts's code made a handle: the first frame in src/ (names what leaked in a failure). */
function madeAt(stack: string | undefined): string {
  const frame = stack?.split("\n").find((line) => line.includes("/src/"));
  return frame?.replace(/^.*\/src\//, "src/").replace(/\)$/, "") ?? "(outside asyncio-ts)";
}

interface Leftovers {
  /** Host handles and requests made during the run and not destroyed after it. */
  handles: string[];
  /** Resources keeping the process alive that were not there before. */
  active: string[];
}

/** What `run` opened and left open (or still closing after `turns` host turns). */
async function leftOpen(run: () => Promise<unknown>, turns = 50): Promise<Leftovers> {
  const before = process.getActiveResourcesInfo();
  const open = new Map<number, string>();
  // The check's own timers are not the program's.
  let checking = false;
  const hook = createHook({
    init(id, type) {
      if (HOST_TYPES.has(type) && !checking) open.set(id, `${type} ${madeAt(new Error().stack)}`);
    },
    destroy(id) {
      open.delete(id);
    },
  });
  hook.enable();
  try {
    await run();
  } finally {
    for (let i = 0; i < turns && open.size > 0; i++) {
      await new Promise((resolve) => {
        checking = true;
        setTimeout(resolve, 1);
        checking = false;
      });
    }
    hook.disable();
  }
  const active = process.getActiveResourcesInfo();
  for (const r of before) {
    const i = active.indexOf(r);
    if (i >= 0) active.splice(i, 1);
  }
  return { handles: [...open.values()].sort(), active: active.sort() };
}

// --- fault injection ----------------------------------------------------------

/**
 * What is done to a program at one point:
 * - `cancel`: its Task is cancelled while it waits at its k-th suspension
 *   (counting every Future it waits on, however deep in the awaits), so what
 *   it waited on is cancelled;
 * - `lateCancel`: what it waits on at its k-th suspension completes, and its
 *   Task is cancelled before it resumes (CPython's `_must_cancel`: the
 *   CancelledError is thrown in at that await although the wait succeeded);
 * - `interrupt`: two Ctrl-Cs at its k-th suspension (`runner.interrupt()`
 *   twice: the first cancels the main Task, the second raises
 *   KeyboardInterrupt out of the loop);
 * - `raise`: its own code raises at its k-th `checkpoint()`.
 */
type Fault = "cancel" | "lateCancel" | "interrupt" | "raise";

class Injected extends Error {
  override name = "Injected";
}

/** Where the running program is, for `faultAt` and `checkpoint`. */
const counter = { n: 0, raiseAt: 0 };

/** A point in a program's own code between two awaits: `raise` throws here when its turn comes. */
function checkpoint(): void {
  if (counter.raiseAt > 0 && ++counter.n === counter.raiseAt) throw new Injected();
}

function* faultAt<T>(
  body: asyncio.Coroutine<T>,
  at: number,
  fault: Exclude<Fault, "raise">,
  runner: asyncio.Runner,
): asyncio.Coroutine<T> {
  let thrown = false;
  let value: unknown;
  for (;;) {
    const step = thrown ? body.throw(value) : body.next(value);
    if (step.done) return step.value;
    if (++counter.n === at) {
      const task = asyncio.currentTask()!;
      const awaited = step.value as Partial<asyncio.Future<unknown>> | null | undefined;
      if (fault === "interrupt") {
        runner.interrupt();
        runner.interrupt();
      } else if (fault === "lateCancel" && typeof awaited?.addDoneCallback === "function") {
        awaited.addDoneCallback(() => task.cancel());
      } else task.cancel();
    }
    try {
      value = yield step.value;
      thrown = false;
    } catch (e) {
      value = e;
      thrown = true;
    }
  }
}

const WATCHDOG_MS = 10_000;

/**
 * Runs `main` with a Runner (closed after), bounded by a watchdog: what it
 * returned or raised (by class), or the watchdog's error naming `what`.
 */
async function runBounded(
  what: string,
  main: (runner: asyncio.Runner) => asyncio.Coroutine<unknown>,
): Promise<string> {
  const runner = new asyncio.Runner();
  // What protocol callbacks raise goes to the handler: the tests look at what is left open.
  runner.getLoop().setExceptionHandler(() => {});
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`stuck: ${what} did not end within ${WATCHDOG_MS} ms`)),
      WATCHDOG_MS,
    );
  });
  try {
    const ran = (async () => {
      try {
        await runner.run(main(runner));
        return "returned";
      } catch (e) {
        return (e as Error).constructor.name;
      } finally {
        await runner.close();
      }
    })();
    return await Promise.race([ran, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

/** What `leftOpenAnyhow` found. */
interface Runs {
  /** The leftovers of each run that left any, keyed by `fault@point:outcome` (`normal:outcome` without a fault). */
  leaks: Record<string, Leftovers>;
  /** How the run without a fault ended ("returned" or the class raised). */
  normal: string;
  /** The last point each fault was put at. */
  points: Partial<Record<Fault, number>>;
}

/**
 * Runs `program` without a fault, then with each fault at its 1st, 2nd, ...
 * point until it ends before reaching the point: what each run left open.
 */
async function leftOpenAnyhow(
  what: string,
  program: () => asyncio.Coroutine<unknown>,
): Promise<Runs> {
  const runs: Runs = { leaks: {}, normal: "", points: {} };
  const record = (key: string, left: Leftovers): void => {
    if (left.handles.length > 0 || left.active.length > 0) runs.leaks[key] = left;
  };
  const left = await leftOpen(async () => {
    runs.normal = await runBounded(what, () => program());
  });
  record(`normal:${runs.normal}`, left);
  for (const fault of ["cancel", "lateCancel", "interrupt", "raise"] as const) {
    for (let at = 1; at < 400; at++) {
      counter.n = 0;
      counter.raiseAt = fault === "raise" ? at : 0;
      let outcome = "";
      const left = await leftOpen(async () => {
        outcome = await runBounded(`${what}, ${fault} at ${at}`, (runner) =>
          fault === "raise" ? program() : faultAt(program(), at, fault, runner),
        );
      });
      record(`${fault}@${at}:${outcome}`, left);
      if (counter.n < at) break;
      runs.points[fault] = at;
    }
  }
  counter.raiseAt = 0;
  return runs;
}

// --- programs -------------------------------------------------------------------

const dir = scratchDir("asyncio-ts-no-leaks-");
let socketCount = 0;

/** How a stream program reaches its server. */
interface Family {
  name: string;
  serve(handler: asyncio.ClientConnected): asyncio.Coroutine<asyncio.Server>;
  open(server: asyncio.Server): asyncio.Coroutine<[asyncio.StreamReader, asyncio.StreamWriter]>;
}

const families: Family[] = [
  {
    name: "TCP",
    serve: (handler) => asyncio.startServer(handler, "127.0.0.1", 0),
    open: (server) => asyncio.openConnection("127.0.0.1", portOf(server)),
  },
  {
    name: "Unix",
    *serve(handler) {
      return yield* asyncio.startUnixServer(handler, join(dir, `s${socketCount++}.sock`));
    },
    open: (server) => asyncio.openUnixConnection(server.sockets[0]!.getsockname() as string),
  },
  {
    name: "TLS",
    serve: (handler) => asyncio.startServer(handler, "127.0.0.1", 0, { ssl: serverSSL() }),
    open: (server) =>
      asyncio.openConnection("127.0.0.1", portOf(server), {
        ssl: clientSSL(),
        serverHostname: "localhost",
      }),
  },
];

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** What the server does with a connection. */
const peers: Record<string, asyncio.ClientConnected> = {
  echo: echoLines,
  *reset(reader, writer) {
    yield* reader.readline();
    writer.write(enc("partial"));
    writer.transport.abort();
  },
  *silent() {
    yield* new asyncio.Event().wait();
  },
  *raises(reader) {
    yield* reader.readline();
    throw new Injected();
  },
};

/** A client session: two lines out and back, a half-close, a read to EOF, close; the server closed. */
function* streamSession(family: Family, peer: asyncio.ClientConnected): asyncio.Coroutine<string> {
  const server = yield* family.serve(peer);
  try {
    checkpoint();
    const [reader, writer] = yield* family.open(server);
    try {
      checkpoint();
      return yield* asyncio.asyncWith(asyncio.timeout(0.2), function* () {
        writer.write(enc("hello\n"));
        checkpoint();
        yield* writer.drain();
        checkpoint();
        const line = yield* reader.readline();
        checkpoint();
        writer.write(enc("more\n"));
        const second = yield* reader.readline();
        checkpoint();
        // TLS cannot half-close: its session ends with the close below.
        if (!writer.canWriteEof()) return `${line.length}+${second.length}`;
        writer.writeEof();
        const rest = yield* reader.read();
        checkpoint();
        return `${line.length}+${second.length}+${rest.length}`;
      });
    } finally {
      writer.close();
      yield* writer.waitClosed();
    }
  } finally {
    // A peer that never answers keeps its connection: closed here, as waitClosed waits for it.
    server.close();
    server.closeClients();
    yield* server.waitClosed();
  }
}

const peerWords: Record<string, string> = {
  echo: "a peer that echoes",
  reset: "a peer that resets after a partial answer",
  silent: "a peer that never answers",
  raises: "a server handler that raises",
};

describe("stream connections: nothing left open after run(), however it ended", () => {
  for (const family of families) {
    for (const [peerName, peer] of Object.entries(peers)) {
      test(`${family.name}, ${peerWords[peerName]}: normally, and with a cancellation, a late cancellation, an interrupt or an exception at each point`, async () => {
        const runs = await leftOpenAnyhow(`${family.name} ${peerName}`, () =>
          streamSession(family, peer),
        );
        expect(runs.leaks).toEqual({});
        if (peerName === "echo") expect(runs.normal).toBe("returned");
        // The faults reached into the session: connect, the exchange and the closes.
        expect(runs.points.cancel).toBeGreaterThanOrEqual(4);
        expect(runs.points.raise).toBeGreaterThanOrEqual(peerName === "echo" ? 5 : 3);
      }, 120_000);
    }
  }
});

// --- protocols whose callbacks raise ----------------------------------------------

/** Where a protocol raises: one of its callbacks, or its factory. */
type Raising = "factory" | "connectionMade" | "dataReceived" | "eofReceived" | "connectionLost";

/** Echoes what it gets, closes at EOF; raises Injected in `raising`. */
class EchoProtocol extends asyncio.Protocol {
  transport: asyncio.Transport | undefined;
  constructor(
    private readonly raising: Raising | undefined,
    private readonly lost?: asyncio.Future<void>,
  ) {
    super();
  }
  override connectionMade(transport: asyncio.Transport): void {
    this.transport = transport;
    if (this.raising === "connectionMade") throw new Injected();
  }
  override dataReceived(data: Uint8Array): void {
    if (this.raising === "dataReceived") throw new Injected();
    this.transport!.write(data);
  }
  override eofReceived(): boolean | undefined {
    if (this.raising === "eofReceived") throw new Injected();
    return undefined;
  }
  override connectionLost(_exc: Error | undefined): void {
    if (this.lost !== undefined && !this.lost.done()) this.lost.setResult();
    if (this.raising === "connectionLost") throw new Injected();
  }
}

/**
 * A protocol client of a protocol echo server over `family` (TCP or Unix);
 * the client or the server side raises in `raising`. The client sends a
 * line and EOF and waits for its connection to be lost (at most 0.2 s: a
 * broken side may leave it open).
 */
function* protocolSession(
  unix: boolean,
  side: "client" | "server",
  raising: Raising,
): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const make = (mine: boolean, lost?: asyncio.Future<void>) => () => {
    if (mine && raising === "factory") throw new Injected();
    return new EchoProtocol(mine ? raising : undefined, lost);
  };
  const server = unix
    ? yield* loop.createUnixServer(make(side === "server"), join(dir, `p${socketCount++}.sock`))
    : yield* loop.createServer(make(side === "server"), "127.0.0.1", 0);
  try {
    checkpoint();
    const lost = loop.createFuture<void>();
    const [transport] = unix
      ? yield* loop.createUnixConnection(
          make(side === "client", lost),
          server.sockets[0]!.getsockname() as string,
        )
      : yield* loop.createConnection(make(side === "client", lost), "127.0.0.1", portOf(server));
    checkpoint();
    try {
      transport.write(enc("ping\n"));
      transport.writeEof();
      yield* asyncio.waitFor(asyncio.shield(lost), 0.2);
      checkpoint();
    } finally {
      transport.close();
    }
  } finally {
    server.close();
    server.closeClients();
    yield* server.waitClosed();
  }
}

describe("protocol connections whose callbacks raise: nothing left open after run()", () => {
  const raisings: Raising[] = [
    "factory",
    "connectionMade",
    "dataReceived",
    "eofReceived",
    "connectionLost",
  ];
  for (const unix of [false, true]) {
    for (const side of ["client", "server"] as const) {
      test(`${unix ? "Unix" : "TCP"}, the ${side}'s protocol raising in each of its callbacks and its factory: normally, and with each fault at each point`, async () => {
        const leaks: Record<string, unknown> = {};
        for (const raising of raisings) {
          const what = `${unix ? "Unix" : "TCP"} ${side} ${raising}`;
          const runs = await leftOpenAnyhow(what, () => protocolSession(unix, side, raising));
          for (const [key, left] of Object.entries(runs.leaks)) leaks[`${raising} ${key}`] = left;
        }
        expect(leaks).toEqual({});
      }, 120_000);
    }
  }
});

// --- UDP ------------------------------------------------------------------------

/** Answers each datagram (`answering`), or raises in `raising`. */
class UdpPeer extends asyncio.DatagramProtocol {
  transport: asyncio.DatagramTransport | undefined;
  constructor(
    private readonly raising: Raising | "datagramReceived" | undefined,
    private readonly answering: boolean,
    private readonly got?: asyncio.Future<void>,
  ) {
    super();
  }
  override connectionMade(transport: asyncio.DatagramTransport): void {
    this.transport = transport;
    if (this.raising === "connectionMade") throw new Injected();
  }
  override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
    if (this.raising === "datagramReceived") throw new Injected();
    if (this.got !== undefined && !this.got.done()) this.got.setResult();
    if (this.answering) this.transport!.sendto(data, addr);
  }
  override connectionLost(_exc: Error | undefined): void {
    if (this.raising === "connectionLost") throw new Injected();
  }
}

type UdpFault = "factory" | "connectionMade" | "datagramReceived" | "connectionLost" | "silent";

/** A client endpoint sends to an echo endpoint and waits for the answer (at most 0.2 s). */
function* udpSession(side: "client" | "server", fault: UdpFault): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const make = (mine: boolean, answering: boolean, got?: asyncio.Future<void>) => () => {
    if (mine && fault === "factory") throw new Injected();
    const raising = mine && fault !== "silent" ? fault : undefined;
    return new UdpPeer(raising, answering, got);
  };
  const [server] = yield* loop.createDatagramEndpoint(
    make(side === "server", fault !== "silent" || side !== "server"),
    { localAddr: ["127.0.0.1", 0] },
  );
  try {
    checkpoint();
    const got = loop.createFuture<void>();
    const [client] = yield* loop.createDatagramEndpoint(make(side === "client", false, got), {
      remoteAddr: server.getExtraInfo("sockname") as [string, number],
    });
    try {
      checkpoint();
      client.sendto(enc("ping"));
      yield* asyncio.waitFor(asyncio.shield(got), 0.2);
      checkpoint();
    } finally {
      client.close();
    }
  } finally {
    server.close();
  }
}

describe("UDP endpoints: nothing left open after run()", () => {
  const faults: UdpFault[] = [
    "silent",
    "factory",
    "connectionMade",
    "datagramReceived",
    "connectionLost",
  ];
  for (const side of ["client", "server"] as const) {
    test(`the ${side} never answering, or raising in its factory or a callback: normally, and with each fault at each point`, async () => {
      const leaks: Record<string, unknown> = {};
      for (const fault of faults) {
        const what = `UDP ${side} ${fault}`;
        const runs = await leftOpenAnyhow(what, () => udpSession(side, fault));
        for (const [key, left] of Object.entries(runs.leaks)) leaks[`${fault} ${key}`] = left;
      }
      expect(leaks).toEqual({});
    }, 120_000);
  }
});
