/**
 * What `console.log` and `util.inspect` print: the one-line repr CPython's
 * `print` shows, not the object's fields (a Future's fields reach its loop,
 * whose dump is dozens of lines). The expected reprs are CPython 3.13's
 * without module names, addresses and source lines (the conformance scenario
 * console_reprs prints them side by side with CPython).
 */
import { inspect } from "node:util";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { reprFloat } from "../src/core/kernel/index.js";
import { runVirtual } from "./helpers.js";
import { echoLines, portOf } from "./socket-helpers.js";

function* work(x: number): asyncio.Coroutine<number> {
  yield* asyncio.sleep(1);
  return x;
}

describe("console.log prints the repr", () => {
  test("Futures in each state, a named Task, the loop", async () => {
    const seen = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const out = [inspect(loop)];
        const f = loop.createFuture<number>();
        out.push(inspect(f));
        f.addDoneCallback(function cb() {});
        out.push(inspect(f));
        const done = loop.createFuture<string>();
        done.setResult("s");
        const failed = loop.createFuture<number>();
        failed.setException(new asyncio.ValueError("boom"));
        failed.exception();
        const cancelled = loop.createFuture<number>();
        cancelled.cancel();
        out.push(inspect(done), inspect(failed), inspect(cancelled));
        const t = asyncio.createTask(work(1), { name: "worker" });
        yield* asyncio.sleep(0);
        out.push(inspect(t));
        t.cancel();
        out.push(inspect(t));
        yield* asyncio.sleep(0);
        out.push(inspect(t));
        return out;
      })(),
    );
    expect(seen).toEqual([
      "<EventLoop running=True closed=False debug=False>",
      "<Future pending>",
      "<Future pending cb=[cb()]>",
      "<Future finished result='s'>",
      "<Future finished exception=ValueError('boom')>",
      "<Future cancelled>",
      "<Task pending name='worker' coro=<coroutine> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
      "<Task cancelling name='worker' coro=<coroutine> wait_for=<Future cancelled>>",
      "<Task cancelled name='worker' coro=<coroutine>>",
    ]);
  });

  test("a Queue with items, a locked Lock with a waiter, handles", async () => {
    const seen = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const q = new asyncio.Queue<number | string>(5);
        q.putNowait(1);
        q.putNowait("two");
        const lock = new asyncio.Lock();
        yield* lock.acquire();
        const waiter = asyncio.createTask(lock.acquire());
        yield* asyncio.sleep(0);
        const h = loop.callLater(1.5, function cb() {});
        const out = [inspect(q), inspect(lock), inspect(h), inspect(loop.callSoon(() => {}))];
        waiter.cancel();
        h.cancel();
        return out;
      })(),
    );
    expect(seen).toEqual([
      "<Queue maxsize=5 _queue=[1, 'two'] tasks=2>",
      "<Lock [locked, waiters:1]>",
      "<TimerHandle when=1.5 cb()>",
      "<Handle <anonymous>()>",
    ]);
  });

  test("inside objects and arrays, at any depth and with colors, the repr stays one line", async () => {
    await runVirtual(
      (function* () {
        const f = asyncio.getRunningLoop().createFuture<number>();
        const lock = new asyncio.Lock();
        expect(inspect({ f, list: [lock] })).toBe(
          "{ f: <Future pending>, list: [ <Lock [unlocked]> ] }",
        );
        expect(inspect(f, { depth: 0 })).toBe("<Future pending>");
        expect(inspect({ a: { b: { f } } }, { depth: 5, colors: true })).toContain(
          "<Future pending>",
        );
        expect(inspect(asyncio.currentTask(), { depth: null })).not.toContain("\n");
        yield* asyncio.sleep(0);
      })(),
    );
  });

  test("objects without a running loop: a Runner, a Context, a ContextVar, a Token", () => {
    const v = new asyncio.ContextVar("v", { default: 1 });
    const token = v.set(2);
    expect([new asyncio.Runner(), asyncio.copyContext(), v, token].map((o) => inspect(o))).toEqual([
      "<Runner>",
      "<Context>",
      "<ContextVar name='v' default=1>",
      "<Token var=<ContextVar name='v' default=1>>",
    ]);
    v.reset(token);
  });

  test("every exported class with a repr prints it under util.inspect.custom", () => {
    const custom = inspect.custom as PropertyKey;
    const withRepr = Object.entries(asyncio as Record<string, unknown>).filter(
      ([, value]) =>
        typeof value === "function" &&
        value.prototype !== undefined &&
        !(value.prototype instanceof Error) &&
        value.prototype.toString !== Object.prototype.toString,
    ) as [string, { prototype: Record<PropertyKey, unknown> }][];
    expect(withRepr.map(([name]) => name)).toEqual(
      expect.arrayContaining(["Future", "Task", "EventLoop", "Queue", "Lock", "StreamReader"]),
    );
    for (const [name, cls] of withRepr) {
      expect(typeof cls.prototype[custom], name).toBe("function");
    }
  });
});

