import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failureOf, raisedBy, runVirtual, untyped, ZeroDivisionError } from "./helpers.js";

describe("expiry", () => {
  test("test_timeout_basic: an expired timeout raises TimeoutError caused by the CancelledError", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const cm = asyncio.timeout(0.5);
        let inside: unknown;
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(cm, function* () {
            try {
              yield* asyncio.sleep(10);
            } catch (err) {
              inside = err;
              throw err;
            }
          }),
        );
        return { e, inside, expired: cm.expired(), when: cm.when(), time: loop.time() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.inside).toBeInstanceOf(asyncio.CancelledError);
    expect((out.e as Error).cause).toBe(out.inside);
    expect(out.expired).toBe(true);
    expect(out.when).toBe(0.5);
    expect(out.time).toBe(0.5);
  });

  test("test_timeout_at_basic: timeoutAt takes an absolute loop time", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        yield* asyncio.sleep(3);
        const deadline = loop.time() + 2;
        const cm = asyncio.timeoutAt(deadline);
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(cm, function* () {
            yield* asyncio.sleep(10);
          }),
        );
        return { e, when: cm.when(), time: loop.time() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.when).toBe(5);
    expect(out.time).toBe(5);
  });

  test("the deadline of timeout() is fixed when it is called, not when it is entered", async () => {
    const when = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(5);
        yield* asyncio.sleep(2);
        return yield* asyncio.asyncWith(cm, function* (cm) {
          return cm.when();
        });
      })(),
    );
    expect(when).toBe(5);
  });

  test("test_timeout_not_called: a block that finishes in time leaves the timeout unexpired", async () => {
    const out = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(10);
        const r = yield* asyncio.asyncWith(cm, function* () {
          yield* asyncio.sleep(1);
          return "in time";
        });
        yield* asyncio.sleep(20);
        return { r, expired: cm.expired(), cancelling: asyncio.currentTask()!.cancelling() };
      })(),
    );
    expect(out).toEqual({ r: "in time", expired: false, cancelling: 0 });
  });

  test("inside the block the task sees a plain CancelledError with cancelling() one above entry", async () => {
    const out = await runVirtual(
      (function* () {
        const task = asyncio.currentTask()!;
        let seen = -1;
        yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(1), function* () {
            try {
              yield* asyncio.sleep(5);
            } catch (e) {
              seen = task.cancelling();
              throw e;
            }
          }),
        );
        return { seen, after: task.cancelling() };
      })(),
    );
    expect(out).toEqual({ seen: 1, after: 0 });
  });

  test("test_outer_task_is_not_cancelled: the task running the timeout is not cancelled", async () => {
    const out = await runVirtual(
      (function* () {
        const t = asyncio.createTask(
          (function* () {
            const e = yield* raisedBy(() =>
              asyncio.asyncWith(asyncio.timeout(0.1), function* () {
                yield* asyncio.sleep(10);
              }),
            );
            return e instanceof asyncio.TimeoutError;
          })(),
        );
        const r = yield* t;
        return { r, cancelled: t.cancelled() };
      })(),
    );
    expect(out).toEqual({ r: true, cancelled: false });
  });

  test("a body that swallows the cancellation ends normally, expired() stays true", async () => {
    const out = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(1);
        const r = yield* asyncio.asyncWith(cm, function* () {
          try {
            yield* asyncio.sleep(5);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
          } catch {
            return "swallowed";
          }
          return "not cancelled";
        });
        return { r, expired: cm.expired(), repr: String(cm) };
      })(),
    );
    expect(out).toEqual({ r: "swallowed", expired: true, repr: "<Timeout [expired]>" });
  });
});

