// Pins: hop counts through futures: a waiter on a future resumes the
// iteration after set_result; a chain of tasks, each awaiting the previous
// one, adds one iteration per link.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const fut = loop.createFuture<string>();

  function* setter(): asyncio.Coroutine<void> {
    console.log("setter sets the future");
    fut.setResult("x");
  }

  function* waiter(): asyncio.Coroutine<string> {
    const value = yield* fut;
    console.log(`waiter saw ${value}`);
    return value;
  }

  function* link(name: string, prev: asyncio.Task<string>): asyncio.Coroutine<string> {
    const value = yield* prev;
    console.log(`${name} saw ${value}`);
    return value;
  }

  const w = asyncio.createTask(waiter());
  const l1 = asyncio.createTask(link("link1", w));
  const l2 = asyncio.createTask(link("link2", l1));
  asyncio.createTask(setter());
  for (let i = 0; i < 6; i++) {
    console.log(`tick${i}`);
    yield* asyncio.sleep(0);
  }
  const value = yield* l2;
  console.log(`final ${value}`);
}

await asyncio.run(main(), { virtualTime: true });
