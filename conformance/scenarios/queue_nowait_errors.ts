// Pins: the names and (empty) messages of QueueEmpty, QueueFull and
// QueueShutDown, which error each *_nowait call raises in which state, and
// ValueError from task_done(); errors leave the queue unchanged.

import * as asyncio from "../../src/index.js";
import { Queue } from "../../src/index.js";
import { describe, show } from "./_trace.js";

function attempt(label: string, fn: () => unknown): void {
  try {
    const result = fn();
    console.log(`${label}: ok ${show(result)}`);
  } catch (e) {
    const isException = e instanceof asyncio.PythonError;
    console.log(`${label}: ${describe(e)} (Exception: ${show(isException)})`);
  }
}

function* main(): asyncio.Coroutine<void> {
  const q = new Queue<string>(1);
  attempt("get_nowait empty", () => q.getNowait());
  attempt("put_nowait", () => q.putNowait("a"));
  attempt("put_nowait full", () => q.putNowait("b"));
  console.log(String(q), q.qsize(), show(q.full()), show(q.empty()));
  attempt("get_nowait", () => q.getNowait());
  attempt("task_done", () => q.taskDone());
  attempt("task_done again", () => q.taskDone());
  q.putNowait("c");
  q.shutdown();
  attempt("put_nowait shut down", () => q.putNowait("d"));
  attempt("get_nowait shut down, not empty", () => q.getNowait());
  attempt("get_nowait shut down, empty", () => q.getNowait());
  console.log(String(q));
  const u = new Queue<number>(-1);
  for (let i = 0; i < 5; i++) u.putNowait(i);
  console.log(String(u), show(u.full()), u.maxsize);
}

await asyncio.run(main(), { virtualTime: true });
