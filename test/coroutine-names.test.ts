/**
 * Coroutine names in Task reprs, as CPython's `coro=<send_message() running
 * at x.py:3>`, wherever they can be known (core/kernel/coroutine-name.ts): from the
 * stack in debug mode or for the running Task, and from `asyncio.coroutine`,
 * which also keeps its calls' arguments for traces.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";

const file = fileURLToPath(import.meta.url);
/** The line of this file that holds `marker`, for the places reprs point at. */
const lineOf = (marker: string): number =>
  readFileSync(file, "utf8")
    .split("\n")
    .findIndex((l) => l.includes(marker)) + 1;

function* sendMessage(to: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1); // suspends here
  return `Completed message to ${to}`;
}

const wrapped = asyncio.coroutine(function* sendWrapped(to: string): asyncio.Coroutine<string> {
  yield* asyncio.sleep(1); // the wrapped one suspends here
  return to;
});

function run<T>(main: asyncio.Coroutine<T>, debug: boolean, virtualTime = true): Promise<T> {
  return asyncio.run(main, { virtualTime, debug });
}

describe("in debug mode", () => {
  test("a suspended Task names its coroutine and the line it waits at", async () => {
    const seen = await run(
      (function* () {
        const task = asyncio.createTask(sendMessage("John Doe"));
        const before = String(task);
        yield* asyncio.sleep(0);
        const during = String(task);
        yield* task;
        return [before, during, String(task)];
      })(),
      true,
    );
    // Before its first step no stack was seen: CPython would say "running at" the def line.
    expect(seen[0]).toMatch(/^<Task pending name='Task-\d+' coro=<coroutine>/);
    expect(seen[1]).toMatch(
      new RegExp(
        `^<Task pending name='Task-\\d+' coro=<sendMessage\\(\\) running at ${escapeRegExp(file)}:${lineOf("// suspends here")}> wait_for=<Future pending`,
      ),
    );
    expect(seen[2]).toMatch(
      /^<Task finished name='Task-\d+' coro=<sendMessage\(\) done> result='Completed message to John Doe'>$/,
    );
  });
});

describe("in any mode", () => {
  test("the running Task names its own coroutine and where it runs", async () => {
    function* main(): asyncio.Coroutine<string> {
      return String(asyncio.currentTask()); // the running Task's repr
    }
    const repr = await run(main(), false);
    expect(repr).toMatch(
      new RegExp(
        `^<Task pending name='Task-\\d+' coro=<main\\(\\) running at ${escapeRegExp(file)}:${lineOf("// the running Task's repr")}>`,
      ),
    );
  });

  test("a suspended Task's coroutine is unnamed outside debug mode, unless asyncio.coroutine made it", async () => {
    const seen = await run(
      (function* () {
        const plain = asyncio.createTask(sendMessage("a"));
        const named = asyncio.createTask(wrapped("b"));
        yield* asyncio.sleep(0);
        const pending = [String(plain), String(named)];
        yield* asyncio.gather(plain, named);
        return [...pending, String(named)];
      })(),
      false,
    );
    expect(seen[0]).toMatch(/^<Task pending name='Task-\d+' coro=<coroutine> wait_for=/);
    expect(seen[1]).toMatch(/^<Task pending name='Task-\d+' coro=<sendWrapped\(\)> wait_for=/);
    expect(seen[2]).toMatch(
      /^<Task finished name='Task-\d+' coro=<sendWrapped\(\) done> result='b'>$/,
    );
  });

  test("with asyncio.coroutine and debug mode, the name and the place", async () => {
    const repr = await run(
      (function* () {
        const task = asyncio.createTask(wrapped("b"));
        yield* asyncio.sleep(0);
        const during = String(task);
        yield* task;
        return during;
      })(),
      true,
    );
    expect(repr).toContain(
      `coro=<sendWrapped() running at ${file}:${lineOf("// the wrapped one suspends here")}>`,
    );
  });
});

