// Program: a small job scheduler on the loop's own timers. Jobs are armed
// with call_later (relative), call_at (absolute, on loop.time()) and
// call_soon; one handle is cancelled before it fires; a heartbeat re-arms
// itself until a Future says stop; a faulty callback raises and the loop's
// exception handler reports it without stopping anything; a Future is
// completed from a timer. Then CPU-bound work goes to run_in_executor
// (several jobs at once, results in order) while no timer is pending, and
// the default executor is shut down.

import * as asyncio from "../../src/index.js";
import { fmtTime, now, report, show, startClock } from "./_trace.js";

function checksum(data: string, rounds: number): number {
  let h = 0;
  for (let r = 0; r < rounds; r++) {
    for (const ch of data) {
      h = (h * 31 + ch.charCodeAt(0)) % 1_000_003;
    }
  }
  return h;
}

function faulty(log: string[], n: number): void {
  log.push(`${now()} faulty ${n}`);
  throw new asyncio.ValueError(`bad input ${n}`);
}

function arm(
  loop: asyncio.EventLoop,
  log: string[],
  start: number,
): Map<string, asyncio.TimerHandle> {
  function job(name: string): void {
    log.push(`${fmtTime(loop.time() - start)} job ${name}`);
  }

  const handles = new Map([
    ["later-2", loop.callLater(2.0, job, "later-2")],
    ["at-1.5", loop.callAt(start + 1.5, job, "at-1.5")],
    ["later-0.5", loop.callLater(0.5, job, "later-0.5")],
    ["at-1.5b", loop.callAt(start + 1.5, job, "at-1.5b")],
    ["cancelled", loop.callLater(1.0, job, "cancelled")],
    ["faulty", loop.callLater(0.75, faulty, log, 7)],
  ]);
  loop.callSoon(job, "soon");
  handles.get("cancelled")!.cancel();
  return handles;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const loop = asyncio.getRunningLoop();
  loop.setExceptionHandler(report);
  const start = loop.time();
  const log: string[] = [];
  const handles = arm(loop, log, start);
  for (const [name, h] of handles) {
    console.log(`${name}: when ${fmtTime(h.when() - start)}, cancelled ${show(h.cancelled())}`);
  }

  const stop = loop.createFuture<string>();
  const beats: number[] = [];

  function heartbeat(n: number): void {
    beats.push(n);
    if (!stop.done()) {
      loop.callLater(0.25, heartbeat, n + 1);
    }
  }

  loop.callSoon(heartbeat, 0);
  loop.callLater(1.125, stop.setResult.bind(stop), "stopped");
  console.log(`${now()} waiting for the stop signal`);
  const reason = yield* stop;
  console.log(`${now()} ${reason}`);
  yield* asyncio.sleep(1.0);
  for (const line of log) {
    console.log(line);
  }
  console.log(`${now()} beats ${show(beats)}`);

  const results = yield* asyncio.gather(
    ...(
      [
        ["asyncio", 1000],
        ["ts", 2000],
        ["port", 500],
      ] as const
    ).map(([text, rounds]) => loop.runInExecutor(undefined, checksum, text, rounds)),
  );
  console.log(`${now()} checksums ${show(results)}`);
  const value = yield* loop.runInExecutor(undefined, checksum, "x", 1);
  console.log(`${now()} single ${value}`);
  yield* loop.shutdownDefaultExecutor();
  try {
    // eslint-disable-next-line asyncio-ts/no-floating-coroutine -- it raises at once, as its Python twin's does
    loop.runInExecutor(undefined, checksum, "y", 1);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`after shutdown: ${e.message}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
