/**
 * A variation on the tutorial's as_completed program: messages of unequal
 * lengths, whose results come in the order they finish, not the order they
 * started.
 */
import * as asyncio from "asyncio-ts";
import { seconds, sendMessage } from "./send-message.js";

export function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  const messages = [
    sendMessage("John Doe", 3),
    sendMessage("Anna Herb", 1),
    sendMessage("Mark Twain", 2),
  ];
  for (const next of asyncio.asCompleted(messages)) {
    const result = yield* next;
    console.log(`${result} after ${seconds(loop.time() - start)}s`);
  }
}
