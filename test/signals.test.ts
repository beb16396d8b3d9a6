/**
 * Signals on Node: loop.addSignalHandler/removeSignalHandler (CPython's
 * unix_events behaviour), run()'s Ctrl-C handling (Python 3.11+ Runner) and
 * how a process ends by it, and what holds the process open while a signal
 * handler waits; the process-level ones on real child processes receiving real
 * signals. (test/signals-conformance.test.ts compares whole programs with CPython.)
 */
import { writeFileSync } from "node:fs";
import { constants, tmpdir } from "node:os";
import { join } from "node:path";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { drive, type Outcome } from "../conformance/signals/drive.js";

describe("addSignalHandler", () => {
  test("the callback runs on the loop, with its arguments, each time the signal arrives", async () => {
    const seen: string[] = [];
    const result = await asyncio.run(
      (function* () {
        const loop = asyncio.getRunningLoop() as asyncio.EventLoop;
        const twice = loop.createFuture<string>();
        loop.addSignalHandler(
          "SIGUSR2",
          (tag: string) => {
            seen.push(`${tag} in loop: ${asyncio.getRunningLoop() === loop}`);
            if (seen.length === 2) twice.setResult("done");
            else process.kill(process.pid, "SIGUSR2");
          },
          "usr2",
        );
        process.kill(process.pid, "SIGUSR2");
        const r = yield* twice;
        expect(loop.removeSignalHandler("SIGUSR2")).toBe(true);
        expect(loop.removeSignalHandler("SIGUSR2")).toBe(false);
        return r;
      })(),
    );
    expect(result).toBe("done");
    expect(seen).toEqual(["usr2 in loop: true", "usr2 in loop: true"]);
    expect(process.listenerCount("SIGUSR2")).toBe(0);
  });

  test("a method Python passes bound (stop.set) is refused unbound at once, as callSoon refuses it", () => {
    const loop = new asyncio.EventLoop();
    const stop = new asyncio.Event();
    const fut = loop.createFuture<void>();
    expect(() => loop.addSignalHandler("SIGUSR2", stop.set)).toThrow(
      new TypeError("addSignalHandler() got Event.set unbound: bind it, or pass an arrow function"),
    );
    expect(() => loop.addSignalHandler("SIGUSR2", loop.stop)).toThrow(TypeError);
    expect(() => loop.addSignalHandler("SIGUSR2", fut.cancel)).toThrow(TypeError);
    expect(process.listenerCount("SIGUSR2")).toBe(0);
    loop.addSignalHandler("SIGUSR2", stop.set.bind(stop));
    expect(loop.removeSignalHandler("SIGUSR2")).toBe(true);
    loop.close();
  });

  test("bad signals and coroutine callbacks are refused as CPython refuses them", () => {
    const loop = new asyncio.EventLoop();
    expect(() => loop.addSignalHandler("SIGNOPE" as NodeJS.Signals, () => {})).toThrow(
      asyncio.ValueError,
    );
    expect(() => loop.addSignalHandler(12345, () => {})).toThrow("invalid signal number 12345");
    expect(() => loop.addSignalHandler({} as unknown as number, () => {})).toThrow(TypeError);
    expect(() =>
      loop.addSignalHandler("SIGUSR2", function* () {} as unknown as () => void),
    ).toThrow("coroutines cannot be used with add_signal_handler()");
    // Signals no process may catch: CPython's RuntimeError and message (Node's said "uv_signal_start EINVAL").
    const { SIGKILL, SIGSTOP } = constants.signals;
    expect(() => loop.addSignalHandler("SIGKILL", () => {})).toThrow(
      new asyncio.RuntimeError(`sig ${SIGKILL} cannot be caught`),
    );
    expect(() => loop.addSignalHandler(SIGSTOP, () => {})).toThrow(
      new asyncio.RuntimeError(`sig ${SIGSTOP} cannot be caught`),
    );
    expect(() => loop.addSignalHandler("SIGKILL", () => {})).toThrow(asyncio.RuntimeError);
    expect(process.listenerCount("SIGKILL")).toBe(0);
    loop.close();
    expect(() => loop.addSignalHandler("SIGUSR2", () => {})).toThrow("Event loop is closed");
  });

  test("closing the loop removes its signal handlers", () => {
    const loop = new asyncio.EventLoop();
    const before = process.listenerCount("SIGUSR2");
    loop.addSignalHandler("SIGUSR2", () => {});
    loop.addSignalHandler("SIGUSR2", () => {});
    expect(process.listenerCount("SIGUSR2")).toBe(before + 1);
    loop.close();
    expect(process.listenerCount("SIGUSR2")).toBe(before);
  });
});

