/**
 * `for await` over asyncio-ts's async iterables from plain async code: their
 * `[Symbol.asyncIterator]()` is a JavaScript AsyncIterator whose `next()`
 * runs the iterable's `anext()` coroutine as a Task and returns that Task's
 * outcome as a Promise, so `for await` gets the values `asyncFor` gets.
 *
 * Which loop: the running one when `next()` is called from a coroutine or a
 * callback, else the loop the iterable belongs to if it is running (async
 * code resumed by a Promise runs between the loop's batches, where no loop
 * is "running" in asyncio's sense). With neither, RuntimeError("no running
 * event loop"), as asyncio says when used outside a loop.
 *
 * The Tasks are made directly, not by the loop's task factory: an eager one
 * would start inside `next()`, outside the loop's batch.
 */
import type { AsyncIteratorLike } from "./async-iteration.js";
import {
  _getRunningLoop,
  type Coroutine,
  type EventLoop,
  nameCoroutines,
  RuntimeError,
  Task,
} from "./kernel/index.js";

/** What `for await` needs of an asyncio-ts iterator: `anext()`, and `aclose()` if it has one. */
export interface ForAwaitSource<T> extends AsyncIteratorLike<T> {
  aclose?(): Coroutine<void>;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A JavaScript AsyncIterator over `source`. `home()` gives the loop the
 * source belongs to, if known. With `aclose`, `return()` (what `for await`
 * calls on `break`) closes the source, as JavaScript's async generators do.
 */
export function forAwaitIterator<T>(
  source: ForAwaitSource<T>,
  home: () => EventLoop | null,
): AsyncIterableIterator<T, undefined, undefined> {
  const iterator: AsyncIterableIterator<T, undefined, undefined> = {
    next: () => runOn(home(), nextOf(source)) as Promise<IteratorResult<T, undefined>>,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  if (typeof source.aclose === "function") {
    iterator.return = () => runOn(home(), closeOf(source)).then(() => DONE);
  }
  return iterator;
}

// `anext()` is called inside the Task's first step, where the loop is running
// (an async generator's first iteration registers with that loop).
// Named for reprs, traces and `asyncio-ts ps` (see sleep.ts) by the statement
// and the iterator method that started the Task: a `for await` step is
// coro=<forAwait.next()>, its `break` coro=<forAwait.return()>. Python has no
// such Task: its `async for` awaits `__anext__()` in the Task that runs the loop.
const nextOf = /* @__PURE__ */ nameCoroutines(
  {
    *next<T>(source: ForAwaitSource<T>): Coroutine<IteratorResult<T, unknown>> {
      return yield* source.anext();
    },
  }.next,
  "forAwait.next",
);

const closeOf = /* @__PURE__ */ nameCoroutines(
  {
    *return<T>(source: ForAwaitSource<T>): Coroutine<void> {
      yield* source.aclose!();
    },
  }.return,
  "forAwait.return",
);

function runOn<T>(home: EventLoop | null, coro: Coroutine<T>): Promise<T> {
  let loop = _getRunningLoop();
  if (loop === null && home !== null && home.isRunning()) loop = home;
  if (loop === null) {
    coro.return(undefined as never);
    return Promise.reject(new RuntimeError("no running event loop"));
  }
  try {
    return new Task(coro, { loop }).then();
  } catch (e) {
    coro.return(undefined as never);
    return Promise.reject(e);
  }
}
