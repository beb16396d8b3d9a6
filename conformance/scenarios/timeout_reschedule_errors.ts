// Pins: the RuntimeError messages of reschedule() outside the active state
// (not entered, expiring, expired, finished) and of entering a Timeout twice
// (test_timeout_not_entered, test_timeout_expiring, test_timeout_expired,
// test_timeout_finished, test_timeout_already_entered,
// test_timeout_double_enter).
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

function attempt(label: string, fn: () => void): void {
  try {
    fn();
    console.log(`${label}: ok`);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`${label}: ${describe(e)}`);
  }
}

function* main(): asyncio.Coroutine<void> {
  const created = asyncio.timeout(1);
  attempt("created", () => created.reschedule(5));

  const expiring = asyncio.timeout(1);
  yield* asyncio.asyncWith(expiring, function* () {
    try {
      yield* asyncio.sleep(10);
      // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, the scenario swallows or replaces the cancellation to pin what CPython does then
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      console.log("body cancelled");
    }
    attempt("expiring", () => expiring.reschedule(5));
  });
  attempt("expired", () => expiring.reschedule(5));

  const cm = asyncio.timeout(1);
  yield* asyncio.asyncWith(cm, function* () {
    try {
      yield* asyncio.asyncWith(cm, function* () {});
    } catch (e) {
      if (!(e instanceof asyncio.RuntimeError)) throw e;
      console.log(`enter while active: ${describe(e)}`);
    }
  });
  attempt("finished", () => cm.reschedule(5));
  try {
    yield* asyncio.asyncWith(cm, function* () {});
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`enter after exit: ${describe(e)}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
