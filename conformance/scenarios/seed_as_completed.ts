// Pins: a variation on the tutorial's as_completed program: three messages
// with different delays are printed as they complete; total time is the
// longest delay (seed_as_completed_tutorial is the program as it writes it).
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* sendMessage(to: string, delay: number): asyncio.Coroutine<string> {
  console.log(`Sending message to ${to}`);
  yield* asyncio.sleep(delay);
  console.log(`Message sent to ${to}`);
  return `Completed message to ${to}`;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const messages = [
    sendMessage("John Doe", 3),
    sendMessage("Anna Herb", 1),
    sendMessage("Bob Ray", 2),
  ];
  for (const nextDone of asyncio.asCompleted(messages)) {
    const result = yield* nextDone;
    console.log(`${now()} ${result}`);
  }
  console.log(`Time taken ${now()}s`);
}

await asyncio.run(main(), { virtualTime: true });
