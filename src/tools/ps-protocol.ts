/**
 * What a program and `asyncio-ts ps` (src/cli/), in another process, agree
 * on: where the program lists its providers, and the shape of what they
 * return. Types only, and a constant, so the command loads nothing else of
 * asyncio-ts. A change of shape takes a new key.
 */
import type { FrameInfo } from "../core/kernel/index.js";

/** The registered symbol's key under which providers are listed on the global object. */
export const PS_PROVIDERS_KEY = "asyncio-ts.ps.v1";

/** One pending Task. */
export interface PsTask {
  /** Its number (the call graph's `id`). */
  readonly id: number;
  readonly name: string;
  /** Its frames, innermost first, taken when it last suspended: debug mode only, else empty. */
  readonly frames: readonly FrameInfo[];
  /**
   * What it waits on, where that says more than the await graph: a tracer's
   * label (`Queue.get()`, `sleep(2)`), `gather()`, `Promise`; else null.
   */
  readonly awaits: string | null;
  /** The Tasks awaiting it (through gather's and shield's Futures too), by id. */
  readonly awaitedBy: readonly number[];
  /** Index of its coroutine object in the coroutines handed over; -1 if none. */
  readonly coroutine: number;
  /**
   * Its coroutine's name where the program knows it, as its repr gives it
   * (`Queue.get`, a function `asyncio.coroutine` made; core/kernel/coroutine-name.ts);
   * else null, and the inspector reads the suspended generator's.
   */
  readonly coroutineName: string | null;
}

export interface PsLoop {
  readonly debug: boolean;
  readonly tasks: readonly PsTask[];
}

/**
 * A provider lists its loops' Tasks and appends their coroutine objects to
 * `coroutines`. Each copy of asyncio-ts loaded in a process adds one.
 */
export type PsProvider = (coroutines: unknown[]) => PsLoop[];
