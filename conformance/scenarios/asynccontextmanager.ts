// Pins: contextlib.asynccontextmanager. The code before the yield runs at
// enter and the yielded value is the `as` value; the code after it runs at
// exit, awaits included. An error in the body is thrown in at the yield: a
// generator that catches it and ends suppresses it (the statement after the
// `async with` runs), one that re-raises it, or raises another, propagates
// that. A generator that never yields raises RuntimeError("generator didn't
// yield") at enter; one that yields twice, RuntimeError("generator didn't
// stop") at exit (after the body raised: "... didn't stop after athrow()"),
// and is closed (its finally runs). Cancellation of the body goes through
// the generator's except/finally as any error does.
import * as asyncio from "../../src/index.js";
import { describe, now, startClock } from "./_trace.js";

const resource = (name: string, suppress = false) =>
  asyncio.asynccontextmanager(function* resource(emit) {
    yield* asyncio.sleep(1);
    console.log(`${now()} open ${name}`);
    try {
      yield* emit(name.toUpperCase());
    } catch (e) {
      if (e instanceof asyncio.ValueError) {
        console.log(`${now()} ${name} saw ${describe(e)}`);
        if (!suppress) throw e;
      } else {
        console.log(`${now()} ${name} saw ${describe(e)}`);
        throw new asyncio.KeyError(name, { cause: e });
      }
    } finally {
      yield* asyncio.sleep(0.5);
      console.log(`${now()} close ${name}`);
    }
  });

const noYield = () =>
  asyncio.asynccontextmanager(function* noYield(_emit) {
    yield* asyncio.sleep(0);
  });

const twice = () =>
  asyncio.asynccontextmanager(function* twice(emit) {
    try {
      yield* emit(1);
    } catch (e) {
      if (!(e instanceof asyncio.ValueError)) throw e;
      console.log(`${now()} twice caught ${describe(e)}`);
    }
    try {
      yield* asyncio.sleep(0);
      yield* emit(2);
    } finally {
      console.log(`${now()} twice closed`);
    }
  });

function* use(cm: asyncio.AsyncContextManager<unknown>, raise?: Error): asyncio.Coroutine<void> {
  try {
    yield* asyncio.asyncWith(cm, function* (value) {
      console.log(`${now()} body got ${value}`);
      yield* asyncio.sleep(1);
      if (raise !== undefined) throw raise;
    });
    console.log(`${now()} after the block`);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin's `except BaseException` does, the scenario prints what the block raised, cancellation included
  } catch (e) {
    console.log(`${now()} raised ${describe(e)}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  yield* use(resource("plain"));
  yield* use(resource("failing"), new asyncio.ValueError("bad"));
  yield* use(resource("suppressing", true), new asyncio.ValueError("bad"));
  yield* use(resource("other"), new TypeError("odd"));
  yield* use(noYield());
  yield* use(twice());
  yield* use(twice(), new asyncio.ValueError("bad"));
  const task = asyncio.createTask(use(resource("cancelled")));
  yield* asyncio.sleep(1.5);
  task.cancel();
  yield* task;
}

await asyncio.run(main(), { virtualTime: true });
