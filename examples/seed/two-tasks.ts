/** Two Tasks run concurrently: the waits overlap (2 s). */
import * as asyncio from "asyncio-ts";
import { seconds, sendMessage } from "./send-message.js";

export function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  const task1 = asyncio.createTask(sendMessage("John Doe"));
  const task2 = asyncio.createTask(sendMessage("Anna Herb"));
  yield* task1;
  yield* task2;
  console.log(`Time taken ${seconds(loop.time() - start)}s`);
}
