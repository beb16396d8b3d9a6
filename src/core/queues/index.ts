/** Queues for coordinating producer and consumer tasks (CPython's `asyncio/queues.py`). */
export { type Comparator, pythonCompare } from "./compare.js";
export { QueueEmpty, QueueFull, QueueShutDown } from "./errors.js";
export { LifoQueue } from "./lifo-queue.js";
export { PriorityQueue, type PriorityQueueOptions } from "./priority-queue.js";
export { Queue, type QueueStatistics, type QueueStorage } from "./queue.js";
