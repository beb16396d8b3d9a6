/**
 * `staggeredRace` (Python's `asyncio.staggered.staggered_race`, the engine of
 * Happy Eyeballs connects): start the coroutine functions one after another,
 * each when the previous one failed or `delay` seconds passed, and take the
 * first to succeed; the others are then cancelled.
 */
import {
  type AwaitedOf,
  type Coroutine,
  getRunningLoop,
  isExitException,
  nameCoroutines,
  type Task,
  TimeoutError,
} from "./kernel/index.js";
import { Event } from "./locks/event.js";
import { wait } from "./wait.js";
import { waitFor } from "./wait-for.js";

/**
 * `[winnerResult, winnerIndex, exceptions]`: the winner's result and index
 * (both `undefined` if none succeeded), and for every started coroutine, in
 * order, what it failed with (`undefined` for the winner).
 *
 * @python `asyncio.staggered.staggered_race` (its result; undocumented, the engine of `happy_eyeballs_delay`) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
 * @example
 * ```ts
 * const [winner, index, errors]: asyncio.StaggeredRaceResult<Socket> = yield* asyncio.staggeredRace(attempts, 0.25);
 * if (index === undefined) throw new asyncio.ExceptionGroup("all attempts failed", errors);
 * ```
 */
export type StaggeredRaceResult<T> = [T | undefined, number | undefined, unknown[]];

/**
 * Runs `coroFns` with staggered starts and returns the first success.
 * `delay` `undefined` runs them strictly one after another.
 *
 * @typeParam F - the coroutine functions' type; the winner's result is what their coroutines return.
 *
 * @python `asyncio.staggered.staggered_race` (undocumented, the engine of `happy_eyeballs_delay`) — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_connection
 * @example
 * ```ts
 * const [sock, index] = yield* asyncio.staggeredRace(
 *   addresses.map((a) => () => connect(a)),
 *   0.25,
 * );
 * ```
 */
export function staggeredRace<F extends () => Coroutine<unknown>>(
  coroFns: Iterable<F>,
  delay: number | undefined | null,
): Coroutine<StaggeredRaceResult<AwaitedOf<ReturnType<F>>>> {
  return staggeredRaceCoroutine(
    coroFns as Iterable<() => Coroutine<AwaitedOf<ReturnType<F>>>>,
    delay,
  );
}

// Named as CPython's coroutines, with the names nameCoroutines gives for
// reprs, traces and `asyncio-ts ps` (see sleep.ts): a Task made on
// staggeredRace() is coro=<staggeredRace()> (CPython: staggered_race()), and
// the Tasks it starts coro=<staggeredRace.<locals>.runOneCoro()> (CPython:
// staggered_race.<locals>.run_one_coro()). runOneCoro is a new function in
// each race, named as it is made: once per race, not per Task.
const staggeredRaceCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *staggeredRace<T>(
      coroFns: Iterable<() => Coroutine<T>>,
      delay: number | undefined | null,
    ): Coroutine<StaggeredRaceResult<T>> {
      const loop = getRunningLoop();
      const fns = coroFns[Symbol.iterator]();
      let nextIndex = 0;
      let winnerResult: T | undefined;
      let winnerIndex: number | undefined;
      const exceptions: unknown[] = [];
      const running: Task<void>[] = [];

      const runOneCoro = nameCoroutines(function* runOneCoro(
        previousFailed: Event | null,
      ): Coroutine<void> {
        if (previousFailed !== null) {
          try {
            yield* waitFor(previousFailed.wait(), delay);
          } catch (e) {
            if (!(e instanceof TimeoutError)) throw e;
          }
        }
        const next = fns.next();
        if (next.done === true) return;
        const thisIndex = nextIndex++;
        const thisFailed = new Event();
        running.push(loop.createTask(runOneCoro(thisFailed)));
        exceptions.push(undefined);
        try {
          const result = yield* next.value();
          winnerIndex = thisIndex;
          winnerResult = result;
          // Not this Task: it has no suspension point left to receive the cancellation.
          running.forEach((t, i) => {
            if (i !== thisIndex) t.cancel();
          });
        } catch (e) {
          if (isExitException(e)) throw e;
          exceptions[thisIndex] = e;
          thisFailed.set();
        }
      }, "staggeredRace.<locals>.runOneCoro");

      running.push(loop.createTask(runOneCoro(null)));
      try {
        // Wait for a growing list of Tasks until all are done.
        let doneCount = 0;
        while (doneCount !== running.length) {
          const [done] = yield* wait(running);
          doneCount = done.size;
          for (const d of done) {
            // An error escaping runOneCoro is a bug, not a failed attempt: let it be seen.
            if (!d.cancelled() && d._failed) throw d.exception();
          }
        }
        return [winnerResult, winnerIndex, exceptions];
      } finally {
        for (const t of running) t.cancel();
      }
    },
  }.staggeredRace,
  "staggeredRace",
);