describe("deadline edge cases", () => {
  test("test_timeout_zero_sleep_zero: timeout(0) around sleep(0) still times out", async () => {
    const e = await runVirtual(
      raisedBy(() =>
        asyncio.asyncWith(asyncio.timeout(0), function* () {
          yield* asyncio.sleep(0);
        }),
      ),
    );
    expect(e).toBeInstanceOf(asyncio.TimeoutError);
  });

  test("test_timeout_in_the_past_sleep_zero: a past deadline fires at the next iteration, not synchronously", async () => {
    const out = await runVirtual(
      (function* () {
        const order: string[] = [];
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => order.push("before"));
        const cm = asyncio.timeout(-11);
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(cm, function* () {
            order.push("entered");
            loop.callSoon(() => order.push("inside"));
            yield* asyncio.sleep(0);
          }),
        );
        return { order, e, when: cm.when() };
      })(),
    );
    expect(out.order).toEqual(["entered", "before", "inside"]);
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.when).toBe(-11);
  });

  test("a block that never awaits is not expired even with a past deadline", async () => {
    const expired = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(0);
        yield* asyncio.asyncWith(cm, function* () {});
        yield* asyncio.sleep(0);
        return cm.expired();
      })(),
    );
    expect(expired).toBe(false);
  });

  test("test_timeout_disabled, test_timeout_at_disabled: timeout(undefined) and timeoutAt(undefined) never fire", async () => {
    const out = await runVirtual(
      (function* () {
        const a = asyncio.timeout(undefined);
        const b = asyncio.timeoutAt(null);
        yield* asyncio.asyncWith(a, function* () {
          yield* asyncio.sleep(1000);
        });
        yield* asyncio.asyncWith(b, function* () {
          yield* asyncio.sleep(1000);
        });
        return [a.expired(), a.when(), b.expired(), b.when()];
      })(),
    );
    expect(out).toEqual([false, undefined, false, undefined]);
  });
});

describe("reschedule", () => {
  test("test_reschedule: reschedule moves the deadline and undefined disables it", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const started = loop.createFuture<asyncio.Timeout>();
        const deadline1 = loop.time() + 10;
        const deadline2 = deadline1 + 20;
        const task = asyncio.createTask(
          asyncio.asyncWith(asyncio.timeoutAt(deadline1), function* (cm) {
            started.setResult(cm);
            yield* asyncio.sleep(50);
          }),
        );
        const cm = yield* started;
        const whens: (number | undefined)[] = [cm.when()];
        cm.reschedule(deadline2);
        whens.push(cm.when());
        cm.reschedule(undefined);
        whens.push(cm.when());
        yield* asyncio.sleep(40);
        const doneAt40 = task.done();
        task.cancel();
        const e = yield* raisedBy(() => task);
        return { whens, doneAt40, e, expired: cm.expired() };
      })(),
    );
    expect(out.whens).toEqual([10, 30, undefined]);
    expect(out.doneAt40).toBe(false);
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect(out.expired).toBe(false);
  });

  test("an earlier deadline fires at the new time", async () => {
    const time = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(100), function* (cm) {
            cm.reschedule(loop.time() + 3);
            yield* asyncio.sleep(50);
          }),
        );
        return loop.time();
      })(),
    );
    expect(time).toBe(3);
  });

  test.each([
    ["not entered", "Timeout has not been entered"],
    ["expiring", "Cannot change state of expiring Timeout"],
    ["expired", "Cannot change state of expired Timeout"],
    ["finished", "Cannot change state of finished Timeout"],
  ])("test_timeout_*: reschedule when %s raises RuntimeError", async (state, message) => {
    const e = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(1);
        const attempt = (): unknown => {
          try {
            cm.reschedule(5);
          } catch (err) {
            return err;
          }
          return undefined;
        };
        if (state === "not entered") return attempt();
        if (state === "finished") {
          yield* asyncio.asyncWith(cm, function* () {});
          return attempt();
        }
        let err: unknown;
        yield* raisedBy(() =>
          asyncio.asyncWith(cm, function* () {
            try {
              yield* asyncio.sleep(5);
            } catch (c) {
              if (state === "expiring") err = attempt();
              throw c;
            }
          }),
        );
        return state === "expired" ? attempt() : err;
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.RuntimeError);
    expect((e as Error).message).toBe(message);
  });

  test("test_timeout_already_entered, test_timeout_double_enter: entering a Timeout twice raises", async () => {
    const out = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(1);
        let during: unknown;
        yield* asyncio.asyncWith(cm, function* () {
          during = yield* raisedBy(() => asyncio.asyncWith(cm, function* () {}));
        });
        const after = yield* raisedBy(() => asyncio.asyncWith(cm, function* () {}));
        return [during, after].map((e) => (e as Error).message);
      })(),
    );
    expect(out).toEqual(["Timeout has already been entered", "Timeout has already been entered"]);
  });

  test("test_timeout_without_task: entering outside a task raises RuntimeError", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const cm = asyncio.timeout(1);
        const got = loop.createFuture<unknown>();
        loop.callSoon(() => {
          try {
            cm.aenter().next();
            got.setResult(undefined);
          } catch (e) {
            got.setResult(e);
          }
        });
        const e = yield* got;
        let after: unknown;
        try {
          cm.reschedule(2);
        } catch (err) {
          after = err;
        }
        return [e, after].map((x) => (x as Error).message);
      })(),
    );
    expect(out).toEqual(["Timeout should be used inside a task", "Timeout has not been entered"]);
  });
});

