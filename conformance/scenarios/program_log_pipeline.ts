// Program: a log-processing pipeline of async generators, driven by an
// asyncio.Runner across several run() calls. Each stage closes its upstream
// with contextlib.aclosing, so when take() stops early every stage's finally
// runs, innermost last. A stats generator is driven by asend() and reset by
// athrow(). A context variable set in one run() is seen by the next (the
// Runner keeps one Context), and a generator left suspended by the last
// run() is closed by the Runner's shutdown_asyncgens() at close.

import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

const LINES = [
  "INFO boot",
  "ERROR disk slow",
  "INFO ready",
  "WARN cache miss",
  "ERROR timeout",
  "INFO request",
  "ERROR refused",
  "ERROR again",
];
const sourceName = new asyncio.ContextVar("source_name", { default: "?" });

function source(lines: string[], pace: number) {
  return asyncio.asyncGenerator(function* source(emit) {
    const name = sourceName.get();
    try {
      for (const [i, line] of lines.entries()) {
        yield* asyncio.sleep(pace);
        yield* emit([i, line] as const);
      }
      console.log(`${now()} source ${name} exhausted`);
    } finally {
      console.log(`${now()} source ${name} closed`);
    }
  });
}

function parse(stream: asyncio.AsyncGenerator<readonly [number, string]>) {
  return asyncio.asyncGenerator(function* parse(emit) {
    yield* asyncio.asyncWith(asyncio.aclosing(stream), function* () {
      try {
        yield* asyncio.asyncFor(stream, function* ([i, line]) {
          const space = line.indexOf(" ");
          const [level, text] =
            space < 0 ? [line, ""] : [line.slice(0, space), line.slice(space + 1)];
          yield* emit([i, level, text] as const);
        });
      } finally {
        console.log(`${now()} parse closed`);
      }
    });
  });
}

function only(level: string, stream: asyncio.AsyncGenerator<readonly [number, string, string]>) {
  return asyncio.asyncGenerator(function* only(emit) {
    yield* asyncio.asyncWith(asyncio.aclosing(stream), function* () {
      yield* asyncio.asyncFor(stream, function* ([i, lvl, text]) {
        if (lvl === level) {
          yield* emit(`#${i} ${text}`);
        }
      });
    });
  });
}

function take<T>(n: number, stream: asyncio.AsyncGenerator<T>) {
  return asyncio.asyncGenerator(function* take(emit) {
    yield* asyncio.asyncWith(asyncio.aclosing(stream), function* () {
      let count = 0;
      yield* asyncio.asyncFor(stream, function* (item) {
        yield* emit(item);
        count += 1;
        if (count === n) {
          console.log(`${now()} take has ${n}`);
          return false;
        }
        return true;
      });
    });
  });
}

function stats() {
  return asyncio.asyncGenerator(function* stats(emit: asyncio.Emit<number | undefined, number>) {
    let total = 0;
    let count = 0;
    let mean: number | undefined;
    while (true) {
      let value: number | undefined;
      try {
        value = yield* emit(mean);
      } catch (e) {
        if (!(e instanceof asyncio.ValueError)) throw e;
        console.log(`stats reset: ${describe(e)}`);
        total = count = 0;
        mean = undefined;
        continue;
      }
      total += value!;
      count += 1;
      mean = total / count;
    }
  });
}

function* firstRun(): asyncio.Coroutine<number> {
  startClock();
  sourceName.set("app.log");
  const errors: string[] = [];
  yield* asyncio.asyncFor(take(3, only("ERROR", parse(source(LINES, 0.25)))), function* (e) {
    errors.push(e);
  });
  console.log(`${now()} first three errors: ${show(errors)}`);
  return errors.length;
}

function* secondRun() {
  console.log(`${now()} second run sees source ${sourceName.get()}`);
  const s = stats();
  console.log(`primed: ${show((yield* s.asend(undefined)).value)}`);
  for (const v of [4, 8, 3]) {
    console.log(`mean after ${v}: ${show((yield* s.asend(v)).value)}`);
  }
  console.log(
    `after athrow: ${show((yield* s.athrow(new asyncio.ValueError("new window"))).value)}`,
  );
  console.log(`mean after 10: ${show((yield* s.asend(10)).value)}`);
  yield* s.aclose();
  if ((yield* s.asend(1)).done) {
    console.log("closed stats: StopAsyncIteration");
  }
  const warnings = only("WARN", parse(source(LINES, 0.125)));
  console.log(`${now()} first warning: ${yield* asyncio.anext(warnings)}`);
  return warnings;
}

const runner = new asyncio.Runner({ virtualTime: true });
try {
  console.log(`errors: ${await runner.run(firstRun())}`);
  const _leftOpen = await runner.run(secondRun());
  console.log(`runner loop time ${runner.getLoop().time().toFixed(3)}`);
} finally {
  await runner.close();
}
console.log(`runner closed, source_name outside: ${sourceName.get()}`);
