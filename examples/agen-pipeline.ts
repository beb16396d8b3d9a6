/**
 * Async generators chained into a pipeline: produce -> transform -> take the
 * first N, each stage closing the one before it with `aclosing` (Python's
 * `contextlib.aclosing`), the consumer inside a resource ported from
 * `contextlib.asynccontextmanager` (`asyncio.asynccontextmanager`), and three consumers in a TaskGroup whose
 * ValueError comes out through `exceptStar` (Python's `except*`). Prints
 * what its CPython original, examples/python/agen-pipeline.py, prints.
 *
 *   npm run build && node dist/examples/agen-pipeline.js            # real time
 *   npm run build && node dist/examples/agen-pipeline.js --virtual  # instantly
 */
import * as asyncio from "asyncio-ts";

let start = 0;

function log(message: string): void {
  const t = asyncio.getRunningLoop().time() - start;
  console.log(`${t.toFixed(1).padStart(4)}s ${message}`);
}

/** Python's `@asynccontextmanager async def resource(name)`, line by line. */
function resource(name: string) {
  return asyncio.asynccontextmanager(function* (emit) {
    log(`open ${name}`);
    try {
      yield* emit(name.toUpperCase());
    } catch (e) {
      if (e instanceof asyncio.ValueError) log(`${name} saw ValueError: ${e.message}`);
      throw e;
    } finally {
      yield* asyncio.sleep(0);
      log(`close ${name}`);
    }
  });
}

function produce(label: string, n: number) {
  return asyncio.asyncGenerator(function* produce(emit) {
    try {
      for (let i = 0; i < n; i++) {
        yield* asyncio.sleep(0.1);
        yield* emit(i);
      }
    } finally {
      log(`${label}: produce closed`);
    }
  });
}

function transform(src: asyncio.AsyncGenerator<number>) {
  return asyncio.asyncGenerator(function* transform(emit) {
    yield* asyncio.asyncWith(asyncio.aclosing(src), function* (items) {
      yield* asyncio.asyncFor(items, function* (x) {
        yield* emit(x * x);
      });
    });
  });
}

function take<T>(n: number, src: asyncio.AsyncGenerator<T>) {
  return asyncio.asyncGenerator(function* take(emit: asyncio.Emit<T>) {
    yield* asyncio.asyncWith(asyncio.aclosing(src), function* (items) {
      yield* asyncio.asyncFor(items, function* (x) {
        if (n <= 0) return false; // break
        yield* emit(x);
        n -= 1;
        return true;
      });
    });
  });
}

function* consume(label: string, n: number, failAt?: number): asyncio.Coroutine<number[]> {
  const out: number[] = [];
  const res = yield* asyncio.asyncWith(resource(label), function* (res) {
    const items = take(n, transform(produce(label, 10)));
    yield* asyncio.asyncWith(asyncio.aclosing(items), function* (items) {
      yield* asyncio.asyncFor(items, function* (x) {
        if (x === failAt) throw new asyncio.ValueError(`${label}: bad item ${x}`);
        out.push(x);
      });
    });
    return res;
  });
  log(`${res} took ${out.join(" ")}`);
  return out;
}

function* main(): asyncio.Coroutine<void> {
  start = asyncio.getRunningLoop().time();
  console.log(
    "sum:",
    (yield* consume("one", 3)).reduce((a, b) => a + b, 0),
  );
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(consume("two", 5, 4));
      tg.createTask(consume("three", 5, 16));
      tg.createTask(consume("four", 5));
    });
  } catch (e) {
    asyncio.exceptStar(
      e,
      [
        asyncio.ValueError,
        (eg) => {
          for (const x of eg.exceptions) log(`ValueError: ${x.message}`);
        },
      ],
      [asyncio.KeyError, (eg) => log(`KeyError: ${eg.exceptions.length}`)],
    );
  }
  log("after the group");
}

await asyncio.run(main(), { virtualTime: process.argv.includes("--virtual") });
