import * as asyncio from "asyncio-ts";
import { describe, expectTypeOf, test } from "vitest";

function* num(): asyncio.Coroutine<number> {
  return 1;
}

function* str(): asyncio.Coroutine<string> {
  return "s";
}

describe("yield* infers the awaited type", () => {
  test("of a coroutine, a Future, a Task and sleep", () => {
    function* main() {
      const a = yield* num();
      expectTypeOf(a).toEqualTypeOf<number>();
      const fut = asyncio.getRunningLoop().createFuture<Map<string, number>>();
      const b = yield* fut;
      expectTypeOf(b).toEqualTypeOf<Map<string, number>>();
      const task = asyncio.createTask(str());
      expectTypeOf(task).toEqualTypeOf<asyncio.Task<string>>();
      const c = yield* task;
      expectTypeOf(c).toEqualTypeOf<string>();
      const d = yield* asyncio.sleep(1, "x" as const);
      expectTypeOf(d).toEqualTypeOf<"x">();
      const e = yield* asyncio.sleep(1);
      expectTypeOf(e).toEqualTypeOf<undefined>();
      const f = yield* asyncio.sleep(1, { k: 1 });
      expectTypeOf(f).toEqualTypeOf<{ k: number }>();
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });

  test("an inferred generator function is itself a coroutine of its return type", () => {
    function* inferred() {
      const n = yield* num();
      return n > 0 ? "pos" : "neg";
    }
    function* outer() {
      return yield* inferred();
    }
    expectTypeOf(outer).returns.toExtend<asyncio.Coroutine<string>>();
  });

  test("run returns a Promise of the coroutine's type", () => {
    expectTypeOf(asyncio.run(num())).toEqualTypeOf<Promise<number>>();
    expectTypeOf(asyncio.run(Promise.resolve("x"))).toEqualTypeOf<Promise<string>>();
  });
});

describe("gather", () => {
  test("infers a tuple of the results", () => {
    function* main() {
      const fut = asyncio.getRunningLoop().createFuture<boolean>();
      const r = yield* asyncio.gather(num(), str(), fut, Promise.resolve(1n));
      expectTypeOf(r).toEqualTypeOf<[number, string, boolean, bigint]>();
      const [x, y] = yield* asyncio.gather(num(), asyncio.createTask(str()));
      expectTypeOf(x).toEqualTypeOf<number>();
      expectTypeOf(y).toEqualTypeOf<string>();
    }
    expectTypeOf(main).toBeFunction();
  });

  test("returnExceptions: true adds Error to every element", () => {
    function* main() {
      const r = yield* asyncio.gather(num(), str(), { returnExceptions: true });
      expectTypeOf(r).toEqualTypeOf<[number | Error, string | Error]>();
      const plain = yield* asyncio.gather(num(), { returnExceptions: false });
      expectTypeOf(plain).toEqualTypeOf<[number]>();
    }
    expectTypeOf(main).toBeFunction();
  });

  test("a returnExceptions only known as a boolean adds Error too (Python: return_exceptions: bool)", () => {
    function* main(flag: boolean, options: asyncio.GatherOptions) {
      expectTypeOf(yield* asyncio.gather(num(), str(), { returnExceptions: flag })).toEqualTypeOf<
        [number | Error, string | Error]
      >();
      expectTypeOf(yield* asyncio.gather(num(), options)).toEqualTypeOf<[number | Error]>();
      expectTypeOf(yield* asyncio.gather(num(), {})).toEqualTypeOf<[number]>();
      expectTypeOf(yield* asyncio.gather.from([num()], { returnExceptions: flag })).toEqualTypeOf<
        (number | Error)[]
      >();
      expectTypeOf(yield* asyncio.gather.from([num()], options)).toEqualTypeOf<
        (number | Error)[]
      >();
      expectTypeOf(yield* asyncio.gather.from([num()], { returnExceptions: false })).toEqualTypeOf<
        number[]
      >();
    }
    expectTypeOf(main).toBeFunction();
  });

  test("gather.from of awaitables of different types gives an array of the union", () => {
    function* main() {
      const fut = asyncio.getRunningLoop().createFuture<Date>();
      const mixed = [num(), asyncio.createTask(str()), fut];
      expectTypeOf(yield* asyncio.gather.from(mixed)).toEqualTypeOf<(number | string | Date)[]>();
      const tasks = new Set([asyncio.createTask(num()), asyncio.createTask(str())]);
      expectTypeOf(yield* asyncio.gather.from(tasks.values())).toEqualTypeOf<(number | string)[]>();
      expectTypeOf(yield* asyncio.gather.from([Promise.resolve(1n)])).toEqualTypeOf<bigint[]>();
      // @ts-expect-error a number is not awaitable
      yield* asyncio.gather.from([num(), 5]);
    }
    expectTypeOf(main).toBeFunction();
  });

  test("the gather is a Future of the tuple", () => {
    expectTypeOf(asyncio.gather(num(), str())).toEqualTypeOf<asyncio.Future<[number, string]>>();
  });

  test("gather.from gives an array of the iterable's results", () => {
    function* main() {
      const r = yield* asyncio.gather.from([num(), num()]);
      expectTypeOf(r).toEqualTypeOf<number[]>();
      const tasks = new Set([asyncio.createTask(str())]);
      const e = yield* asyncio.gather.from(tasks, { returnExceptions: true });
      expectTypeOf(e).toEqualTypeOf<(string | Error)[]>();
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("asyncWith", () => {
  test("returns the body's type and gives the body the entered value", () => {
    function* main() {
      const v = yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        expectTypeOf(tg).toEqualTypeOf<asyncio.TaskGroup>();
        const t = tg.createTask(num());
        expectTypeOf(t).toEqualTypeOf<asyncio.Task<number>>();
        return [yield* t, "x"] as const;
      });
      expectTypeOf(v).toEqualTypeOf<readonly [number, "x"]>();
    }
    expectTypeOf(main).toBeFunction();
  });

  test("a manager that may suppress errors makes the result possibly undefined", () => {
    const suppressing = {
      *aenter(): asyncio.Coroutine<string> {
        return "v";
      },
      *aexit(): asyncio.Coroutine<boolean> {
        return true;
      },
    };
    function* main() {
      const v = yield* asyncio.asyncWith(suppressing, function* (value) {
        expectTypeOf(value).toEqualTypeOf<string>();
        return 1;
      });
      expectTypeOf(v).toEqualTypeOf<number | undefined>();
    }
    expectTypeOf(main).toBeFunction();
  });

  test("asynccontextmanager's manager enters with the emitted value and may suppress", () => {
    const opened = (name: string) =>
      asyncio.asynccontextmanager(function* (emit) {
        yield* asyncio.sleep(0);
        yield* emit(name.length);
      });
    expectTypeOf(opened("a")).toEqualTypeOf<asyncio.AsyncContextManager<number>>();
    function* main() {
      const v = yield* asyncio.asyncWith(opened("a"), function* (size) {
        expectTypeOf(size).toEqualTypeOf<number>();
        return "done";
      });
      expectTypeOf(v).toEqualTypeOf<string | undefined>();
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("this in asyncWith and asyncFor bodies", () => {
  test("a method passes its this as the last argument and the body reads it typed", () => {
    class Registry {
      names: string[] = [];
      guard = new asyncio.Semaphore(1);
      *register(name: string): asyncio.Coroutine<number> {
        return yield* asyncio.asyncWith(
          this.guard,
          function* () {
            return this.names.push(name);
          },
          this,
        );
      }
      *registerAll(source: asyncio.AsyncGenerator<number>): asyncio.Coroutine<void> {
        yield* asyncio.asyncFor(
          source,
          function* (n) {
            expectTypeOf(n).toEqualTypeOf<number>();
            this.names.push(String(n));
          },
          this,
        );
      }
    }
    expectTypeOf(new Registry().register("a")).toEqualTypeOf<asyncio.Coroutine<number>>();
    const counter = { n: 0 };
    function* bump() {
      yield* asyncio.asyncWith(
        new asyncio.Lock(),
        function* () {
          expectTypeOf(this).toEqualTypeOf<{ n: number }>();
        },
        counter,
      );
    }
    expectTypeOf(bump).returns.toExtend<asyncio.Coroutine<void>>();
  });

  test("without it, this in the body is a compile error whose type names the fix", () => {
    class Cache {
      lock = new asyncio.Lock();
      items = new Map<string, number>();
      *put(key: string): asyncio.Coroutine<void> {
        yield* asyncio.asyncWith(this.lock, function* () {
          // @ts-expect-error Property 'items' does not exist on type '{ readonly "`this` in an asyncWith body is undefined: pass the method's `this` as asyncWith's last argument, ..." }'
          this.items.delete(key);
        });
        yield* asyncio.asyncFor(new asyncio.StreamReader(), function* () {
          // @ts-expect-error the same, naming asyncFor
          this.items.clear();
        });
      }
    }
    expectTypeOf(Cache).toBeConstructibleWith();
  });

  test("a body bound with bind, or one that does not read this, needs no last argument", () => {
    class Counter {
      lock = new asyncio.Lock();
      n = 0;
      *bump(): asyncio.Coroutine<number> {
        const self = this;
        yield* asyncio.asyncWith(this.lock, function* () {
          self.n++;
        });
        return yield* asyncio.asyncWith(
          this.lock,
          function* (this: Counter) {
            return ++this.n;
          }.bind(this),
        );
      }
    }
    expectTypeOf(new Counter().bump()).toEqualTypeOf<asyncio.Coroutine<number>>();
  });
});

describe("asCompleted", () => {
  test("the coroutines of plain iteration give T and async iteration gives Futures of T", () => {
    function* main() {
      const it = asyncio.asCompleted([num(), num()]);
      expectTypeOf(it).toEqualTypeOf<asyncio.AsCompleted<number, asyncio.Task<number>>>();
      for (const next of it) {
        const v = yield* next;
        expectTypeOf(v).toEqualTypeOf<number>();
      }
      const mixed = asyncio.asCompleted([num(), str()]);
      for (const next of mixed) expectTypeOf(yield* next).toEqualTypeOf<number | string>();
      const tasks = new Set([asyncio.createTask(num()), asyncio.createTask(str())]);
      for (const next of asyncio.asCompleted(tasks)) {
        expectTypeOf(yield* next).toEqualTypeOf<number | string>();
      }
      // @ts-expect-error a string is not awaitable
      asyncio.asCompleted([num(), "x"]);
      yield* asyncio.asyncFor(asyncio.asCompleted([asyncio.createTask(str())]), function* (f) {
        expectTypeOf(f).toEqualTypeOf<asyncio.Task<string>>();
        expectTypeOf(yield* f).toEqualTypeOf<string>();
      });
    }
    expectTypeOf(main).toBeFunction();
  });

  test("async iteration gives back the Tasks it was given, and Tasks for coroutines, as Python 3.13's does", () => {
    function* main() {
      // Python: `async for t in as_completed(tasks): print(t in tasks)` -- True each time.
      const tasks = [num(), num()].map((c) => asyncio.createTask(c));
      yield* asyncio.asyncFor(asyncio.asCompleted(tasks), function* (t) {
        expectTypeOf(t).toEqualTypeOf<asyncio.Task<number>>();
        expectTypeOf(tasks.includes(t)).toEqualTypeOf<boolean>();
      });
      const mixed = asyncio.asCompleted([num(), asyncio.createTask(str()), Promise.resolve(1n)]);
      const first = yield* mixed.anext();
      if (!first.done) {
        expectTypeOf(first.value).toEqualTypeOf<
          asyncio.Task<number> | asyncio.Task<string> | asyncio.Future<bigint>
        >();
      }
      const fromSet = asyncio.asCompleted(new Set(tasks)); // any iterable: its Tasks too
      expectTypeOf(fromSet).toEqualTypeOf<asyncio.AsCompleted<number, asyncio.Task<number>>>();
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("ExceptionGroup", () => {
  test("split and subgroup give optional groups", () => {
    const eg = new asyncio.ExceptionGroup("m", [new asyncio.ValueError()]);
    expectTypeOf(eg.exceptions).toEqualTypeOf<readonly unknown[]>();
    expectTypeOf(eg.split((e) => e instanceof TypeError)).toEqualTypeOf<
      [asyncio.BaseExceptionGroup | undefined, asyncio.BaseExceptionGroup | undefined]
    >();
    expectTypeOf(eg.subgroup((e) => e instanceof TypeError)).toEqualTypeOf<
      asyncio.BaseExceptionGroup | undefined
    >();
    const matcher: asyncio.ExceptionMatcher = asyncio.ValueError;
    expectTypeOf(eg.subgroup(matcher)).toEqualTypeOf<asyncio.BaseExceptionGroup | undefined>();
  });

  test("split and subgroup by error classes type the matching part's members (typeshed: ExceptionGroup[ValueError])", () => {
    function handle(e: unknown) {
      if (!(e instanceof asyncio.BaseExceptionGroup)) throw e;
      const [values, rest] = e.split(asyncio.ValueError);
      expectTypeOf(values).toEqualTypeOf<asyncio.ExceptStarGroup<asyncio.ValueError> | undefined>();
      expectTypeOf(rest).toEqualTypeOf<asyncio.BaseExceptionGroup | undefined>();
      for (const member of values?.exceptions ?? []) {
        // A member is an error of the class or a nested group of them, no cast needed.
        if (!(member instanceof asyncio.BaseExceptionGroup)) {
          expectTypeOf(member.message).toEqualTypeOf<string>();
        }
      }
      const network = e.subgroup([asyncio.OSError, asyncio.TimeoutError]);
      expectTypeOf(network?.exceptions).toEqualTypeOf<
        readonly (asyncio.OSError | asyncio.TimeoutError | asyncio.BaseExceptionGroup)[] | undefined
      >();
      const ranges = e.subgroup(RangeError);
      expectTypeOf(ranges).toEqualTypeOf<asyncio.ExceptStarGroup<RangeError> | undefined>();
      // @ts-expect-error a string is no matcher
      e.split("ValueError");
    }
    expectTypeOf(handle).toBeFunction();
  });

  test("exceptStar types each handler's group by its clause's class (Python's ExceptionGroup[ValueError])", () => {
    const error: unknown = new asyncio.ExceptionGroup("m", [new asyncio.ValueError("v")]);
    asyncio.exceptStar(
      error,
      [
        asyncio.ValueError,
        (group) => {
          expectTypeOf(group.exceptions).toEqualTypeOf<
            readonly (asyncio.ValueError | asyncio.BaseExceptionGroup)[]
          >();
          expectTypeOf(group.exceptions.map((e) => e.message)).toEqualTypeOf<string[]>();
        },
      ],
      [
        [asyncio.KeyError, asyncio.TimeoutError],
        (group) => {
          expectTypeOf(group.exceptions[0]!).toEqualTypeOf<
            asyncio.KeyError | asyncio.TimeoutError | asyncio.BaseExceptionGroup
          >();
        },
      ],
      [
        (e) => e instanceof RangeError,
        (group) => expectTypeOf(group.exceptions).toEqualTypeOf<readonly unknown[]>(),
      ],
    );
    function* main() {
      yield* asyncio.exceptStarAsync(error, [
        asyncio.OSError,
        function* (group) {
          expectTypeOf(group.exceptions[0]!).toEqualTypeOf<
            asyncio.OSError | asyncio.BaseExceptionGroup
          >();
        },
      ]);
    }
    const clause: asyncio.ExceptStarClause = [
      asyncio.TimeoutError,
      (group) => group.exceptions.length,
    ];
    asyncio.exceptStar(error, clause);
    void main;
  });
});

describe("what a port of everyday asyncio code gets without annotations", () => {
  test("timeouts, Tasks, Futures, queues, locks, context variables, executors and runners", () => {
    function* main() {
      const loop = asyncio.getRunningLoop();
      // async with asyncio.timeout(1) as cm: return await num()
      const v = yield* asyncio.asyncWith(asyncio.timeout(1), function* (cm) {
        expectTypeOf(cm).toEqualTypeOf<asyncio.Timeout>();
        return yield* num();
      });
      expectTypeOf(v).toEqualTypeOf<number>();
      expectTypeOf(
        yield* asyncio.asyncWith(asyncio.timeoutAt(loop.time() + 1), function* () {
          return "s";
        }),
      ).toEqualTypeOf<string>();

      const task = asyncio.createTask(str());
      expectTypeOf(task.result()).toEqualTypeOf<string>();
      // JavaScript throws anything, so the exception is unknown (Python: BaseException | None).
      expectTypeOf(task.exception()).toEqualTypeOf<unknown>();
      task.addDoneCallback((t) => expectTypeOf(t).toEqualTypeOf<asyncio.Task<string>>());
      task.addDoneCallback((f: asyncio.Future<unknown>) => void f);
      expectTypeOf(task.getCoro()).toEqualTypeOf<asyncio.Coroutine<string> | null>();
      const fut = loop.createFuture<Date>();
      fut.addDoneCallback((f) => expectTypeOf(f.result()).toEqualTypeOf<Date>());
      // @ts-expect-error a Future<Date> takes a Date
      fut.setResult("today");

      const q = new asyncio.Queue<number>();
      expectTypeOf(yield* q.get()).toEqualTypeOf<number>();
      expectTypeOf(new asyncio.LifoQueue<string>().getNowait()).toEqualTypeOf<string>();
      const pq = new asyncio.PriorityQueue(0, { compare: (a: [number, string], b) => a[0] - b[0] });
      expectTypeOf(pq).toEqualTypeOf<asyncio.PriorityQueue<[number, string]>>();
      // @ts-expect-error a Queue<number> takes numbers
      yield* q.put("1");

      const lock = new asyncio.Lock();
      expectTypeOf(
        yield* asyncio.asyncWith(lock, function* (entered) {
          expectTypeOf(entered).toEqualTypeOf<undefined>(); // Python: async with lock: (None)
          return 1;
        }),
      ).toEqualTypeOf<number>();
      expectTypeOf(yield* new asyncio.Event().wait()).toEqualTypeOf<true>();
      expectTypeOf(yield* new asyncio.Semaphore(2).acquire()).toEqualTypeOf<true>();
      const cond = new asyncio.Condition();
      expectTypeOf(
        yield* asyncio.asyncWith(cond, function* () {
          return yield* cond.waitFor(() => q.qsize() || null);
        }),
      ).toEqualTypeOf<number | null>();
      expectTypeOf(
        yield* asyncio.asyncWith(new asyncio.Barrier(2), function* (index) {
          return index;
        }),
      ).toEqualTypeOf<number>();

      const requestId = new asyncio.ContextVar<string>("requestId");
      expectTypeOf(requestId.get()).toEqualTypeOf<string>();
      expectTypeOf(requestId.get(null)).toEqualTypeOf<string | null>();
      const depth = new asyncio.ContextVar("depth", { default: 0 });
      expectTypeOf(depth.get()).toEqualTypeOf<number>();
      expectTypeOf(depth.set(1)).toEqualTypeOf<asyncio.Token<number>>();
      expectTypeOf(asyncio.copyContext().run((n: number) => n > 0, 1)).toEqualTypeOf<boolean>();

      expectTypeOf(
        yield* loop.runInExecutor(undefined, (n: number, s: string) => s.repeat(n), 2, "x"),
      ).toEqualTypeOf<string>();
      expectTypeOf(
        yield* asyncio.toThread(async (s: string) => s.length, "x"),
      ).toEqualTypeOf<number>();
      // @ts-expect-error the arguments are checked against the function's
      yield* asyncio.toThread((s: string) => s.length, 1);

      const fetch = asyncio.coroutine(function* fetch(url: string) {
        yield* asyncio.sleep(0);
        return url.length;
      });
      expectTypeOf(asyncio.createTask(fetch("u"))).toEqualTypeOf<asyncio.Task<number>>();
      loop.setTaskFactory(asyncio.eagerTaskFactory);
      expectTypeOf(asyncio.createTask(num(), { eagerStart: true })).toEqualTypeOf<
        asyncio.Task<number>
      >();
      const line = yield* (yield* asyncio.openConnection("h", 1))[0].readline();
      expectTypeOf(line).toEqualTypeOf<Uint8Array>(); // Python: bytes
      return v;
    }
    expectTypeOf(asyncio.run(main())).toEqualTypeOf<Promise<number>>();
    expectTypeOf(new asyncio.Runner().run(main())).toEqualTypeOf<Promise<number>>();
  });
});

describe("createTask", () => {
  test("a coroutine of a union type gives a Task of the union (Python: create_task(a() if c else b()))", () => {
    function* main(flag: boolean) {
      const task = asyncio.createTask(flag ? num() : str());
      expectTypeOf(task).toEqualTypeOf<asyncio.Task<number | string>>();
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        expectTypeOf(tg.createTask(flag ? num() : str(), { name: "either" })).toEqualTypeOf<
          asyncio.Task<number | string>
        >();
        expectTypeOf(tg.createTask(num())).toEqualTypeOf<asyncio.Task<number>>();
      });
      // An explicit type argument still works.
      expectTypeOf(asyncio.createTask<unknown>(num())).toEqualTypeOf<asyncio.Task<unknown>>();
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("wait", () => {
  test("types done and pending by the input, and takes timeout: null as Python's None", () => {
    function* main() {
      const tasks = [asyncio.createTask(num()), asyncio.createTask(str())];
      const [done, pending] = yield* asyncio.wait(tasks, { timeout: null });
      expectTypeOf(done).toEqualTypeOf<Set<asyncio.Task<number> | asyncio.Task<string>>>();
      expectTypeOf(pending).toEqualTypeOf<Set<asyncio.Task<number> | asyncio.Task<string>>>();
      for (const t of done) expectTypeOf(t.result()).toEqualTypeOf<number | string>();
      const [ready] = yield* asyncio.wait([Promise.resolve(1n)], {
        returnWhen: asyncio.FIRST_COMPLETED,
      });
      expectTypeOf(ready).toEqualTypeOf<Set<asyncio.Future<bigint>>>();
      // @ts-expect-error coroutines are refused, as in Python 3.11+: wrap them in Tasks
      yield* asyncio.wait([num()]);
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("waitFor, shield and ensureFuture", () => {
  test("give the awaited type, also of an awaitable of a union type", () => {
    function* main(
      either: asyncio.Task<number> | asyncio.Future<string>,
      branch: asyncio.Coroutine<number> | asyncio.Coroutine<string>,
    ) {
      expectTypeOf(yield* asyncio.waitFor(num(), 1)).toEqualTypeOf<number>();
      expectTypeOf(yield* asyncio.waitFor(Promise.resolve("p"), null)).toEqualTypeOf<string>();
      expectTypeOf(yield* asyncio.waitFor(either, 1)).toEqualTypeOf<number | string>();
      expectTypeOf(yield* asyncio.waitFor(branch, 1)).toEqualTypeOf<number | string>();
      expectTypeOf(asyncio.shield(num())).toEqualTypeOf<asyncio.Future<number>>();
      expectTypeOf(yield* asyncio.shield(either)).toEqualTypeOf<number | string>();
      // @ts-expect-error a number is not awaitable
      yield* asyncio.waitFor(5, 1);
    }
    function* generic<T>(fut: asyncio.Future<T>, coro: asyncio.Coroutine<T>) {
      // expectTypeOf cannot compare a type parameter: an annotation checks it.
      const value: T = yield* asyncio.waitFor(fut, 1);
      const shielded: asyncio.Future<T> = asyncio.shield(coro);
      return [value, shielded] as const;
    }
    expectTypeOf(main).toBeFunction();
    expectTypeOf(generic).toBeFunction();
  });

  test("ensureFuture gives a coroutine's Task and a Future as it is (typeshed's overloads)", () => {
    const task = asyncio.ensureFuture(num());
    expectTypeOf(task).toEqualTypeOf<asyncio.Task<number>>();
    expectTypeOf(task.cancelling()).toEqualTypeOf<number>();
    const fut = new asyncio.Future<string>();
    expectTypeOf(asyncio.ensureFuture(fut)).toEqualTypeOf<asyncio.Future<string>>();
    expectTypeOf(asyncio.ensureFuture(task)).toEqualTypeOf<asyncio.Task<number>>();
    expectTypeOf(asyncio.ensureFuture(Promise.resolve(1n))).toEqualTypeOf<asyncio.Future<bigint>>();
  });
});

describe("staggeredRace", () => {
  test("infers the winner's type from the coroutine functions, of one type or several", () => {
    function* main() {
      const [winner, index, errors] = yield* asyncio.staggeredRace(
        [() => num(), () => num()],
        0.25,
      );
      expectTypeOf(winner).toEqualTypeOf<number | undefined>();
      expectTypeOf(index).toEqualTypeOf<number | undefined>();
      expectTypeOf(errors).toEqualTypeOf<unknown[]>();
      const [mixed] = yield* asyncio.staggeredRace([num, str], null);
      expectTypeOf(mixed).toEqualTypeOf<number | string | undefined>();
      // @ts-expect-error a coroutine, not a function returning one
      yield* asyncio.staggeredRace([num()], 1);
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("what must not compile", () => {
  test("misuses are rejected", () => {
    function* main() {
      // @ts-expect-error: a number is not awaitable
      yield* 5;
      // @ts-expect-error: a coroutine's result is not a string
      const s: string = yield* num();
      // @ts-expect-error: createTask wants a coroutine, not a Promise
      asyncio.createTask(Promise.resolve(1));
      // @ts-expect-error: sleep takes seconds as a number
      yield* asyncio.sleep("1");
      // @ts-expect-error: the TaskGroup body receives a TaskGroup, not a string
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (_tg: string) {});
      // @ts-expect-error: a TaskGroup's createTask does not take eagerStart
      new asyncio.TaskGroup().createTask(num(), { eagerStart: true });
      return s;
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("the transport layer infers the protocol type", () => {
  class Echo extends asyncio.Protocol {
    lines: string[] = [];
  }
  class Buffered extends asyncio.BufferedProtocol {
    override getBuffer(): Uint8Array {
      return new Uint8Array(16);
    }
  }
  class Ping extends asyncio.DatagramProtocol {
    answers = 0;
  }
  class Child extends asyncio.SubprocessProtocol {
    out = "";
  }

  test("createConnection, createDatagramEndpoint, subprocessExec, connectReadPipe", () => {
    function* main() {
      const loop = asyncio.getRunningLoop();
      const [transport, protocol] = yield* loop.createConnection(() => new Echo(), "h", 1);
      expectTypeOf(transport).toEqualTypeOf<asyncio.Transport>();
      expectTypeOf(protocol).toEqualTypeOf<Echo>();
      const [, buffered] = yield* loop.createUnixConnection(() => new Buffered(), "/p");
      expectTypeOf(buffered).toEqualTypeOf<Buffered>();
      const [udp, ping] = yield* loop.createDatagramEndpoint(() => new Ping(), {
        localAddr: ["127.0.0.1", 0],
      });
      expectTypeOf(udp).toEqualTypeOf<asyncio.DatagramTransport>();
      expectTypeOf(ping).toEqualTypeOf<Ping>();
      const [child, proto] = yield* loop.subprocessExec(() => new Child(), "ls", ["-l"]);
      expectTypeOf(proto).toEqualTypeOf<Child>();
      expectTypeOf(child.getPipeTransport(0)).toEqualTypeOf<asyncio.WriteTransport | undefined>();
      expectTypeOf(child.getPipeTransport(1)).toEqualTypeOf<asyncio.ReadTransport | undefined>();
      const server = yield* loop.createServer(() => new Echo(), "127.0.0.1", 0);
      expectTypeOf(server).toExtend<asyncio.Server>();
      // A TCP server's address is [host, port] with no cast (Python: getsockname()[1]).
      const [host, port] = server.sockets[0]!.getsockname();
      expectTypeOf(host).toEqualTypeOf<string>();
      expectTypeOf(port).toEqualTypeOf<number>();
      const streams = yield* asyncio.startServer(function* () {}, "127.0.0.1", 0);
      expectTypeOf(streams.sockets[0]!.getsockname()[1]).toEqualTypeOf<number>();
      const unix = yield* asyncio.startUnixServer(function* () {}, "/tmp/s.sock");
      expectTypeOf(unix.sockets[0]!.getsockname()).toEqualTypeOf<string>();
      expectTypeOf(
        (yield* loop.createUnixServer(() => new Echo(), "/tmp/s.sock")).sockets[0]!.getsockname(),
      ).toEqualTypeOf<string>();
      yield* asyncio.asyncWith(server, function* (s) {
        expectTypeOf(s.sockets[0]!.getsockname()).toEqualTypeOf<[host: string, port: number]>();
      });
      const any: asyncio.Server = server; // the unparameterised type takes either
      expectTypeOf(any.sockets[0]!.getsockname()).toEqualTypeOf<asyncio.SocketAddress>();
      const [reader, writer] = yield* asyncio.openConnection("h", 1, { ssl: true });
      expectTypeOf(reader).toEqualTypeOf<asyncio.StreamReader>();
      expectTypeOf(writer).toEqualTypeOf<asyncio.StreamWriter>();
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });
});

describe("getExtraInfo is typed by its name", () => {
  test("peername is an Address, socket a Node socket, an unknown name unknown", () => {
    function* main() {
      const [reader, writer] = yield* asyncio.openConnection("h", 1);
      const peer = writer.getExtraInfo("peername");
      expectTypeOf(peer).toEqualTypeOf<asyncio.Address | undefined>();
      if (Array.isArray(peer)) {
        const [host, port] = peer; // Python: host, port = writer.get_extra_info("peername")
        expectTypeOf(host).toEqualTypeOf<string>();
        expectTypeOf(port).toEqualTypeOf<number>();
      }
      expectTypeOf(writer.getExtraInfo("sockname", null)).toEqualTypeOf<asyncio.Address | null>();
      expectTypeOf(writer.getExtraInfo("cipher")?.name).toEqualTypeOf<string | undefined>();
      expectTypeOf(writer.getExtraInfo("no-such-key")).toEqualTypeOf<unknown>();
      expectTypeOf(writer.getExtraInfo("no-such-key", "x")).toEqualTypeOf<unknown>();
      const [transport] = yield* asyncio
        .getRunningLoop()
        .createConnection(() => new asyncio.Protocol(), "h", 1);
      expectTypeOf(transport.getExtraInfo("peername")).toEqualTypeOf<asyncio.Address | undefined>();
      const [child] = yield* asyncio
        .getRunningLoop()
        .subprocessExec(() => new asyncio.SubprocessProtocol(), "ls");
      expectTypeOf(child.getExtraInfo("subprocess")?.pid).toEqualTypeOf<number | undefined>();
      return reader;
    }
    expectTypeOf(main).toBeFunction();
  });
});

describe("tracing", () => {
  test("a trace's steps narrow on what came after them", () => {
    const tracer = asyncio.startTracing(new asyncio.EventLoop());
    expectTypeOf(tracer).toEqualTypeOf<asyncio.Tracer>();
    const trace = tracer.stop();
    expectTypeOf(asyncio.formatTrace(trace, { width: 40 })).toEqualTypeOf<string>();
    const after = trace.tasks[0]?.steps[0]?.after;
    if (after?.kind === "waits") expectTypeOf(after.on).toEqualTypeOf<string>();
    const outcome = trace.tasks[0]?.outcome;
    if (outcome?.kind === "raised") expectTypeOf(outcome.error).toEqualTypeOf<string>();
    expectTypeOf(asyncio.toChromeTrace(trace).traceEvents).toEqualTypeOf<
      readonly asyncio.ChromeTraceEvent[]
    >();
    // @ts-expect-error only "raised" carries an error
    if (outcome?.kind === "returned") void outcome.error;
    expectTypeOf(
      asyncio.toMermaid(trace, { level: "detailed", main: null }),
    ).toEqualTypeOf<string>();
    const event = trace.events[0];
    if (event?.kind === "awaited") expectTypeOf(event.call).toEqualTypeOf<string>();
  });

  test("asyncio.coroutine keeps the function's signature", () => {
    const send = asyncio.coroutine(function* send(
      to: string,
      seconds = 2,
    ): asyncio.Coroutine<string> {
      yield* asyncio.sleep(seconds);
      return to;
    });
    expectTypeOf(send).parameters.toEqualTypeOf<[to: string, seconds?: number]>();
    expectTypeOf(send("a")).toEqualTypeOf<asyncio.Coroutine<string>>();
    // @ts-expect-error a number is not a string
    // eslint-disable-next-line asyncio-ts/no-floating-coroutine -- a type test: the call must not compile, it never runs
    send(1);
  });
});

describe("callSoon's { context } option", () => {
  test("the callback's arguments are still checked, with or without it", () => {
    const loop = new asyncio.EventLoop();
    const ctx = asyncio.copyContext();
    const cb = (_n: number, _s: string): void => {};
    expectTypeOf(loop.callSoon(cb, 1, "a")).toEqualTypeOf<asyncio.Handle>();
    expectTypeOf(loop.callSoon(cb, 1, "a", { context: ctx })).toEqualTypeOf<asyncio.Handle>();
    expectTypeOf(
      loop.callLater(1, cb, 1, "a", { context: ctx }),
    ).toEqualTypeOf<asyncio.TimerHandle>();
    // @ts-expect-error a string where the callback takes a number
    loop.callSoon(cb, "1", "a", { context: ctx });
    // @ts-expect-error a missing argument
    loop.callAt(1, cb, 1, { context: ctx });
  });
});

describe("async generators", () => {
  test("the emitted values give the generator's type; asyncFor and anext infer it", () => {
    const ticker = asyncio.asyncGenerator(function* (emit) {
      for (let i = 0; i < 3; i++) {
        const sent = yield* emit(i);
        expectTypeOf(sent).toEqualTypeOf<undefined>();
        yield* asyncio.sleep(1);
      }
    });
    expectTypeOf(ticker).toEqualTypeOf<asyncio.AsyncGenerator<number, undefined>>();
    const mixed = asyncio.asyncGenerator(function* (emit) {
      yield* emit("a");
      yield* emit(1);
    });
    expectTypeOf(mixed).toEqualTypeOf<asyncio.AsyncGenerator<string | number, undefined>>();
    function* main() {
      yield* asyncio.asyncFor(ticker, function* (x) {
        expectTypeOf(x).toEqualTypeOf<number>();
      });
      const next = yield* ticker.anext();
      if (!next.done) expectTypeOf(next.value).toEqualTypeOf<number>();
      expectTypeOf(yield* asyncio.anext(ticker)).toEqualTypeOf<number>();
      expectTypeOf(yield* asyncio.anext(ticker, "end" as const)).toEqualTypeOf<number | "end">();
      expectTypeOf(yield* ticker.athrow(new Error("x"))).toEqualTypeOf<
        IteratorResult<number, undefined>
      >();
      expectTypeOf(yield* ticker.aclose()).toEqualTypeOf<void>();
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });

  test("a body may emit inside asyncFor and asyncWith: the stage's items give its type", () => {
    const lines = asyncio.asyncGenerator(function* (emit) {
      yield* emit("ERROR disk");
    });
    // Python: async with aclosing(src): async for line in src: yield line.split()
    const words = asyncio.asyncGenerator(function* (emit) {
      yield* asyncio.asyncWith(asyncio.aclosing(lines), function* (src) {
        yield* asyncio.asyncFor(src, function* (line) {
          expectTypeOf(line).toEqualTypeOf<string>();
          yield* emit(line.split(" "));
          yield* asyncio.sleep(0);
        });
      });
    });
    expectTypeOf(words).toEqualTypeOf<asyncio.AsyncGenerator<string[], undefined>>();
    function* main() {
      // Outside an async generator, a body that emits cannot be a Task's coroutine.
      const emitting = asyncio.asyncFor(words, function* (w) {
        yield* asyncio.sleep(0);
        return w.length > 0;
      });
      expectTypeOf(emitting).toExtend<asyncio.Coroutine<void>>();
      yield* emitting;
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
    function* stray(emit: asyncio.Emit<string[]>) {
      yield* asyncio.asyncFor(words, function* (w) {
        yield* emit(w);
      });
    }
    // @ts-expect-error what emits is an async generator's body, not a coroutine a Task can run
    asyncio.createTask(stray(null!));
  });

  test("aclosing gives the generator to the asyncWith body, and the body's result as it is", () => {
    const ticker = asyncio.asyncGenerator(function* (emit) {
      yield* emit(1);
    });
    function* main() {
      const first = yield* asyncio.asyncWith(asyncio.aclosing(ticker), function* (agen) {
        expectTypeOf(agen).toEqualTypeOf<asyncio.AsyncGenerator<number, undefined>>();
        return yield* asyncio.anext(agen, null);
      });
      // aclosing never suppresses (Python: its __aexit__ returns None), so no undefined.
      expectTypeOf(first).toEqualTypeOf<number | null>();
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });

  test("annotating emit fixes what it emits and what asend sends", () => {
    const acc = asyncio.asyncGenerator(function* (emit: asyncio.Emit<number, string>) {
      const sent = yield* emit(1);
      expectTypeOf(sent).toEqualTypeOf<string | undefined>();
      // @ts-expect-error it emits numbers only
      yield* emit("x");
    });
    expectTypeOf(acc).toEqualTypeOf<asyncio.AsyncGenerator<number, string>>();
    function* main() {
      yield* acc.asend("text");
      // @ts-expect-error it receives strings
      yield* acc.asend(1);
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });

  test("emit: Emit<T> in a generic stage gives an AsyncGenerator<T>, and so does a generic helper", () => {
    function take<T>(n: number, src: asyncio.AsyncGenerator<T>) {
      return asyncio.asyncGenerator(function* take(emit: asyncio.Emit<T>) {
        let left = n;
        yield* asyncio.asyncFor(src, function* (x) {
          if (left-- <= 0) return false;
          expectTypeOf(yield* emit(x)).toEqualTypeOf<undefined>();
          return true;
        });
      });
    }
    function relay<T, S>(src: asyncio.AsyncGenerator<T>) {
      return asyncio.asyncGenerator(function* (emit: asyncio.Emit<T, S>) {
        const first = yield* asyncio.anext(src);
        const sent: S | undefined = yield* emit(first); // what asend() sent
        if (sent !== undefined) yield* emit(first);
      });
    }
    function* twice<T>(emit: asyncio.Emit<T>, x: T) {
      yield* emit(x);
      yield* emit(x);
    }
    const numbers = asyncio.asyncGenerator(function* (emit) {
      yield* emit(1);
    });
    expectTypeOf(take(2, numbers)).toEqualTypeOf<asyncio.AsyncGenerator<number>>();
    expectTypeOf(relay<string, boolean>).returns.toEqualTypeOf<
      asyncio.AsyncGenerator<string, boolean>
    >();
    const doubled = asyncio.asyncGenerator(function* (emit) {
      yield* twice(emit, "s");
    });
    expectTypeOf(doubled).toEqualTypeOf<asyncio.AsyncGenerator<string>>();
  });

  test("a body may not return a value, nor yield without emit", () => {
    // @ts-expect-error Python: 'return' with value in async generator
    asyncio.asyncGenerator(function* (emit) {
      yield* emit(1);
      return 5;
    });
    // @ts-expect-error a bare value yielded to the Task
    asyncio.asyncGenerator(function* (_emit) {
      yield 5;
    });
  });

  test("for await gets values from asyncio-ts's async iterables", async () => {
    const ticker = asyncio.asyncGenerator(function* (emit) {
      yield* emit(1);
    });
    for await (const x of ticker) expectTypeOf(x).toEqualTypeOf<number>();
    // A type no `for...of` iterates in this program: TypeScript 5.9 caches a type's
    // sync iteration types and `for await` then prefers them to its Symbol.asyncIterator.
    for await (const f of asyncio.asCompleted([asyncio.sleep(1, 1n)])) {
      expectTypeOf(f).toEqualTypeOf<asyncio.Task<bigint>>();
    }
    for await (const line of new asyncio.StreamReader()) {
      expectTypeOf(line).toEqualTypeOf<Uint8Array>();
    }
  });

  test("asyncFor takes JavaScript's async iterables", () => {
    async function* letters() {
      yield "a";
    }
    function* main() {
      yield* asyncio.asyncFor(letters(), function* (c) {
        expectTypeOf(c).toEqualTypeOf<string>();
      });
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });
});

describe("the signal option", () => {
  test("createTask, loop.createTask, TaskGroup.createTask, run and Runner.run take it", () => {
    const signal = new AbortController().signal;
    function* main() {
      expectTypeOf(asyncio.createTask(str(), { signal })).toEqualTypeOf<asyncio.Task<string>>();
      asyncio.getRunningLoop().createTask(str(), { name: "n", signal });
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(str(), { signal });
      });
    }
    expectTypeOf(asyncio.run(main(), { signal, virtualTime: true })).toEqualTypeOf<Promise<void>>();
    expectTypeOf(new asyncio.Runner().run(num(), { signal })).toEqualTypeOf<Promise<number>>();
  });
});

describe("the distributed executor", () => {
  test("yield* infers a RemoteFunction's result, through submit and runInExecutor", () => {
    const add: asyncio.RemoteFunction<[number, number], number> = {
      module: "./jobs.js",
      exportName: "add",
    };
    function* main() {
      const ex = new asyncio.QueueExecutor({ connection: "redis://127.0.0.1:6379", queue: "jobs" });
      const a = yield* ex.submit(add, 1, 2);
      expectTypeOf(a).toEqualTypeOf<number>();
      const b = yield* asyncio.getRunningLoop().runInExecutor(ex, add, 1, 2);
      expectTypeOf(b).toEqualTypeOf<number>();
      // @ts-expect-error the arguments are checked
      yield* ex.submit(add, "1", 2);
      const untyped = yield* ex.submit({ module: "./jobs.js" });
      expectTypeOf(untyped).toEqualTypeOf<unknown>();
      yield* asyncio.asyncWith(ex, function* () {});
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });
});

describe("a Process's streams follow the options that started it", () => {
  test("PIPE gives a stream, anything else undefined, options of unknown shape either", () => {
    function* main(options: asyncio.SubprocessOptions): asyncio.Coroutine<void> {
      const piped = yield* asyncio.createSubprocessExec("ls", [], {
        stdout: asyncio.PIPE,
        stderr: asyncio.STDOUT,
      });
      expectTypeOf(piped.stdout).toEqualTypeOf<asyncio.StreamReader>();
      expectTypeOf(piped.stderr).toEqualTypeOf<undefined>();
      expectTypeOf(piped.stdin).toEqualTypeOf<undefined>();
      expectTypeOf(piped.pid).toEqualTypeOf<number>(); // Python: pid: int, so process.kill(pid) takes it
      const [out, err] = yield* piped.communicate();
      expectTypeOf(out).toEqualTypeOf<Uint8Array>();
      expectTypeOf(err).toEqualTypeOf<undefined>();

      const shell = yield* asyncio.createSubprocessShell("cat", {
        stdin: asyncio.subprocess.PIPE,
        stderr: asyncio.subprocess.PIPE,
      });
      expectTypeOf(shell.stdin).toEqualTypeOf<asyncio.StreamWriter>();
      expectTypeOf(shell.stderr).toEqualTypeOf<asyncio.StreamReader>();
      expectTypeOf(shell.stdout).toEqualTypeOf<undefined>();

      const inherited = yield* asyncio.createSubprocessExec("ls");
      expectTypeOf(inherited.stdout).toEqualTypeOf<undefined>();

      const unknown = yield* asyncio.createSubprocessExec("ls", [], options);
      expectTypeOf(unknown.stdout).toEqualTypeOf<asyncio.StreamReader | undefined>();
      const [maybe] = yield* unknown.communicate();
      expectTypeOf(maybe).toEqualTypeOf<Uint8Array | undefined>();

      const proc: asyncio.Process = piped; // a Process of any options is a Process
      expectTypeOf(proc.stdout).toEqualTypeOf<asyncio.StreamReader | undefined>();
    }
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<void>>();
  });
});

describe("asyncio.subprocess is a module: its names are values and types", () => {
  test("asyncio.subprocess.Process types a variable, as Python's annotations write it", () => {
    function* main(): asyncio.Coroutine<number | undefined> {
      const proc: asyncio.subprocess.Process = yield* asyncio.subprocess.createSubprocessExec(
        "ls",
        [],
        { stdout: asyncio.subprocess.PIPE },
      );
      const piped: asyncio.subprocess.Process<undefined, asyncio.StreamReader> =
        yield* asyncio.createSubprocessExec("ls", [], { stdout: asyncio.PIPE });
      expectTypeOf(piped.stdout).toEqualTypeOf<asyncio.StreamReader>();
      return proc.returncode;
    }
    expectTypeOf<asyncio.subprocess.Process>().toEqualTypeOf<asyncio.Process>();
    expectTypeOf(asyncio.subprocess.Process).toEqualTypeOf<typeof asyncio.Process>();
    expectTypeOf<typeof asyncio.subprocess.PIPE>().toEqualTypeOf<typeof asyncio.PIPE>();
    expectTypeOf<typeof asyncio.subprocess.STDOUT>().toEqualTypeOf<typeof asyncio.STDOUT>();
    expectTypeOf<typeof asyncio.subprocess.DEVNULL>().toEqualTypeOf<typeof asyncio.DEVNULL>();
    expectTypeOf(main).returns.toExtend<asyncio.Coroutine<number | undefined>>();
  });
});