describe("nesting and foreign cancellation", () => {
  test("test_nested_timeouts: with equal deadlines only the outermost raises TimeoutError", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const deadline = loop.time() + 0.5;
        const cm1 = asyncio.timeoutAt(deadline);
        const cm2 = asyncio.timeoutAt(deadline);
        let innerSaw: unknown;
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(cm1, function* () {
            try {
              yield* asyncio.asyncWith(cm2, function* () {
                yield* asyncio.sleep(10);
              });
            } catch (err) {
              innerSaw = err;
              throw err;
            }
          }),
        );
        return { e, innerSaw, expired: [cm1.expired(), cm2.expired()] };
      })(),
    );
    expect(out.innerSaw).toBeInstanceOf(asyncio.CancelledError);
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.expired).toEqual([true, true]);
  });

  test("test_nested_timeouts_loop_busy: an inner timeout that expires first raises inside the outer block", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const log: string[] = [];
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(3), function* () {
            const inner = yield* raisedBy(() =>
              asyncio.asyncWith(asyncio.timeout(1), function* () {
                yield* asyncio.sleep(10);
              }),
            );
            log.push(`${loop.time()} inner ${(inner as Error).name}`);
            yield* asyncio.sleep(10);
          }),
        );
        log.push(`${loop.time()} outer ${(e as Error).name}`);
        return log;
      })(),
    );
    expect(out).toEqual(["1 inner TimeoutError", "3 outer TimeoutError"]);
  });

  test("test_foreign_cancel_doesnt_timeout_if_not_expired: a foreign cancel() inside an unexpired timeout stays CancelledError", async () => {
    const out = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(10);
        const t = asyncio.createTask(
          asyncio.asyncWith(cm, function* () {
            asyncio.currentTask()!.cancel();
            yield* asyncio.sleep(10);
          }),
        );
        const e = yield* raisedBy(() => t);
        return { e, expired: cm.expired(), cancelled: t.cancelled() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect(out.e).not.toBeInstanceOf(asyncio.TimeoutError);
    expect(out.expired).toBe(false);
    expect(out.cancelled).toBe(true);
  });

  test("expiry and an outer cancel() in the same iteration: CancelledError wins", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const cm = asyncio.timeout(1);
        const t = asyncio.createTask(
          asyncio.asyncWith(cm, function* () {
            yield* asyncio.sleep(10);
          }),
        );
        loop.callLater(1, () => t.cancel("outside"));
        const e = yield* raisedBy(() => t);
        return { e, expired: cm.expired(), cancelled: t.cancelled() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.CancelledError);
    expect((out.e as Error).message).toBe("outside");
    expect(out.expired).toBe(true);
    expect(out.cancelled).toBe(true);
  });

  test("test_timeout_after_cancellation: a timeout in cleanup after a swallowed cancellation still times out", async () => {
    const e = await runVirtual(
      (function* () {
        try {
          asyncio.currentTask()!.cancel();
          yield* asyncio.sleep(1);
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
        } catch {
          // swallowed
        }
        return yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(0), function* () {
            yield* asyncio.sleep(1);
          }),
        );
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.TimeoutError);
  });

  test("test_cancel_in_timeout_after_cancellation: a cancel() inside that timeout stays CancelledError", async () => {
    const e = await runVirtual(
      (function* () {
        try {
          asyncio.currentTask()!.cancel();
          yield* asyncio.sleep(1);
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
        } catch {
          // swallowed
        }
        return yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(1), function* () {
            asyncio.currentTask()!.cancel();
            yield* asyncio.sleep(2);
          }),
        );
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.CancelledError);
  });
});

