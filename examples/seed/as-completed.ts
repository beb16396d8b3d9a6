/**
 * The tutorial's as_completed program, as it writes it: three messages of
 * two seconds each, each result printed as it completes. Its coroutine is
 * its own: it returns "Complete message to …".
 */
import * as asyncio from "asyncio-ts";

const sendMessage = asyncio.coroutine(function* sendMessage(to: string): asyncio.Coroutine<string> {
  console.log(`Sending message to ${to}`);
  yield* asyncio.sleep(2);
  console.log(`Message sent to ${to}`);
  return `Complete message to ${to}`;
});

export function* main(): asyncio.Coroutine<void> {
  const messages = [
    sendMessage("John Does"),
    sendMessage("Anna Herb"),
    sendMessage("Chris Jakson"),
  ];
  for (const message of asyncio.asCompleted(messages)) {
    const result = yield* message;
    console.log(result);
  }
}
