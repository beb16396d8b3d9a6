/**
 * The loop by hand: runUntilComplete, runForever with stop, and close.
 * Not a coroutine: it owns its loop, as a Python script calling
 * `asyncio.new_event_loop()` does (`onLoop` sees it first: the demo traces it).
 */
import * as asyncio from "asyncio-ts";
import { seconds, sendMessage } from "./send-message.js";

export async function main(
  virtualTime: boolean,
  onLoop?: (loop: asyncio.EventLoop) => void,
): Promise<void> {
  const loop = asyncio.newEventLoop({ virtualTime });
  onLoop?.(loop);
  const start = loop.time();
  const result = await loop.runUntilComplete(sendMessage("John Doe"));
  console.log(result);

  loop.createTask(sendMessage("Anna Herb", 1));
  loop.callLater(1.5, () => {
    console.log("Stopping the loop");
    loop.stop();
  });
  await loop.runForever();
  console.log(`Loop stopped after ${seconds(loop.time() - start)}s`);

  loop.close();
  console.log(`Loop closed: ${loop.isClosed()}`);
}