test("times and deadlines print as Python's float repr (CPython 3.13's repr of each)", () => {
  const values = [1, 2.5, 1e16, 123456789012345.6, 1e-5, 0.0001, 1.5e-7, -0, 0.1 + 0.2, Infinity];
  expect(values.map(reprFloat)).toEqual([
    "1.0",
    "2.5",
    "1e+16",
    "123456789012345.6",
    "1e-05",
    "0.0001",
    "1.5e-07",
    "-0.0",
    "0.30000000000000004",
    "inf",
  ]);
});

describe("Node's streams, transports and servers print CPython's reprs (without fds)", () => {
  test("a server, a connection's reader, writer and transport, open then closed", async () => {
    const seen = await asyncio.run(
      (function* () {
        const server = yield* asyncio.startServer(echoLines, "127.0.0.1", 0);
        const port = portOf(server);
        const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
        const out = [inspect(server), inspect(reader), inspect(writer.transport)];
        writer.close();
        out.push(inspect(writer.transport));
        yield* writer.waitClosed();
        out.push(inspect(writer.transport));
        server.close();
        yield* server.waitClosed();
        out.push(inspect(server));
        return out.map((line) => line.replace(`, ${port})`, ", PORT)"));
      })(),
    );
    const transport = "<StreamTransport read=polling write=<idle, bufsize=0>>";
    expect(seen).toEqual([
      "<Server sockets=(<ServerSocket family=AF_INET, laddr=('127.0.0.1', PORT)>,)>",
      `<StreamReader transport=${transport}>`,
      transport,
      "<StreamTransport closing read=idle write=<idle, bufsize=0>>",
      "<StreamTransport closed>",
      "<Server sockets=()>",
    ]);
  });
});

describe("browsers' consoles", () => {
  test("installDevtoolsFormatter: the repr as the header, the fields as the body, once", () => {
    const host: { devtoolsFormatters?: unknown[] } = {};
    asyncio.installDevtoolsFormatter(host);
    asyncio.installDevtoolsFormatter(host);
    expect(host.devtoolsFormatters).toHaveLength(1);
    type Formatter = {
      header(value: unknown, config?: unknown): unknown;
      hasBody(value: unknown, config?: unknown): boolean;
      body(value: unknown, config?: unknown): unknown;
    };
    const formatter = host.devtoolsFormatters![0] as Formatter;
    const lock = new asyncio.Lock();
    expect(formatter.header(lock)).toEqual(["span", {}, "<Lock [unlocked]>"]);
    expect(formatter.hasBody(lock)).toBe(true);
    const body = formatter.body(lock) as [
      string,
      object,
      [string, { object: unknown; config: unknown }],
    ];
    expect(body[2][0]).toBe("object");
    expect(body[2][1].object).toBe(lock);
    // The fields' tree is the console's own: the formatter steps aside for it.
    expect(formatter.header(lock, body[2][1].config)).toBeNull();
    for (const other of [{ a: 1 }, [1], "text", null, new Error("e")]) {
      expect(formatter.header(other)).toBeNull();
      expect(formatter.hasBody(other)).toBe(false);
    }
  });
});

describe("errors keep JavaScript's printing", () => {
  test("an error prints its name, message and stack", () => {
    expect(inspect(new asyncio.CancelledError("x"))).toMatch(/^CancelledError: x\n {4}at /);
    expect(inspect(new asyncio.TimeoutError())).toMatch(/^TimeoutError\b/);
  });

  test("an ExceptionGroup prints each member once", () => {
    const group = new asyncio.ExceptionGroup("two", [
      new asyncio.ValueError("first"),
      new asyncio.RuntimeError("second"),
    ]);
    const text = inspect(group);
    expect(text).toMatch(/^ExceptionGroup: two\n/);
    expect(text.split("ValueError: first")).toHaveLength(2);
    expect(text.split("RuntimeError: second")).toHaveLength(2);
    expect(group.exceptions).toHaveLength(2);
  });
});
