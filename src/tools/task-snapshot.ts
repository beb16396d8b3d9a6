/**
 * What `asyncio-ts ps PID` reads of a running program (Python 3.14's
 * `get_all_awaited_by`): each pending Task of each running loop, with its
 * name, the frames it is suspended in, what it waits on, and the Tasks that
 * await it. The command calls the providers in the target through
 * Node's inspector (ps-protocol.ts); the Node layer makes the providers
 * reachable (node/ps-hook.ts).
 *
 * Suspended frames are known in debug mode only (JavaScript cannot look
 * inside a suspended generator). The Task's coroutine objects are handed
 * over too: the inspector can read a suspended generator's function and
 * the line it is suspended at, which the program itself cannot. Its
 * coroutine's name goes with them where the program knows it better than
 * the inspector: asyncio-ts's own coroutines (`Queue.get` is no generator,
 * a generator method's function is `acquire`, not `Lock.acquire`), named as
 * the Task's repr names them.
 */
import { awaitersOf } from "../core/awaited-by.js";
import {
  className,
  coroutineName,
  type EventLoop,
  type Future,
  parseStack,
  Task,
} from "../core/kernel/index.js";
import { objectId } from "./object-id.js";
import type { PsLoop, PsTask } from "./ps-protocol.js";
import { Tracer } from "./trace.js";

/** The snapshot of `loops`, for a provider. */
export function snapshotLoops(loops: readonly EventLoop[], coroutines: unknown[]): PsLoop[] {
  return loops.map((loop) => ({
    debug: loop._debug,
    tasks: [...loop._tasks].map((task) => snapshotTask(task, loop, coroutines)),
  }));
}

function snapshotTask(task: Task<unknown>, loop: EventLoop, coroutines: unknown[]): PsTask {
  let coroutine = -1;
  if (task._coro !== null) coroutine = coroutines.push(task._coro) - 1;
  return {
    id: objectId(task),
    name: task.getName(),
    frames: parseStack(task._suspendedStack).reverse(),
    awaits: describeWait(task, loop),
    awaitedBy: awaitingTasks(task).map(objectId),
    coroutine,
    coroutineName: coroutineName(task)?.name ?? null,
  };
}

/** Names of Futures nothing labelled, where the name says something. */
const FUTURE_KINDS: Readonly<Record<string, string>> = {
  _GatheringFuture: "gather()",
  PromiseFuture: "Promise",
};

function describeWait(task: Task<unknown>, loop: EventLoop): string | null {
  const future = task._futWaiter;
  // A Task awaited is an edge of the graph already.
  if (future === null || future instanceof Task) return null;
  const tracer = loop._tracer;
  const label = tracer instanceof Tracer ? tracer._labels.get(future) : undefined;
  return label ?? FUTURE_KINDS[className(future)] ?? null;
}

/**
 * The Tasks awaiting `task`, directly or through Futures that are not Tasks
 * (a gather's, a shield's), as Python 3.14 resolves its awaited-by edges.
 */
function awaitingTasks(task: Task<unknown>): Task<unknown>[] {
  const found = new Set<Task<unknown>>();
  const seen = new Set<Future<unknown>>([task]);
  const visit = (future: Future<unknown>): void => {
    for (const awaiter of awaitersOf(future)) {
      if (seen.has(awaiter)) continue;
      seen.add(awaiter);
      if (awaiter instanceof Task) found.add(awaiter);
      else visit(awaiter);
    }
  };
  visit(task);
  return [...found];
}
