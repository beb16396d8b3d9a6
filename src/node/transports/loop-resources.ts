/**
 * Sockets and servers a loop owns. When the loop closes, whatever is still
 * open is released: in Python the process would end with `asyncio.run()`,
 * but in Node an open socket keeps the process alive, so a forgotten
 * connection must not hang the program after its loop is gone.
 */
import type { EventLoop } from "../../core/kernel/index.js";

export interface LoopResource {
  /** @internal Closes the host handle at once, without calling back into the (closed) loop. */
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
      loop._hostSources -= set.size;
      set.clear();
    });
  }
  if (resources.has(resource)) return;
  resources.add(resource);
  // Its I/O may be ready at any time: a virtual clock polls the host before each jump.
  loop._hostSources++;
}

export function letGo(loop: EventLoop, resource: LoopResource): void {
  if (owned.get(loop)?.delete(resource)) loop._hostSources--;
}