describe("asyncio-ts's own coroutines", () => {
  /**
   * A Task made directly on each, and the name CPython 3.13 gives the same
   * Task's coroutine (`task.get_coro().__qualname__`, `coro=<Queue.get() …>`
   * in its repr): the defining class's, so a PriorityQueue's get() is
   * Queue.get and a BoundedSemaphore's acquire() Semaphore.acquire.
   * Condition.acquire is its Lock's acquire, as in CPython.
   */
  function* started(): asyncio.Coroutine<[string, asyncio.Task<unknown>][]> {
    const queue = new asyncio.Queue<number>();
    const full = new asyncio.Queue<number>(1);
    full.putNowait(0);
    const unfinished = new asyncio.Queue<number>();
    unfinished.putNowait(0);
    const held = new asyncio.Lock();
    yield* held.acquire();
    const bounded = new asyncio.BoundedSemaphore(1);
    yield* bounded.acquire();
    const condition = new asyncio.Condition();
    yield* condition.acquire();
    const tasks: [string, asyncio.Task<unknown>][] = [
      ["Queue.get", asyncio.createTask(queue.get())],
      ["Queue.put", asyncio.createTask(full.put(1))],
      ["Queue.join", asyncio.createTask(unfinished.join())],
      ["Queue.get", asyncio.createTask(new asyncio.PriorityQueue<number>().get())],
      ["Queue.get", asyncio.createTask(new asyncio.LifoQueue<number>().get())],
      ["Event.wait", asyncio.createTask(new asyncio.Event().wait())],
      ["Lock.acquire", asyncio.createTask(held.acquire())],
      ["Semaphore.acquire", asyncio.createTask(new asyncio.Semaphore(0).acquire())],
      ["Semaphore.acquire", asyncio.createTask(bounded.acquire())],
      // The lock is any Task's to release: this wait releases what this Task took.
      ["Condition.wait", asyncio.createTask(condition.wait())],
      ["Barrier.wait", asyncio.createTask(new asyncio.Barrier(2).wait())],
      ["sleep", asyncio.createTask(asyncio.sleep(1))],
      ["sleep", asyncio.createTask(asyncio.sleep(0))],
      ["StreamReader.readexactly", asyncio.createTask(new asyncio.StreamReader().readexactly(1))],
    ];
    const predicate = new asyncio.Condition();
    yield* predicate.acquire();
    tasks.push(["Condition.waitFor", asyncio.createTask(predicate.waitFor(() => false))]);
    const busy = new asyncio.Condition();
    yield* busy.acquire();
    tasks.push(["Lock.acquire", asyncio.createTask(busy.acquire())]);
    // CPython: wait_for() and wait(), the functions' own names.
    const never = asyncio.getRunningLoop().createFuture<void>();
    tasks.push(["waitFor", asyncio.createTask(asyncio.waitFor(never, 10))]);
    tasks.push(["wait", asyncio.createTask(asyncio.wait([never]))]);
    return tasks;
  }

  test("a Task made on one names it in its repr, as CPython's does", async () => {
    const seen = await run(
      (function* () {
        const tasks = yield* started();
        const reprs = tasks.map(([, task]) => String(task));
        yield* asyncio.sleep(0);
        const pending = tasks.map(([name, task]) => [name, String(task)]);
        for (const [, task] of tasks) task.cancel();
        return { reprs, pending };
      })(),
      false,
    );
    for (const [name, repr] of seen.pending) {
      expect(repr).toMatch(/^<Task pending name='Task-\d+' coro=<(.*?)\(\)>/);
      expect(/coro=<(.*?)\(\)>/.exec(repr!)?.[1]).toBe(name);
    }
    // Named before their first step too: the name is the coroutine's, not a stack's.
    for (const repr of seen.reprs) expect(repr).not.toContain("coro=<coroutine>");
  });

  test("in debug mode too, and once done", async () => {
    const seen = await run(
      (function* () {
        const queue = new asyncio.Queue<number>();
        const getter = asyncio.createTask(queue.get());
        yield* asyncio.sleep(0);
        const pending = String(getter);
        queue.putNowait(7);
        yield* getter;
        return [pending, String(getter)];
      })(),
      true,
    );
    expect(seen[0]).toMatch(/^<Task pending name='Task-\d+' coro=<Queue\.get\(\)> wait_for=/);
    expect(seen[1]).toMatch(
      /^<Task finished name='Task-\d+' coro=<Queue\.get\(\) done> result=7>$/,
    );
  });

  test("a Task made on a context manager's aenter() or aexit() names the class's method, as CPython's __aenter__", async () => {
    const seen = await run(
      (function* () {
        const timer = asyncio.timeout(5);
        const group = new asyncio.TaskGroup();
        const entering = [asyncio.createTask(timer.aenter()), asyncio.createTask(group.aenter())];
        yield* asyncio.wait(entering);
        const exiting = [asyncio.createTask(timer.aexit()), asyncio.createTask(group.aexit())];
        yield* asyncio.wait(exiting);
        return [...entering, ...exiting].map((t) => /coro=<(.*?)\(\) done>/.exec(String(t))?.[1]);
      })(),
      false,
    );
    expect(seen).toEqual([
      "Timeout.aenter",
      "TaskGroup.aenter",
      "Timeout.aexit",
      "TaskGroup.aexit",
    ]);
  });

  test("a trace labels the Task's coroutine by it", async () => {
    const trace = await run(
      (function* () {
        const tracer = asyncio.startTracing();
        const event = new asyncio.Event();
        const waiter = asyncio.createTask(event.wait(), { name: "waiter" });
        yield* asyncio.sleep(0);
        event.set();
        yield* waiter;
        return tracer.stop();
      })(),
      false,
    );
    expect(trace.tasks.find((t) => t.name === "waiter")?.coroutine).toBe("Event.wait(…)");
  });
});