describe("foreign errors and chains", () => {
  test("test_foreign_exception_passed: an error raised in the block passes through untouched", async () => {
    const out = await runVirtual(
      (function* () {
        const cm = asyncio.timeout(1);
        const boom = new ZeroDivisionError("x");
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(cm, function* () {
            throw boom;
          }),
        );
        return { same: e === boom, cause: (e as Error).cause, expired: cm.expired() };
      })(),
    );
    expect(out).toEqual({ same: true, cause: undefined, expired: false });
  });

  test("test_foreign_exception_on_timeout: an error chained (cause) to the timeout's CancelledError gets a TimeoutError spliced in", async () => {
    const out = await runVirtual(
      (function* () {
        let cancelled: unknown;
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(0.5), function* () {
            try {
              yield* asyncio.sleep(1);
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
            } catch (c) {
              cancelled = c;
              throw new ZeroDivisionError("in cleanup", { cause: c });
            }
          }),
        );
        return { e, cancelled };
      })(),
    );
    expect(out.e).toBeInstanceOf(ZeroDivisionError);
    const te = (out.e as Error).cause;
    expect(te).toBeInstanceOf(asyncio.TimeoutError);
    expect((te as Error).cause).toBe(out.cancelled);
  });

  test("test_foreign_exception_on_timeout_2: the splice goes deeper down a cause chain", async () => {
    const out = await runVirtual(
      (function* () {
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(0.5), function* () {
            try {
              yield* asyncio.sleep(1);
              // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
            } catch (c) {
              const middle = new asyncio.ValueError("middle", { cause: c });
              throw new ZeroDivisionError("top", { cause: middle });
            }
          }),
        );
        const chain: string[] = [];
        for (let x: unknown = e; x !== undefined; x = (x as Error).cause) {
          chain.push((x as Error).name);
        }
        return chain;
      })(),
    );
    expect(out).toEqual(["ZeroDivisionError", "ValueError", "TimeoutError", "CancelledError"]);
  });

  test("test_timeout_taskgroup: a TaskGroup's errors each get the splice, the group propagates", async () => {
    const out = await runVirtual(
      (function* () {
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(0.5), function* () {
            yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
              tg.createTask(
                (function* () {
                  try {
                    yield* asyncio.sleep(2);
                    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
                  } catch (c) {
                    throw new ZeroDivisionError("crash in cleanup", { cause: c });
                  }
                })(),
              );
              yield* asyncio.sleep(1);
            });
          }),
        );
        return e;
      })(),
    );
    expect(out).toBeInstanceOf(asyncio.ExceptionGroup);
    const [member] = (out as asyncio.ExceptionGroup).exceptions as Error[];
    expect(member).toBeInstanceOf(ZeroDivisionError);
    expect(member!.cause).toBeInstanceOf(asyncio.TimeoutError);
    expect((member!.cause as Error).cause).toBeInstanceOf(asyncio.CancelledError);
  });

  test("a TaskGroup inside an expired timeout: children cancelled, TimeoutError raised", async () => {
    const out = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const cancelledAt: number[] = [];
        const child = function* (): asyncio.Coroutine<void> {
          try {
            yield* asyncio.sleep(10);
          } catch (c) {
            cancelledAt.push(loop.time());
            throw c;
          }
        };
        const e = yield* raisedBy(() =>
          asyncio.asyncWith(asyncio.timeout(2), function* () {
            yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
              tg.createTask(child());
              tg.createTask(child());
            });
          }),
        );
        return { e, cancelledAt, cancelling: asyncio.currentTask()!.cancelling() };
      })(),
    );
    expect(out.e).toBeInstanceOf(asyncio.TimeoutError);
    expect(out.cancelledAt).toEqual([2, 2]);
    expect(out.cancelling).toBe(0);
  });
});

