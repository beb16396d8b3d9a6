// Pins: the tutorial's as_completed program as it writes it: three messages of
// two seconds each; the timers fire in the order they were set, so the results
// come in argument order, all at 2 s.
import * as asyncio from "../../src/index.js";
import { now, startClock } from "./_trace.js";

function* sendMessage(to: string): asyncio.Coroutine<string> {
  console.log(`Sending message to ${to}`);
  yield* asyncio.sleep(2);
  console.log(`Message sent to ${to}`);
  return `Complete message to ${to}`;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const messages = [
    sendMessage("John Does"),
    sendMessage("Anna Herb"),
    sendMessage("Chris Jakson"),
  ];
  for (const message of asyncio.asCompleted(messages)) {
    const result = yield* message;
    console.log(`${now()} ${result}`);
  }
}

await asyncio.run(main(), { virtualTime: true });
