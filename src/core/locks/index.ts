/** The synchronisation primitives (CPython's `asyncio.locks`). */
export {
  Barrier,
  type BarrierState,
  type BarrierStatistics,
  BrokenBarrierError,
} from "./barrier.js";
export { Condition, type ConditionStatistics } from "./condition.js";
export { Event, type EventStatistics } from "./event.js";
export { Lock, type LockStatistics } from "./lock.js";
export {
  BoundedSemaphore,
  Semaphore,
  type SemaphoreStatistics,
} from "./semaphore.js";