describe("repr", () => {
  test("test_repr_active, test_repr_expired, test_repr_finished, test_repr_disabled: repr names the state: created, active with its deadline, expiring, expired, finished; a disabled Timeout is active with when=None", async () => {
    const out = await runVirtual(
      (function* () {
        const reprs: string[] = [];
        const cm = asyncio.timeout(1.25);
        reprs.push(String(cm));
        yield* asyncio.asyncWith(cm, function* () {
          reprs.push(String(cm));
          try {
            yield* asyncio.sleep(5);
            // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- the test pins what happens when a coroutine swallows or replaces its cancellation
          } catch {
            reprs.push(String(cm));
          }
        });
        reprs.push(String(cm));
        const fin = asyncio.timeout(10);
        yield* asyncio.asyncWith(fin, function* () {});
        reprs.push(String(fin));
        yield* asyncio.asyncWith(asyncio.timeout(undefined), function* (none) {
          reprs.push(String(none));
        });
        return reprs;
      })(),
    );
    expect(out).toEqual([
      "<Timeout [created]>",
      "<Timeout [active] when=1.25>",
      "<Timeout [expiring]>",
      "<Timeout [expired]>",
      "<Timeout [finished]>",
      "<Timeout [active] when=None>",
    ]);
  });

  test("a whole-number deadline prints as Python's float repr (when=10.0), rounded to 3 places", async () => {
    const out = await runVirtual(
      (function* () {
        const a = yield* asyncio.asyncWith(asyncio.timeout(10), function* (cm) {
          return String(cm);
        });
        const b = yield* asyncio.asyncWith(asyncio.timeoutAt(12.34567), function* (cm) {
          return String(cm);
        });
        return [a, b];
      })(),
    );
    expect(out).toEqual(["<Timeout [active] when=10.0>", "<Timeout [active] when=12.346>"]);
  });
});

test("TimeoutError is an OSError, as Python's built-in TimeoutError is (except OSError catches it)", () => {
  const e = new asyncio.TimeoutError();
  expect(e).toBeInstanceOf(asyncio.OSError);
  expect(e).toBeInstanceOf(asyncio.PythonError);
  expect(e).not.toBeInstanceOf(asyncio.BaseException);
  expect(e.name).toBe("TimeoutError");
  expect(new asyncio.ConnectionResetError("reset", "ECONNRESET")).toBeInstanceOf(asyncio.OSError);
  // No own `errno` without one (it would show in every printed TimeoutError).
  expect(Object.hasOwn(e, "errno")).toBe(false);
  expect(new asyncio.OSError("x", "EPIPE").errno).toBe("EPIPE");
});

test("timeout, timeoutAt and reschedule refuse what is not a number or null at once, naming themselves", async () => {
  const out = await runVirtual(
    (function* () {
      const inTimeout = (when: unknown) =>
        asyncio.asyncWith(asyncio.timeout(10), function* (cm) {
          cm.reschedule(untyped(when));
        });
      return [
        yield* failureOf(() =>
          asyncio.asyncWith(asyncio.timeout(untyped({ delay: 1 })), function* () {}),
        ),
        yield* failureOf(() => asyncio.asyncWith(asyncio.timeout(untyped("1")), function* () {})),
        yield* failureOf(() => asyncio.asyncWith(asyncio.timeoutAt(untyped("1")), function* () {})),
        yield* failureOf(() => inTimeout("1")),
        yield* failureOf(() => asyncio.asyncWith(asyncio.timeout(Number.NaN), function* () {})),
      ];
    })(),
  );
  // CPython: TypeError "unsupported operand type(s) for +: 'float' and 'dict'" from timeout(),
  // "'<=' not supported…" from reschedule; asyncio-ts once said "when must be a number" from callAt.
  expect(out).toEqual([
    "TypeError: timeout() argument 'delay' must be a number or null, not {...} (a positional argument, not an options object)",
    "TypeError: timeout() argument 'delay' must be a number or null, not '1'",
    "TypeError: timeoutAt() argument 'when' must be a number or null, not '1'",
    "TypeError: reschedule() argument 'when' must be a number or null, not '1'",
    "ValueError: Invalid delay: NaN (not a number)",
  ]);
});
