// npm run size: the program issue 13 set its 10 kB budget for (scripts/bundle-size.mjs).
import * as asyncio from "asyncio-ts";

function* worker(queue, done) {
  for (;;) {
    const n = yield* queue.get();
    yield* asyncio.sleep(n);
    done.push(n);
    queue.taskDone();
  }
}
function* fail() {
  yield* asyncio.sleep(1);
  throw new Error("boom");
}
function* main() {
  const tracer = asyncio.startTracing();
  const queue = new asyncio.Queue(2);
  const done = [];
  const workers = [1, 2].map(() => asyncio.createTask(worker(queue, done)));
  for (const n of [3, 1, 2]) yield* queue.put(n);
  yield* queue.join();
  for (const w of workers) w.cancel();
  console.log(done, yield* asyncio.gather(...workers, { returnExceptions: true }));
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(fail());
      tg.createTask(asyncio.sleep(5));
    });
  } catch (e) {
    console.log(String(e));
  }
  try {
    yield* asyncio.asyncWith(asyncio.timeout(1), function* () {
      yield* asyncio.sleep(10);
    });
  } catch (e) {
    console.log(e instanceof asyncio.TimeoutError);
  }
  console.log(asyncio.formatTrace(tracer.stop()));
}
asyncio.run(main(), { virtualTime: true });
