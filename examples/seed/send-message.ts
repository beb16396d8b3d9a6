/**
 * The coroutine every seed program uses: "send" a message, which takes
 * `seconds`. `asyncio.coroutine` (Python's `@asyncio.coroutine`) lets its
 * coroutines remember their call, so `npm start -- --diagrams` can label
 * them `sendMessage("John Doe")` as the tutorial's diagrams do.
 */
import * as asyncio from "asyncio-ts";

export const sendMessage = asyncio.coroutine(function* sendMessage(
  to: string,
  seconds = 2,
): asyncio.Coroutine<string> {
  console.log(`Sending message to ${to}`);
  yield* asyncio.sleep(seconds);
  console.log(`Message sent to ${to}`);
  return `Completed message to ${to}`;
});

/** A duration as Python prints a float: `4.0`, `2.0031`. */
export function seconds(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}
