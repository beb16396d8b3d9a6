/**
 * The browser test's second program: an instance of every class the browser
 * entry exports (and of the Future `gather` returns), left on
 * `globalThis.labelled` as `[public name, instance]` pairs for the test to
 * inspect through the DevTools protocol, which labels an object as the
 * console does (`Future {…}` or, from a minified class name, `bt {…}`).
 * It prints `END` when the pairs are there.
 */
import * as asyncio from "asyncio-ts";

const labelled: [string, unknown][] = [];
const keep = (name: string, value: unknown): void => void labelled.push([name, value]);

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  keep("EventLoop", loop);
  keep("Future", loop.createFuture());
  const task = asyncio.createTask(asyncio.sleep(0));
  yield* task;
  keep("Task", task);
  keep(
    "Handle",
    loop.callSoon(() => {}),
  );
  keep(
    "TimerHandle",
    loop.callLater(1, () => {}),
  );
  keep("_GatheringFuture", asyncio.gather(loop.createFuture()));
  keep("TaskGroup", new asyncio.TaskGroup());
  keep("Timeout", asyncio.timeout(1));
  keep("AsCompleted", asyncio.asCompleted([]));
  keep(
    "AsyncGenerator",
    asyncio.asyncGenerator(function* () {}),
  );
  for (const [name, make] of [
    ["Queue", () => new asyncio.Queue()],
    ["PriorityQueue", () => new asyncio.PriorityQueue()],
    ["LifoQueue", () => new asyncio.LifoQueue()],
    ["Lock", () => new asyncio.Lock()],
    ["Event", () => new asyncio.Event()],
    ["Condition", () => new asyncio.Condition()],
    ["Semaphore", () => new asyncio.Semaphore()],
    ["BoundedSemaphore", () => new asyncio.BoundedSemaphore()],
    ["Barrier", () => new asyncio.Barrier(2)],
  ] as const) {
    keep(name, make());
  }
  const variable = new asyncio.ContextVar<number>("v");
  keep("ContextVar", variable);
  keep("Token", variable.set(1));
  keep("Context", asyncio.copyContext());
  keep("CollectedFuture", new asyncio.CollectedFuture("<Future finished>"));
  const tracer = asyncio.startTracing();
  tracer.stop();
  keep("Tracer", tracer);
  keep("SystemClock", new asyncio.SystemClock());
  keep("VirtualClock", new asyncio.VirtualClock());
}

keep("Runner", new asyncio.Runner());
keep("ExceptionGroup", new asyncio.ExceptionGroup("two", [new Error("a")]));
keep("BaseExceptionGroup", new asyncio.BaseExceptionGroup("two", [new asyncio.CancelledError()]));
// Every other error class takes a message.
for (const [name, value] of Object.entries(asyncio)) {
  if (typeof value !== "function" || !(value.prototype instanceof Error)) continue;
  if (name.endsWith("ExceptionGroup")) continue;
  keep(name, new (value as new (message: string) => Error)("why"));
}

asyncio.run(main(), { virtualTime: true }).then(() => {
  (globalThis as { labelled?: unknown }).labelled = labelled;
  console.log("END");
});
