import * as asyncio from "asyncio-ts";
import { expect, test } from "vitest";
import { runVirtual } from "./helpers.js";

test("the seed's TaskGroup program takes 2 s of virtual time", async () => {
  const lines: string[] = [];
  function* send(to: string): asyncio.Coroutine<string> {
    lines.push(`Sending message to ${to}`);
    yield* asyncio.sleep(2);
    lines.push(`Message sent to ${to}`);
    return to;
  }
  const elapsed = await runVirtual(
    (function* () {
      const loop = asyncio.getRunningLoop();
      const start = loop.time();
      yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
        tg.createTask(send("John Doe"));
        tg.createTask(send("Anna Herb"));
      });
      return loop.time() - start;
    })(),
  );
  expect(elapsed).toBe(2);
  expect(lines).toEqual([
    "Sending message to John Doe",
    "Sending message to Anna Herb",
    "Message sent to John Doe",
    "Message sent to Anna Herb",
  ]);
});
