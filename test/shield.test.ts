import * as asyncio from "asyncio-ts";
import { AsyncTestError, asyncTest, runTest } from "asyncio-ts/testing";
import { describe, expect, test } from "vitest";
import { raised, runVirtual, sleepThen } from "./helpers.js";

describe("shield", () => {
  test("test_shield_result: the outer future gets the inner result", async () => {
    const r = await runVirtual(
      (function* () {
        const inner = asyncio.getRunningLoop().createFuture<number>();
        const outer = asyncio.shield(inner);
        inner.setResult(42);
        return [outer !== inner, yield* outer];
      })(),
    );
    expect(r).toEqual([true, 42]);
  });

  test("test_shield_exception: the outer future gets the very inner exception", async () => {
    const out = await runVirtual(
      (function* () {
        const inner = asyncio.getRunningLoop().createFuture<number>();
        const outer = asyncio.shield(inner);
        yield* asyncio.sleep(0);
        const err = new asyncio.RuntimeError("expected");
        inner.setException(err);
        yield* asyncio.sleep(0);
        return outer.exception() === err;
      })(),
    );
    expect(out).toBe(true);
  });

  test("test_shield_cancel_inner: cancelling the inner future cancels the outer", async () => {
    const out = await runVirtual(
      (function* () {
        const inner = asyncio.getRunningLoop().createFuture<number>();
        const outer = asyncio.shield(inner);
        yield* asyncio.sleep(0);
        inner.cancel();
        yield* asyncio.sleep(0);
        return outer.cancelled();
      })(),
    );
    expect(out).toBe(true);
  });

  test("test_shield_cancel_outer: cancelling the outer future leaves the inner pending", async () => {
    const out = await runVirtual(
      (function* () {
        const inner = asyncio.getRunningLoop().createFuture<number>();
        const outer = asyncio.shield(inner);
        yield* asyncio.sleep(0);
        outer.cancel();
        yield* asyncio.sleep(0);
        const state = { outer: outer.cancelled(), innerDone: inner.done() };
        inner.setResult(1);
        yield* asyncio.sleep(0);
        return { ...state, inner: inner.result() };
      })(),
    );
    expect(out).toEqual({ outer: true, innerDone: false, inner: 1 });
  });

  test("test_shield_shortcut: a done inner future is returned as is", async () => {
    const out = await runVirtual(
      (function* () {
        const fut = asyncio.getRunningLoop().createFuture<number>();
        fut.setResult(42);
        const s = asyncio.shield(fut);
        return [s === fut, yield* s];
      })(),
    );
    expect(out).toEqual([true, 42]);
  });

  test("test_shield_effect: cancelling the awaiting task does not reach the inner work", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        let proof = 0;
        const waiter = loop.createFuture<void>();
        const inner = function* (): asyncio.Coroutine<void> {
          yield* waiter;
          proof += 1;
        };
        const outer = asyncio.createTask(
          (function* () {
            yield* asyncio.shield(inner());
            proof += 100;
          })(),
        );
        yield* asyncio.sleep(0);
        outer.cancel();
        const e = yield* raised(outer);
        waiter.setResult(undefined);
        yield* asyncio.sleep(0);
        yield* asyncio.sleep(0);
        return { e, proof };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect(out.proof).toBe(1);
  });

  test("the inner task's later result and error are still there to await", async () => {
    const out = await runVirtual(
      (function* () {
        const ok = asyncio.createTask(sleepThen(2, "ok"));
        const bad = asyncio.createTask(
          (function* () {
            yield* asyncio.sleep(2);
            throw new asyncio.ValueError("bad");
          })(),
        );
        const waiters = [ok, bad].map((t) =>
          asyncio.createTask(
            (function* () {
              return yield* asyncio.shield(t);
            })(),
          ),
        );
        yield* asyncio.sleep(1);
        for (const w of waiters) w.cancel();
        yield* asyncio.sleep(0);
        const cancelled = waiters.map((w) => w.cancelled());
        const innerDone = [ok.done(), bad.done()];
        const r = yield* ok;
        const e = yield* raised(bad);
        return { cancelled, innerDone, r, e };
      })(),
    );
    expect(out.cancelled).toEqual([true, true]);
    expect(out.innerDone).toEqual([false, false]);
    expect(out.r).toBe("ok");
    expect(out.e).toBeInstanceOf(asyncio.ValueError);
  });

  test("an inner error after the outer was cancelled and nobody awaits it is reported as never retrieved", async () => {
    const error = await runTest(function* () {
      const inner = asyncio.createTask(
        (function* () {
          yield* asyncio.sleep(2);
          throw new asyncio.ValueError("lost");
        })(),
      );
      const outer = asyncio.shield(inner);
      yield* asyncio.sleep(1);
      outer.cancel();
      yield* asyncio.sleep(2);
      expect(inner.done()).toBe(true);
    }).catch((e: unknown) => e);
    // CPython reports when the Task is destroyed; asyncio-ts at the latest when the loop closes.
    expect(error).toBeInstanceOf(AsyncTestError);
    expect((error as AsyncTestError).findings).toEqual([
      expect.stringMatching(/^Task exception was never retrieved: ValueError: lost\n/),
    ]);
    expect((error as AsyncTestError).cause).toBeInstanceOf(asyncio.ValueError);
  });

  test(
    "an inner error arriving as the outer is cancelled is marked retrieved (no report)",
    asyncTest(function* ({ loop }) {
      const inner = loop.createFuture<number>();
      const outer = asyncio.shield(inner);
      // Both in the same step: the outer's done callback has not run yet
      // when the inner one's does, which sees the outer cancelled.
      outer.cancel();
      inner.setException(new asyncio.ValueError("dropped"));
      yield* asyncio.sleep(0);
      yield* asyncio.sleep(0);
    }),
  );

  test("test_shield_gather: shield(gather) cancelled leaves the gather running", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const c1 = loop.createFuture<number>();
        const c2 = loop.createFuture<number>();
        const parent = asyncio.gather(c1, c2);
        const outer = asyncio.shield(parent);
        yield* asyncio.sleep(0);
        outer.cancel();
        yield* asyncio.sleep(0);
        c1.setResult(1);
        c2.setResult(2);
        yield* asyncio.sleep(0);
        return { outer: outer.cancelled(), parent: parent.result() };
      })(),
    );
    expect(out).toEqual({ outer: true, parent: [1, 2] });
  });

  test("test_gather_shield: gather of shields cancelled cancels the shields, not the children", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const c1 = loop.createFuture<number>();
        const c2 = loop.createFuture<number>();
        const s1 = asyncio.shield(c1);
        const s2 = asyncio.shield(c2);
        const parent = asyncio.gather(s1, s2);
        yield* asyncio.sleep(0);
        parent.cancel();
        yield* asyncio.sleep(0);
        const state = {
          parent: parent.exception() instanceof asyncio.CancelledError,
          shields: [s1.cancelled(), s2.cancelled()],
          children: [c1.done(), c2.done()],
        };
        c1.setResult(1);
        c2.setResult(2);
        yield* asyncio.sleep(0);
        return state;
      })(),
    );
    expect(out).toEqual({ parent: true, shields: [true, true], children: [false, false] });
  });

  test("test_shield_coroutine_use_running_loop: a coroutine is wrapped in a task on the running loop", async () => {
    const out = await runVirtual(
      (function* () {
        const outer = asyncio.shield(sleepThen(0, 42));
        return [outer.getLoop() === asyncio.getRunningLoop(), yield* outer];
      })(),
    );
    expect(out).toEqual([true, 42]);
  });

  test("test_shield_coroutine_without_loop: a coroutine without any loop raises RuntimeError", () => {
    const coro = sleepThen(0, 42);
    expect(() => asyncio.shield(coro)).toThrow(/no current event loop/);
    coro.return(0);
  });
});
