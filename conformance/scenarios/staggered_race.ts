// Pins: staggeredRace starts the next attempt when the previous one fails or
// after `delay`, takes the first success, cancels the rest, and reports every
// started attempt's error in order (None for the winner).
import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

function* attempt(i: number, delay: number, ok: boolean): asyncio.Coroutine<string> {
  console.log(`${now()} start ${i}`);
  try {
    yield* asyncio.sleep(delay);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) console.log(`${now()} attempt ${i} cancelled`);
    throw e;
  }
  if (!ok) throw new asyncio.ValueError(`attempt ${i} failed`);
  return `r${i}`;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  let [result, index, errors] = yield* asyncio.staggeredRace(
    [
      () => attempt(0, 5, true),
      () => attempt(1, 0.5, false),
      () => attempt(2, 1, true),
      () => attempt(3, 1, true),
    ],
    1,
  );
  console.log(`${now()} winner ${show(result)} at ${index}`);
  for (const e of errors) console.log(`  ${e === undefined ? "None" : describe(e)}`);
  [result, index, errors] = yield* asyncio.staggeredRace([() => attempt(9, 1, false)], undefined);
  console.log(
    `${now()} no winner: ${show(result)} ${show(index)} [${errors.map((e) => `'${describe(e)}'`).join(", ")}]`,
  );
}

await asyncio.run(main(), { virtualTime: true });
