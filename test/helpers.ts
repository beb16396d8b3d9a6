/**
 * The helpers every test file imports from (as Effection's `test/suite.ts`):
 * one documented version of each thing two test files would otherwise write
 * twice. A helper that only one file needs stays in that file; socket and TLS
 * set-ups live beside them in `socket-helpers.ts` and `tls-fixtures.ts`.
 *
 * Every loop made here runs on a virtual clock: timers fire in order without
 * waiting, so a test is deterministic and asserts orders and loop times,
 * never wall-clock durations.
 *
 * Capturing what was thrown comes in two strengths, under two names:
 * `raised`/`thrown` fail the test when nothing is thrown (use them where the
 * test expects an error); `raisedOrNothing`/`thrownOrNothing` give back
 * `NOTHING` instead (use them where the test records either outcome).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as asyncio from "asyncio-ts";
import { afterAll } from "vitest";

// Running on virtual time

/** Runs `main` with `asyncio.run` on a virtual clock. */
export function runVirtual<T>(main: asyncio.Coroutine<T>): Promise<T> {
  return asyncio.run(main, { virtualTime: true });
}

/** A new virtual-time loop, closed by the caller. */
export function virtualLoop(): asyncio.EventLoop {
  return new asyncio.EventLoop({ virtualTime: true });
}

const testLoops: asyncio.EventLoop[] = [];

/** A new virtual-time loop that `closeTestLoops` closes after the test. */
export function newLoop(): asyncio.EventLoop {
  const loop = virtualLoop();
  testLoops.push(loop);
  return loop;
}

/**
 * Closes the loops `newLoop` made; a file calls it from `afterEach`. What a
 * loop reports while closing is dropped (the test is over). A loop still
 * running is left alone: only a test that failed while awaiting it leaves one
 * so, and closing it would throw over that failure.
 */
export function closeTestLoops(): void {
  for (const loop of testLoops.splice(0)) {
    if (loop.isRunning()) continue;
    loop.setExceptionHandler(() => {});
    loop.close();
  }
}

/**
 * Runs exactly one iteration of `loop` (CPython's `test_utils.run_once`):
 * `stop()` before `runForever()` lets the iteration run what is ready, then
 * stops.
 */
export async function runOnce(loop: asyncio.EventLoop): Promise<void> {
  loop.stop();
  await loop.runForever();
}

/** Collects every context that reaches `loop`'s exception handler, in order. */
export function captureErrors(loop: asyncio.EventLoop): asyncio.ExceptionContext[] {
  const seen: asyncio.ExceptionContext[] = [];
  loop.setExceptionHandler((_loop, context) => {
    seen.push(context);
  });
  return seen;
}

/** Cancels `task` at loop time `at`, then `hops` more iterations later. */
export function cancelLater(task: asyncio.Task<unknown>, at: number, hops: number): void {
  const loop = asyncio.getRunningLoop();
  const hop = (left: number): void => {
    if (left === 0) task.cancel();
    else loop.callSoon(hop, left - 1);
  };
  loop.callLater(at, hop, hops);
}

// Coroutines the tests are made of

/** Sleeps `delay` seconds, then returns `value`. */
export function* sleepThen<T>(delay: number, value: T): asyncio.Coroutine<T> {
  yield* asyncio.sleep(delay);
  return value;
}

/** Sleeps `delay` seconds, then throws `error`. */
export function* failAfter(delay: number, error: unknown): asyncio.Coroutine<never> {
  yield* asyncio.sleep(delay);
  throw error;
}

/** Waits for `event`, which the test never sets: a Task that stays pending. */
export function* waitForever(event: asyncio.Event): asyncio.Coroutine<void> {
  yield* event.wait();
}

/** An error class with a Python-like name, for tests that mirror CPython's. */
export class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}

// What was thrown

/** What `raisedOrNothing` and `thrownOrNothing` give back when nothing was thrown. */
export const NOTHING: unique symbol = Symbol("nothing was thrown");

