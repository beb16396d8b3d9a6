/**
 * How `EventLoop` is put together from its parts.
 *
 * event-loop.ts keeps what runs on every iteration: scheduling callbacks,
 * the ready queue and the timers, one iteration and the batches, the
 * wake-ups. What a program reaches a few times in its life (running,
 * stopping and closing the loop, the exception handler, debug mode, the task
 * factory, the shutdown steps) is a part of the loop in a file of its own: an
 * abstract class (never made) of methods that declare `this: EventLoop`,
 * which `addLoopParts` copies onto the loop's prototype in the class's first
 * static block. event-loop.ts names the same classes in
 * `interface EventLoop extends …`, TypeScript's pattern for mixins, so the
 * checker and editors see one class, and so does the API reference
 * (scripts/typedoc-plugin.mjs shows a part's methods as EventLoop's own). A
 * new part goes in both lists. A part's methods are the loop's own methods:
 * the same functions, on the same prototype, found the way the class's own
 * are; a method on the way of every iteration or every Task stays in
 * event-loop.ts all the same, where the reader of the iteration finds it.
 */

/** A class whose methods are copied: its prototype's own properties, but `constructor`. */
export interface LoopPart {
  readonly prototype: object;
}

/** Copies each part's methods, with their attributes (a class's are not enumerable), onto `loop`'s prototype. */
export function addLoopParts(loop: LoopPart, parts: readonly LoopPart[]): void {
  for (const part of parts) {
    const { constructor: _, ...methods } = Object.getOwnPropertyDescriptors(part.prototype);
    Object.defineProperties(loop.prototype, methods);
  }
}
