// Pins: the tutorial's second program: two tasks created up front run
// concurrently (2 s), and awaiting them in turn gives their results.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* sendMessage(to: string): asyncio.Coroutine<string> {
  console.log(`Sending message to ${to}`);
  yield* asyncio.sleep(2);
  console.log(`Message sent to ${to}`);
  return `Completed message to ${to}`;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const t1 = asyncio.createTask(sendMessage("John Doe"));
  const t2 = asyncio.createTask(sendMessage("Anna Herb"));
  console.log(yield* t1);
  console.log(yield* t2);
  console.log(`Time taken ${now()}s`);
}

await asyncio.run(main(), { virtualTime: true });
