/** Awaiting one coroutine after another: the waits add up (4 s). */
import * as asyncio from "asyncio-ts";
import { seconds, sendMessage } from "./send-message.js";

export function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  yield* sendMessage("John Doe");
  yield* sendMessage("Anna Herb");
  console.log(`Time taken ${seconds(loop.time() - start)}s`);
}
