/**
 * "Fetch many things with at most N at once": ten downloads, a Semaphore of
 * three, and a TaskGroup that waits for them all. The log shows never more
 * than three downloads in flight, and the next one starting the moment one
 * ends. A download here is a sleep; with real I/O it would be
 * `yield* asyncio.fromPromise((signal) => fetch(url, { signal }))`, and
 * cancelling the group would abort the requests in flight.
 *
 *   npm run build && node dist/examples/bounded-fetch.js            # real time
 *   npm run build && node dist/examples/bounded-fetch.js --virtual  # instantly
 */
import * as asyncio from "asyncio-ts";

const MAX_AT_ONCE = 3;
let inFlight = 0;
let start = 0;

function log(message: string): void {
  const t = asyncio.getRunningLoop().time() - start;
  console.log(`${t.toFixed(2).padStart(5)}s  ${message}`);
}

function* download(
  limit: asyncio.Semaphore,
  url: string,
  seconds: number,
): asyncio.Coroutine<number> {
  return yield* asyncio.asyncWith(limit, function* () {
    inFlight++;
    log(`start ${url} (${inFlight} in flight)`);
    try {
      yield* asyncio.sleep(seconds);
      return url.length * 100;
    } finally {
      inFlight--;
      log(`done  ${url}`);
    }
  });
}

function* main(): asyncio.Coroutine<void> {
  start = asyncio.getRunningLoop().time();
  const limit = new asyncio.Semaphore(MAX_AT_ONCE);
  const urls = Array.from({ length: 10 }, (_, i) => `https://example.com/item/${i}`);
  const tasks: asyncio.Task<number>[] = [];
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    urls.forEach((url, i) => {
      tasks.push(tg.createTask(download(limit, url, 0.5 + (i % 4) * 0.25)));
    });
  });
  const bytes = tasks.reduce((sum, t) => sum + t.result(), 0);
  log(`fetched ${tasks.length} items, ${bytes} bytes, at most ${MAX_AT_ONCE} at once`);
}

await asyncio.run(main(), { virtualTime: process.argv.includes("--virtual") });
