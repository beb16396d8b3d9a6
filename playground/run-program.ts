/**
 * Runs a playground program, JavaScript the user may have edited: the body
 * of a function given `asyncio` and `console` that returns its `main`. A
 * generator function runs as the main coroutine of `asyncio.run` on a
 * virtual clock, traced from its first step; an async function owns its
 * loop (the seed's "loop by hand") and is given `onLoop` to trace it. What
 * it prints goes to the returned lines, not to the page's console: the
 * program gets a console of its own.
 */
import * as asyncio from "../src/browser.js";

export interface ProgramRun {
  /** What the program printed with console.log, a line per entry. */
  readonly lines: string[];
  /** The trace, if tracing began (also when the program failed part way). */
  readonly trace: asyncio.Trace | null;
  /** The error the program ended with, as `Name: message`. */
  readonly error: string | null;
  /** Whether the trace has no main coroutine (a program that owns its loop): for toMermaid. */
  readonly ownsLoop: boolean;
}

type Main = (virtualTime: boolean, onLoop: (loop: asyncio.EventLoop) => void) => unknown;

export async function runProgram(source: string): Promise<ProgramRun> {
  const lines: string[] = [];
  const print = (...args: unknown[]): void => {
    lines.push(args.map(String).join(" "));
  };
  // Only what a program writes is captured; everything else keeps the real console.
  const programConsole = { ...console, log: print, info: print };
  let tracer: asyncio.Tracer | null = null;
  let trace: asyncio.Trace | null = null;
  let ownsLoop = false;
  const stop = (): void => {
    if (tracer !== null && trace === null) trace = tracer.stop();
  };
  try {
    const main = new Function("asyncio", "console", source)(asyncio, programConsole) as unknown;
    if (typeof main !== "function")
      throw new TypeError("the program must return its main function");
    const started = (main as Main)(true, (loop) => {
      ownsLoop = true;
      tracer = asyncio.startTracing(loop);
    });
    if (isCoroutine(started)) {
      await asyncio.run(
        traced(started, (t) => (tracer = t), stop),
        { virtualTime: true },
      );
    } else {
      await started;
    }
    stop();
    return { lines, trace, error: null, ownsLoop };
  } catch (error) {
    stop();
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { lines, trace, error: message, ownsLoop };
  }
}

/** A generator function's call: what `asyncio.run` takes. */
function isCoroutine(value: unknown): value is asyncio.Coroutine<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Partial<Generator>).next === "function" &&
    typeof (value as Partial<Generator>).throw === "function"
  );
}

/** `main` as the main coroutine, traced from inside the running loop; the trace is stopped even if it fails. */
function* traced(
  main: asyncio.Coroutine<unknown>,
  started: (tracer: asyncio.Tracer) => void,
  stop: () => void,
): asyncio.Coroutine<void> {
  started(asyncio.startTracing());
  try {
    yield* main;
  } finally {
    stop();
  }
}
