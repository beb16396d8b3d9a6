/**
 * Lazy loop binding of the synchronisation primitives and queues (CPython's
 * `mixins._LoopBoundMixin`).
 *
 * A primitive is created without a loop and binds to the running loop the
 * first time it has to wait (the fast paths that never wait never bind).
 * From then on waiting from another loop is an error: the Futures it keeps
 * belong to the first loop.
 */
import { _getRunningLoop, type EventLoop, inspectCustom, RuntimeError } from "./kernel/index.js";

export abstract class LoopBound {
  /** @internal The loop bound on first wait; `null` until then. */
  _loop: EventLoop | null = null;

  /**
   * @internal The running loop, binding to it on first use.
   * @throws RuntimeError if bound to another loop, or if no loop is running.
   */
  _getLoop(): EventLoop {
    const loop = _getRunningLoop();
    if (this._loop === null) this._loop = loop;
    if (loop !== this._loop) {
      throw new RuntimeError(`${this} is bound to a different event loop`);
    }
    // CPython fails later, on `None.create_future()`; say what is missing instead.
    if (loop === null) throw new RuntimeError("no running event loop");
    return loop;
  }

  [inspectCustom](): string {
    return this.toString();
  }
}