/** The coroutine a Task's repr names: `coro=<NAME()…`. */
const coroOf = (task: asyncio.Future<unknown>): string | undefined =>
  /coro=<(\S+?)\(\)/.exec(String(task))?.[1];

/** What allTasks() shows beside the running Task: each coroutine name, in creation order. */
function others(): string[] {
  const current = asyncio.currentTask();
  return [...asyncio.allTasks()].filter((t) => t !== current).map((t) => coroOf(t) ?? "?");
}

describe("the coroutines asyncio-ts's functions start", () => {
  test("staggeredRace and the Tasks it starts, as CPython's staggered_race.<locals>.run_one_coro (conformance coroutine_names)", async () => {
    const seen = await run(
      (function* () {
        const attempt = function* (): asyncio.Coroutine<number> {
          yield* asyncio.sleep(5);
          return 1;
        };
        const race = asyncio.createTask(asyncio.staggeredRace([attempt, attempt], 1));
        // The second attempt started at 1; a third Task waits to see if it fails.
        yield* asyncio.sleep(1.5);
        const pending = others();
        yield* race;
        return [...pending, coroOf(race)];
      })(),
      false,
    );
    expect(seen).toEqual([
      "staggeredRace",
      "staggeredRace.<locals>.runOneCoro",
      "staggeredRace.<locals>.runOneCoro",
      "staggeredRace.<locals>.runOneCoro",
      "staggeredRace",
    ]);
  });

  test("asyncWith, asyncFor and exceptStarAsync, which Python writes as statements, name the call", async () => {
    const seen = await run(
      (function* () {
        const lock = new asyncio.Lock();
        yield* lock.acquire();
        const queue = new asyncio.Queue<number>();
        const tasks = [
          asyncio.createTask(asyncio.asyncWith(lock, function* () {})),
          asyncio.createTask(asyncio.asyncFor(asyncio.asCompleted([queue.get()]), function* () {})),
          asyncio.createTask(
            asyncio.exceptStarAsync(new asyncio.ValueError("x"), [
              asyncio.ValueError,
              function* () {
                yield* asyncio.sleep(1);
              },
            ]),
          ),
        ];
        yield* asyncio.sleep(0);
        const names = others();
        for (const t of tasks) t.cancel();
        yield* asyncio.wait(tasks);
        return names;
      })(),
      false,
    );
    // asCompleted's own Task on queue.get(), made as asyncFor's argument, comes before asyncFor's.
    expect(seen).toEqual(["asyncWith", "Queue.get", "asyncFor", "exceptStarAsync"]);
  });

  test("for await's next() and return() name the step they run", async () => {
    const seen = await run(
      (function* () {
        // An Event, not a sleep: the virtual clock does not jump while a Promise is awaited.
        const go = new asyncio.Event();
        const ticks = asyncio.asyncGenerator(function* (emit: asyncio.Emit<number>) {
          yield* go.wait();
          yield* emit(1);
        });
        const iterator = ticks[Symbol.asyncIterator]();
        const first = iterator.next();
        yield* asyncio.sleep(0);
        const stepping = others();
        go.set();
        yield* asyncio.fromPromise(first);
        const closing = iterator.return!();
        const returning = others();
        yield* asyncio.fromPromise(closing);
        return [...stepping, ...returning];
      })(),
      false,
    );
    expect(seen).toEqual(["forAwait.next", "forAwait.return"]);
  });
});

