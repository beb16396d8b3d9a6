/** A program that traces a Task for each kind of link a trace records, for the trace tests. */
import * as asyncio from "asyncio-ts";
import { failAfter, sleepThen, ZeroDivisionError } from "./helpers.js";

export const byName = (trace: asyncio.Trace, name: string): asyncio.TaskTrace => {
  const task = trace.tasks.find((t) => t.name === name);
  if (task === undefined) throw new Error(`no task ${name} in the trace`);
  return task;
};

/**
 * Each kind of waker, one Task apiece (main does the waking where a Task
 * does it), and each way to end: returned, raised, cancelled, or (main)
 * still running when tracing stopped.
 */
export function* wakings(): asyncio.Coroutine<asyncio.Trace> {
  asyncio.currentTask()!.setName("main");
  const loop = asyncio.getRunningLoop();
  const tracer = asyncio.startTracing();
  const named = <T>(name: string, coro: asyncio.Coroutine<T>) => asyncio.createTask(coro, { name });
  const queue = new asyncio.Queue<number>();
  const event = new asyncio.Event();
  const fut = loop.createFuture<number>();
  const sleeper = named("sleeper", sleepThen(1, "slept"));
  const tasks = [
    sleeper,
    named("getter", queue.get()),
    named(
      "awaiter",
      (function* () {
        return yield* sleeper;
      })(),
    ),
    named(
      "grouped",
      (function* () {
        yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
          tg.createTask(sleepThen(2, 0), { name: "child" });
        });
      })(),
    ),
    named(
      "gathering",
      (function* () {
        yield* asyncio.gather(sleeper);
      })(),
    ),
    named("eventual", event.wait()),
    named("cancelled", new asyncio.Event().wait()),
    named(
      "called back",
      (function* () {
        return yield* fut;
      })(),
    ),
    named(
      "promised",
      (function* () {
        yield* asyncio.fromPromise(new Promise((resolve) => setTimeout(resolve, 1)));
      })(),
    ),
    named("failing", failAfter(2, new ZeroDivisionError("division by zero"))),
  ];
  yield* asyncio.sleep(0.5);
  queue.putNowait(1);
  event.set();
  tasks[6]!.cancel();
  loop.callSoon(() => fut.setResult(1));
  yield* asyncio.gather(...tasks, { returnExceptions: true });
  return tracer.stop();
}