/** Runs `body` (a module using asyncio-ts) in a child, sending `signals[i]` at its (i+1)th "ready" line. */
function runChild(body: string, signals: NodeJS.Signals[]): Promise<Outcome> {
  const entry = join(import.meta.dirname, "..", "dist", "src", "index.js");
  const script = join(tmpdir(), `asyncio-ts-signals-${process.pid}-${Math.random()}.mjs`);
  writeFileSync(script, `import * as asyncio from ${JSON.stringify(entry)};\n${body}`);
  return drive(process.execPath, [script], signals);
}

describe("Ctrl-C in run()", () => {
  test("a main task that swallows the first SIGINT is ended by the second", async () => {
    const { stdout, exit } = await runChild(
      `function* main() {
  try { console.log("ready"); yield* asyncio.sleep(3600); }
  catch (e) { console.log("swallowed " + e.name); asyncio.currentTask().uncancel(); }
  console.log("ready again");
  yield* asyncio.sleep(3600);
}
try { await asyncio.run(main()); } catch (e) { console.log("run raised " + e.name); }
`,
      ["SIGINT", "SIGINT"],
    );
    expect(stdout).toBe(
      "ready\nswallowed CancelledError\nready again\nrun raised KeyboardInterrupt\n",
    );
    expect(exit).toBe(0);
  });

  test("an unhandled KeyboardInterrupt runs the exit listeners, then ends the process by SIGINT", async () => {
    const { stdout, stderr, exit } = await runChild(
      `process.on("exit", (code) => console.log("exit listener " + code));
function* main() { console.log("ready"); yield* asyncio.sleep(3600); }
await asyncio.run(main());
`,
      ["SIGINT"],
    );
    expect(stdout).toBe("ready\nexit listener 130\n");
    expect(stderr).toMatch(/^KeyboardInterrupt\n {4}at /);
    expect(exit).toBe("SIGINT");
  });

  test("a program with its own uncaughtException handler keeps control", async () => {
    const { stdout, stderr, exit } = await runChild(
      `process.on("uncaughtException", (e) => console.log("handled " + e.name));
function* main() { console.log("ready"); yield* asyncio.sleep(3600); }
await asyncio.run(main());
`,
      ["SIGINT"],
    );
    expect({ stdout, stderr, exit }).toEqual({
      stdout: "ready\nhandled KeyboardInterrupt\n",
      stderr: "",
      exit: 0,
    });
  });
});

describe("what keeps the process alive", () => {
  const timers = (): number =>
    process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;

  test("a running loop with a signal handler holds the process; removing it, stopping or closing releases it", async () => {
    const base = timers();
    const held: number[] = [];
    const loop = new asyncio.EventLoop();
    loop.addSignalHandler("SIGUSR2", () => {});
    held.push(timers() - base);
    await loop.runUntilComplete(
      (function* (): asyncio.Coroutine<void> {
        held.push(timers() - base);
        loop.removeSignalHandler("SIGUSR2");
        held.push(timers() - base);
        loop.addSignalHandler("SIGUSR2", () => {});
        held.push(timers() - base);
      })(),
    );
    held.push(timers() - base);
    await loop.runUntilComplete(
      (function* (): asyncio.Coroutine<void> {
        held.push(timers() - base);
      })(),
    );
    loop.close();
    held.push(timers() - base);
    // Not running, running, handler removed, added again, stopped, running again, closed.
    expect(held).toEqual([0, 1, 0, 1, 0, 1, 0]);
  });

  test("without its handler, a main waiting on an Event nobody sets ends at once (Node's unsettled top-level await)", async () => {
    const { stdout, exit } = await runChild(
      `function* main() {
  const loop = asyncio.getRunningLoop();
  const stop = new asyncio.Event();
  loop.addSignalHandler("SIGTERM", () => stop.set());
  loop.removeSignalHandler("SIGTERM");
  console.log("waiting");
  try { yield* stop.wait(); } finally { console.log("never printed"); }
}
await asyncio.run(main());
`,
      [],
    );
    expect({ stdout, exit }).toEqual({ stdout: "waiting\n", exit: 13 });
  });

  test("a Runner whose run() returned holds nothing, even with its handlers still installed", async () => {
    const { stdout, exit } = await runChild(
      `const runner = new asyncio.Runner();
await runner.run((function* () {
  asyncio.getRunningLoop().addSignalHandler("SIGTERM", () => {});
})());
console.log("run returned; runner left open");
`,
      [],
    );
    expect({ stdout, exit }).toEqual({ stdout: "run returned; runner left open\n", exit: 0 });
  });
});

test("the core layer imports nothing from Node", async () => {
  const { readdirSync, readFileSync } = await import("node:fs");
  const core = join(import.meta.dirname, "..", "src", "core");
  const files = readdirSync(core, { recursive: true }) as string[];
  const offenders = files
    .filter((f) => f.endsWith(".ts"))
    .filter((f) =>
      /from "node:|require\("node:|from "\.\.\/(node|tools)\//.test(
        readFileSync(join(core, f), "utf8"),
      ),
    );
  expect(offenders).toEqual([]);
  expect(files.filter((f) => f.endsWith(".ts")).length).toBeGreaterThan(20);
});