describe("the coroutines of streams and subprocesses (real I/O)", () => {
  /** A Task on `coro` and what its repr names, then its outcome awaited (a failure is kept). */
  function* named<T>(
    coro: asyncio.Coroutine<T>,
  ): asyncio.Coroutine<[string | undefined, T | undefined]> {
    const task = asyncio.createTask(coro);
    const name = coroOf(task);
    yield* asyncio.wait([task]);
    return [name, task.exception() === undefined ? task.result() : undefined];
  }

  test("openConnection, startServer and their Unix twins, as CPython's open_connection…", async () => {
    const dir = mkdtempSync(join(tmpdir(), "names-"));
    const seen = await run(
      (function* () {
        const handler = function* (_r: asyncio.StreamReader, w: asyncio.StreamWriter) {
          w.close();
        };
        const [started, server] = yield* named(asyncio.startServer(handler, "127.0.0.1", 0));
        const port = (server!.sockets[0]!.getsockname() as [string, number])[1];
        const [opened, streams] = yield* named(asyncio.openConnection("127.0.0.1", port));
        streams![1].close();
        const path = join(dir, "s.sock");
        const [startedUnix, unixServer] = yield* named(asyncio.startUnixServer(handler, path));
        const [openedUnix, unixStreams] = yield* named(asyncio.openUnixConnection(path));
        unixStreams![1].close();
        server!.close();
        unixServer!.close();
        yield* server!.waitClosed();
        yield* unixServer!.waitClosed();
        return [started, opened, startedUnix, openedUnix];
      })(),
      false,
      false,
    );
    rmSync(dir, { recursive: true, force: true });
    expect(seen).toEqual([
      "startServer",
      "openConnection",
      "startUnixServer",
      "openUnixConnection",
    ]);
  });

  test("createSubprocessExec/Shell and the Tasks a process starts, as CPython's _connect_pipes, _feed_stdin…", async () => {
    const seen = await run(
      (function* () {
        const exec = asyncio.createTask(
          asyncio.createSubprocessExec(
            process.execPath,
            ["-e", "process.stdin.pipe(process.stdout)"],
            { stdin: asyncio.PIPE, stdout: asyncio.PIPE },
          ),
        );
        const made = [coroOf(exec)];
        // The transport's Task connecting the pipes once the child runs.
        while (!others().includes("BaseSubprocessTransport._connectPipes") && !exec.done()) {
          yield* asyncio.sleep(0);
        }
        const connecting = others().filter((n) => n.startsWith("BaseSubprocess"));
        const child = yield* exec;
        const communicating = asyncio.createTask(child.communicate(new Uint8Array([1])));
        yield* asyncio.sleep(0);
        // What communicate() gathers: stdin fed, stdout read, and no stderr pipe.
        const gathered = others().filter((n) => n.startsWith("Process._"));
        yield* communicating;
        const [shell, shellChild] = yield* named(asyncio.createSubprocessShell("exit 0"));
        yield* shellChild!.wait();
        return { made: [...made, shell], connecting, gathered };
      })(),
      false,
      false,
    );
    expect(seen).toEqual({
      made: ["createSubprocessExec", "createSubprocessShell"],
      connecting: ["BaseSubprocessTransport._connectPipes"],
      gathered: ["Process._feedStdin", "Process._readStream", "Process._noop"],
    });
  });
});

describe("asyncio.coroutine", () => {
  test("makes coroutine functions: named, passing `this` and arguments, refused by callSoon", async () => {
    expect(wrapped.name).toBe("sendWrapped");
    const counter = {
      step: 2,
      add: asyncio.coroutine(function* add(this: { step: number }, n: number) {
        yield* asyncio.sleep(0);
        return n + this.step;
      }),
    };
    expect(await run(counter.add(40), false)).toBe(42);
    const loop = new asyncio.EventLoop();
    expect(() => loop.callSoon(wrapped as unknown as () => void)).toThrow(
      "coroutines cannot be used with callSoon()",
    );
    loop.close();
  });

  test("a name given is the label, whatever a bundler named the function", async () => {
    // esbuild renames `function* sendMessage` inside `const sendMessage = ...` to sendMessage2.
    const sendMessage = asyncio.coroutine(
      function* sendMessage2(to: string) {
        yield* asyncio.sleep(0);
        return to;
      },
      { name: "sendMessage" },
    );
    expect(sendMessage.name).toBe("sendMessage");
    const repr = await run(
      (function* () {
        const task = asyncio.createTask(sendMessage("x"));
        const before = String(task);
        yield* task;
        return before;
      })(),
      false,
    );
    expect(repr).toMatch(/coro=<sendMessage\(\)/);
  });

  test("while tracing, a Task's coroutine is still the one the caller made", async () => {
    const same = await run(
      (function* () {
        const tracer = asyncio.startTracing();
        const coro = wrapped("x");
        const task = asyncio.createTask(coro);
        const result = yield* task;
        tracer.stop();
        return task.getCoro() === coro && result === "x";
      })(),
      false,
    );
    expect(same).toBe(true);
  });

  test("a coroutine awaited directly reports its result, its error, or that it was closed", async () => {
    const fails = asyncio.coroutine(function* fails(): asyncio.Coroutine<never> {
      yield* asyncio.sleep(0);
      throw new asyncio.ValueError("no");
    });
    const trace = await run(
      (function* () {
        const tracer = asyncio.startTracing();
        yield* wrapped("ok");
        try {
          yield* fails();
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test captures what was raised, cancellation included
        } catch {}
        const closed = wrapped("closed");
        closed.next();
        closed.return("early");
        return tracer.stop();
      })(),
      false,
    );
    const ends = trace.events.flatMap((e) =>
      e.kind === "awaitEnded" ? [[e.call, e.outcome]] : [],
    );
    expect(ends).toEqual([
      ['sendWrapped("ok")', { kind: "returned", value: '"ok"' }],
      ["fails()", { kind: "raised", error: "ValueError: no" }],
      ['sendWrapped("closed")', { kind: "cancelled" }],
    ]);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
