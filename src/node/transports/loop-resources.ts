/**
 * Sockets and servers a loop owns. When the loop closes, whatever is still
 * open is released: in Python the process would end with `asyncio.run()`,
 * but in Node an open socket keeps the process alive, so a forgotten
 * connection must not hang the program after its loop is gone.
 */
import type { EventLoop } from "../../core/kernel/index.js";

export interface LoopResource {
  /** Closes the host handle at once, without calling back into the (closed) loop. */
  _releaseOnLoopClose(): void;
}

const owned = new WeakMap<EventLoop, Set<LoopResource>>();

export function holdOnLoop(loop: EventLoop, resource: LoopResource): void {
  let resources = owned.get(loop);
  if (resources === undefined) {
    const set = new Set<LoopResource>();
    resources = set;
    owned.set(loop, set);
    loop._closeHooks.push(() => {
      for (const r of [...set]) r._releaseOnLoopClose();
      set.clear();
    });
  }
  resources.add(resource);
}

export function letGo(loop: EventLoop, resource: LoopResource): void {
  owned.get(loop)?.delete(resource);
}
