/** A TaskGroup waits for all its Tasks, and cancels them all if one fails (2 s). */
import * as asyncio from "asyncio-ts";
import { seconds, sendMessage } from "./send-message.js";

export function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    tg.createTask(sendMessage("John Doe"));
    tg.createTask(sendMessage("Anna Herb"));
  });
  console.log(`Time taken ${seconds(loop.time() - start)}s`);
}
