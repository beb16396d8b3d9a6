/**
 * A CPU-bound job on the worker pool while the loop keeps working: a ticker
 * Task prints every 100 ms while `toThread` counts primes in a worker thread.
 * Run on the loop itself, the count would freeze the ticker for its whole
 * duration; in a worker, the ticks go on.
 *
 *   npm run build && node dist/examples/cpu-in-worker.js
 */
import * as asyncio from "asyncio-ts";

/** Self-contained (it crosses to the worker as source text): no outer variables. */
function countPrimes(limit: number): number {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) {
      if (n % d === 0) {
        prime = false;
        break;
      }
    }
    if (prime) count++;
  }
  return count;
}

function* ticker(): asyncio.Coroutine<never> {
  for (let i = 1; ; i++) {
    yield* asyncio.sleep(0.1);
    console.log(`tick ${i}: the loop is free`);
  }
}

function* main(): asyncio.Coroutine<void> {
  const ticks = asyncio.createTask(ticker());
  const start = asyncio.getRunningLoop().time();
  const primes = yield* asyncio.toThread(countPrimes, 3_000_000);
  const took = asyncio.getRunningLoop().time() - start;
  ticks.cancel();
  console.log(`${primes} primes below 3,000,000, counted in a worker in ${took.toFixed(2)}s`);
}

await asyncio.run(main());
