// Pins: the tutorial's first program: awaiting two coroutines one after the
// other takes the sum of their sleeps (4 s).
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
  console.log(yield* sendMessage("John Doe"));
  console.log(yield* sendMessage("Anna Herb"));
  console.log(`Time taken ${now()}s`);
}

await asyncio.run(main(), { virtualTime: true });
