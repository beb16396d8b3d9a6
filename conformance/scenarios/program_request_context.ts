// Program: request-scoped logging with contextvars, as a web service does it.
// Two requests are handled concurrently; each handler sets request_id and
// user, and everything it starts sees them: a Task it creates (a copy taken
// at creation), call_soon and call_later callbacks (a copy taken when
// scheduled), TaskGroup children, and a child given context=. What a child
// Task or a callback sets stays in its copy; a Token resets the handler's
// value; a copy_context() outlives its handler and is used later as a
// callback's explicit context.

import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

const requestId = new asyncio.ContextVar("request_id", { default: "-" });
const user = new asyncio.ContextVar<string>("user");
const hops = new asyncio.ContextVar<readonly string[]>("hops", { default: [] });

function log(msg: string): void {
  console.log(`${now()} [${requestId.get()}|${user.get("anon")}] ${msg}`);
}

function* audit(event: string, pause: number): asyncio.Coroutine<string> {
  yield* asyncio.sleep(pause);
  hops.set([...hops.get(), event]);
  log(`audit ${event}, hops ${show(hops.get())}`);
  return event;
}

function onTimer(label: string): void {
  log(`timer ${label}`);
  requestId.set("set-in-callback");
}

function* handle(rid: string, who: string, delay: number): asyncio.Coroutine<asyncio.Context> {
  requestId.set(rid);
  const token = user.set(who);
  hops.set(["handle"]);
  log("start");
  const loop = asyncio.getRunningLoop();
  loop.callSoon(log, "call_soon sees the handler's values");
  loop.callLater(delay / 2, onTimer, "half-way");
  const background = asyncio.createTask(audit("begin", 0.125));
  requestId.set(`${rid}+`);
  yield* asyncio.sleep(delay);
  log("after the sleep");
  const fresh = yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    tg.createTask(audit("work", 0.25));
    const fresh = new asyncio.Context();
    tg.createTask(audit("fresh", 0.375), { context: fresh });
    return fresh;
  });
  console.log(`${now()} fresh context now holds ${show(fresh.get(hops))}, ${fresh.size} vars`);
  user.reset(token);
  log("user reset");
  console.log(`${now()} background saw ${yield* background}, hops here ${show(hops.get())}`);
  const snapshot = asyncio.copyContext();
  snapshot.run(() => requestId.set(`${rid}-snapshot`));
  log(`snapshot has ${snapshot.get(requestId)}`);
  return snapshot;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  log("main starts");
  user.set("root");
  const snapshots = yield* asyncio.gather(handle("r1", "ann", 0.5), handle("r2", "bob", 0.75));
  log("main after gather");
  const loop = asyncio.getRunningLoop();
  for (const snap of snapshots) {
    loop.callSoon(log, "explicit context", { context: snap });
    loop.callLater(0.25, onTimer, "explicit", { context: snap });
  }
  yield* asyncio.sleep(0.5);
  console.log(`${now()} snapshots now ${show(snapshots.map((s) => s.get(requestId)))}`);
  const task = asyncio.createTask(audit("copied", 0), { context: snapshots[0].copy() });
  yield* task;
  console.log(
    `${now()} ${show(snapshots[0].has(user))}, ${user.get()}, ${show(asyncio.copyContext().has(requestId))}`,
  );
}

await asyncio.run(main(), { virtualTime: true });
