/**
 * The event behind `Queue.join()`: CPython's queue keeps a `locks.Event` set
 * while no task is unfinished. This is the part of Event it uses (set, clear,
 * wait), kept here so the queues stand on Futures alone.
 *
 * Invariant: `_waiters` holds the Futures of the tasks inside `wait()`; `set()`
 * resolves them but leaves them in place, and each waiter removes its own
 * Future on the way out, whatever ended the wait (as `Event.wait`'s `finally`).
 */
import type { Coroutine } from "../coroutine.js";
import type { EventLoop } from "../event-loop.js";
import type { Future } from "../futures.js";
import { Deque } from "./deque.js";
import { bindLoop } from "./loop-binding.js";

export class FinishedEvent {
  private _value = false;
  private readonly _waiters = new Deque<Future<boolean>>();
  private _loop: EventLoop | null = null;

  isSet(): boolean {
    return this._value;
  }

  set(): void {
    if (this._value) return;
    this._value = true;
    for (const fut of this._waiters) {
      if (!fut.done()) fut.setResult(true);
    }
  }

  clear(): void {
    this._value = false;
  }

  *wait(): Coroutine<true> {
    if (this._value) return true;
    this._loop = bindLoop(this._loop, this);
    const fut = this._loop.createFuture<boolean>();
    this._waiters.push(fut);
    try {
      yield* fut;
      return true;
    } finally {
      this._waiters.remove(fut);
    }
  }

  toString(): string {
    return `<Event [${this._value ? "set" : "unset"}]>`;
  }
}
