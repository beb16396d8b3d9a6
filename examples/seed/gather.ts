/** gather runs awaitables concurrently and returns their results in argument order. */
import * as asyncio from "asyncio-ts";
import { seconds, sendMessage } from "./send-message.js";

export function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  const results = yield* asyncio.gather(sendMessage("John Doe", 2), sendMessage("Anna Herb", 1));
  for (const result of results) console.log(result);
  console.log(`Time taken ${seconds(loop.time() - start)}s`);
}
