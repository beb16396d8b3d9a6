// Pins: PriorityQueue gives the lowest item first, compares entries like
// sequences (equal priorities fall to the data), keeps heapq's list layout
// (shown by str()), serves waiting getters in order, and lets a comparison
// error escape put_nowait after heapq appended the item.

import * as asyncio from "../../src/index.js";
import { PriorityQueue } from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* main(): asyncio.Coroutine<void> {
  startClock();
  const q = new PriorityQueue<[number, string]>();
  const entries: [number, string][] = [
    [3, "c"],
    [1, "z"],
    [2, "x"],
    [1, "a"],
    [5, "e"],
    [0, "first"],
  ];
  for (const entry of entries) yield* q.put(entry);
  console.log(String(q));
  const out: [number, string][] = [];
  while (!q.empty()) {
    out.push(q.getNowait());
    console.log(String(q));
  }
  console.log(show(out));

  const nums = new PriorityQueue<number | boolean>();

  function* getter(name: string): asyncio.Coroutine<void> {
    console.log(`${now()} ${name} got ${yield* nums.get()}`);
  }

  const tasks = [0, 1, 2].map((i) => asyncio.createTask(getter(`g${i}`)));
  yield* asyncio.sleep(0);
  for (const n of [7, 2, 9]) nums.putNowait(n);
  yield* asyncio.gather(...tasks);

  for (const n of [4, 1.5, 1, 3]) nums.putNowait(n);
  console.log(String(nums));
  console.log(show([0, 1, 2, 3].map(() => nums.getNowait())));

  const bad = new PriorityQueue<unknown[]>();
  bad.putNowait([1, "a"]);
  try {
    bad.putNowait([1, 2]);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    console.log(describe(e));
  }
  console.log(`qsize ${bad.qsize()} ${String(bad)}`);
}

await asyncio.run(main(), { virtualTime: true });
