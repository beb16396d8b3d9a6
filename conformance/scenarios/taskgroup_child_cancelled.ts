// Pins: a child cancelled from outside is not an error: the group does not
// abort, the other children finish, and the group exits normally.
import * as asyncio from "../../src/index.js";
import { now, show, startClock } from "./_trace.js";

function* child(name: string, delay: number): asyncio.Coroutine<void> {
  try {
    yield* asyncio.sleep(delay);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} ${name} cancelled`);
    throw e;
  }
  console.log(`${now()} ${name} done`);
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  let victim!: asyncio.Task<void>;
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    victim = tg.createTask(child("victim", 5));
    tg.createTask(child("other", 2));
    yield* asyncio.sleep(1);
    victim.cancel();
  });
  console.log(`${now()} group exited normally, victim cancelled=${show(victim.cancelled())}`);
}

await asyncio.run(main(), { virtualTime: true });