/** Awaits `aw` and returns what it threw; fails the test if it did not throw. */
export function* raised(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<unknown> {
  const e = yield* raisedOrNothing(aw);
  if (e === NOTHING) throw new Error("expected an exception");
  return e;
}

/**
 * Calls `body` and awaits what it gives; returns what either step threw and
 * fails the test if neither did. Unlike `raised(body())`, an error `body`
 * throws before it gives an awaitable (an argument check) is caught too.
 */
export function* raisedBy(body: () => asyncio.Awaitable<unknown>): asyncio.Coroutine<unknown> {
  const e = yield* raisedOrNothing(callThenAwait(body));
  if (e === NOTHING) throw new Error("expected an exception");
  return e;
}

/** `value` as any argument: a wrong one, which TypeScript would refuse, for a test of its error. */
export const untyped = (value: unknown): never => value as never;

/** What `body` threw (calling it, or awaiting what it gave) as "Class: message": a wrong argument's error. */
export function* failureOf(body: () => asyncio.Awaitable<unknown>): asyncio.Coroutine<string> {
  const e = (yield* raisedBy(body)) as Error;
  return `${e.constructor.name}: ${e.message}`;
}

function* callThenAwait(body: () => asyncio.Awaitable<unknown>): asyncio.Coroutine<unknown> {
  return yield* body();
}

/** Awaits `aw` and returns what it threw, or `NOTHING` if it returned. */
export function* raisedOrNothing(aw: asyncio.Awaitable<unknown>): asyncio.Coroutine<unknown> {
  try {
    yield* aw;
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
  } catch (e) {
    return e;
  }
  return NOTHING;
}

/** Calls `fn` and returns what it threw synchronously; fails the test if it returned. */
export function thrown(fn: () => unknown): unknown {
  const e = thrownOrNothing(fn);
  if (e === NOTHING) throw new Error("expected an exception");
  return e;
}

/** Calls `fn` and returns what it threw synchronously, or `NOTHING` if it returned. */
export function thrownOrNothing(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NOTHING;
}

// Garbage collection

let gc: (() => void) | undefined;

/**
 * Collects garbage and lets the host run finalisation callbacks, until
 * `done()` or 50 rounds. The collector is exposed on first use, so files that
 * never collect run without `--expose-gc`.
 */
export function* collectGarbageUntil(done: () => boolean): asyncio.Coroutine<void> {
  if (gc === undefined) {
    setFlagsFromString("--expose-gc");
    gc = runInNewContext("gc") as () => void;
  }
  for (let round = 0; round < 50 && !done(); round++) {
    gc();
    yield* asyncio.fromPromise(new Promise((resolve) => setTimeout(resolve, 2)));
  }
}

// Files

/**
 * A new directory under the system's temporary one, named from `prefix`,
 * removed with what it holds after the tests of the file (or of the
 * `describe` block) that asks for it.
 */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Bundles `entry` into `outfile` for Node and minifies it, as an
 * application's bundler would (classes and functions renamed); returns
 * `outfile`. esbuild is loaded only by the tests that call this.
 */
export async function minifiedBundle(entry: string, outfile: string): Promise<string> {
  const esbuild = await import("esbuild");
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    packages: "external",
    minify: true,
    logLevel: "error",
  });
  return outfile;
}

// Programs in a Node of their own

/**
 * Runs `body`, an ES module's code with the built package (dist/src) as
 * `asyncio`, in a Node of its own; returns what it printed. A program that
 * something keeps alive fails on a 20 s guard (what the tests that use this
 * look for: nothing left open may hold Node after `run()` returns).
 */
export async function nodeProgramOutput(body: string): Promise<string> {
  const entry = join(import.meta.dirname, "..", "dist", "src", "index.js");
  const program = `import * as asyncio from ${JSON.stringify(entry)};\n${body}`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--input-type=module", "-e", program],
    { timeout: 20_000 },
  );
  return stdout;
}
