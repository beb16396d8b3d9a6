/**
 * What every `loop.create*`/`connect*` coroutine ends with, as CPython's:
 * it returns only once the transport has called `connectionMade`, and a
 * caller cancelled meanwhile leaves no transport open behind it.
 */
import type { Coroutine, Future } from "../../core/kernel/index.js";

export function* connectionMade(
  transport: { close(): void },
  waiter: Future<void>,
): Coroutine<void> {
  try {
    yield* waiter;
  } catch (e) {
    transport.close();
    throw e;
  }
}
