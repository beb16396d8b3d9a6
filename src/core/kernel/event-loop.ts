/**
 * `EventLoop`: CPython's `BaseEventLoop` scheduling on top of the host's loop.
 *
 * One iteration (`_runOnce`, CPython's `_run_once`) runs exactly the callbacks
 * that were ready when it began, after moving the due timers to the end of the
 * ready queue; whatever those callbacks schedule runs in the next iteration.
 * That rule is what makes programs print in CPython's order.
 *
 * The host loop: iterations run in batches inside one host macrotask. A batch
 * ends when nothing is ready (then one host timer is armed for the earliest
 * deadline, or nothing at all if there is no timer: a host callback that
 * schedules work wakes the loop), or after a few milliseconds of work, so
 * host I/O is never starved. On the real clock, a settled Promise a
 * coroutine awaits continues the loop in a microtask rather than a new host
 * turn, while the turn still has some of those milliseconds left, and a
 * transport that has read many bytes runs the loop at once, in a microtask
 * of the host callback that read them (input-wake.ts).
 *
 * With a virtual clock, a batch that would wait jumps the clock to the next
 * deadline instead, never while a host operation the loop waits for is in
 * flight (`_hostOps`: a Promise awaited through `fromPromise`, a worker job,
 * a child's exit, a connection being made). Otherwise nothing the host runs
 * can hand the loop work it must see before time moves (a host callback
 * cannot run in the middle of a batch), except: I/O or a signal from a
 * source the loop has open (`_hostSources`: sockets, servers, pipes, signal
 * handlers), which CPython's virtual-time loop sees because it polls its
 * selector before each jump; and ordinary async code the loop has just
 * resumed (a Promise it settled, `_hostTurnDue`), or that ran as the loop
 * started. Then the jump comes after one host turn, which delivers ready I/O
 * and lets Promise reactions run; else the clock jumps at once, in the same
 * batch, so a run of timers costs no host turn per timer. A clock with a
 * `jumpDelay` (the testing layer's MockClock) may have the loop stay idle
 * longer first, or never jump it.
 *
 * This file holds what runs on every iteration. What a program reaches a
 * few times in its life (running, stopping and closing the loop, the
 * exception handler, debug mode, the task factory, the shutdown steps) is
 * in the loop's parts, a file each (`interface EventLoop` below names
 * them; loop-parts.ts says how they join the class).
 */

import { checkNumber, checkOptions } from "./arg-check.js";
import { type ContextOption, takeContextOption } from "./callback-context.js";
import { className, named } from "./class-name.js";
import { type Clock, SystemClock, VirtualClock } from "./clock.js";
import { type Context, copyContext } from "./contextvars.js";
import { type Coroutine, isCoroutineOrFunction } from "./coroutine.js";
import type { KernelLoop, Runnable } from "./events.js";
import { RuntimeError } from "./exceptions.js";
import { Future } from "./futures.js";
import { Handle, TimerHandle } from "./handles.js";
import { clearHostTimer, scheduleMacrotask, scheduleMicrotask, setHostTimer } from "./host.js";
import { inspectCustom } from "./inspect.js";
import { type AsyncgenHooks, LoopAsyncgenShutdown } from "./loop-asyncgen-shutdown.js";
import { LoopDebugMode } from "./loop-debug-mode.js";
import { LoopDefaultExecutor } from "./loop-default-executor.js";
import { type ExceptionHandler, LoopExceptionHandler } from "./loop-exception-handler.js";
import { LoopLifecycle } from "./loop-lifecycle.js";
import { addLoopParts } from "./loop-parts.js";
import { LoopTaskFactory, type TaskFactory } from "./loop-task-factory.js";
import type { LoopTracer } from "./loop-tracer.js";
import { Unretrieved, watchFailedThisBatch } from "./loss-report.js";
import { reprValue } from "./repr.js";
import { Ring } from "./ring.js";
import { _setRunningLoop } from "./running-loop.js";
import { TaskList } from "./task-list.js";
import { type CreateTaskOptions, cancelOnAbort, optionsWithoutSignal } from "./task-signal.js";
import { Task, type TaskOptions } from "./tasks.js";
import { TimerHeap } from "./timer-heap.js";
import { unboundMethodError } from "./unbound-method.js";

/**
 * Options of `new EventLoop(options)`, `newEventLoop`, `run` and `Runner`:
 * the clock (virtual time for tests) and debug mode. Python has no such
 * options: its loops always use the system clock.
 *
 * @python `asyncio.new_event_loop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.new_event_loop
 * @example
 * ```ts
 * const loop = new asyncio.EventLoop({ virtualTime: true, debug: true });
 * ```
 */
export interface EventLoopOptions {
  /** When nothing is ready, jump the clock to the next deadline instead of waiting. */
  virtualTime?: boolean;
  /** Debug mode (Python's `loop.set_debug`). */
  debug?: boolean;
  /** A clock of your own; overrides `virtualTime`. */
  clock?: Clock;
}

// CPython's _MIN_SCHEDULED_TIMER_HANDLES and _MIN_CANCELLED_TIMER_HANDLES_FRACTION.
const MIN_SCHEDULED_TIMER_HANDLES = 100;
const MIN_CANCELLED_TIMER_HANDLES_FRACTION = 0.5;
// How long one batch of iterations may hold the host thread.
const BATCH_SECONDS = 0.005;
// What an idle batch does next.
const IDLE_WAIT = 0;
const IDLE_DUE = 1;
const IDLE_JUMP = 2;

// The loop's parts that run a few times in a program's life: each a class of
// methods in a file of its own, added to the class by `addLoopParts`
// (loop-parts.ts). This declaration gives TypeScript their methods.
export interface EventLoop
  extends LoopLifecycle,
    LoopExceptionHandler,
    LoopDebugMode,
    LoopTaskFactory,
    LoopAsyncgenShutdown,
    LoopDefaultExecutor {}

/**
 * The event loop: runs callbacks (`callSoon`, `callLater`, `callAt`), Tasks
 * and their timers, iteration by iteration in CPython's order, on top of the
 * host's loop (it never blocks the thread). Most programs never make one:
 * `asyncio.run(main())` does, and code inside reaches it with `getRunningLoop()`.
 *
 * `virtualTime: true` jumps the clock to the next timer when nothing is ready,
 * so tests of timeouts run at once; `runUntilComplete` and `runForever` return
 * Promises instead of blocking.
 *
 * @python `asyncio.EventLoop` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.EventLoop
 * @example
 * ```ts
 * const loop = new asyncio.EventLoop({ virtualTime: true });
 * const result = await loop.runUntilComplete(asyncio.sleep(3600, "an hour later"));
 * loop.close();
 * ```
 */
export class EventLoop {
  // The parts' methods come first: `named` below marks `stop`, one of them.
  static {
    addLoopParts(EventLoop, [
      LoopLifecycle,
      LoopExceptionHandler,
      LoopDebugMode,
      LoopTaskFactory,
      LoopAsyncgenShutdown,
      LoopDefaultExecutor,
    ]);
  }

  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(loop).__name__`, which no minifier renames — https://docs.python.org/3/library/asyncio-eventloop.html
   * @example
   * ```ts
   * console.log(asyncio.EventLoop.pythonName); // "EventLoop"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "EventLoop", [], ["stop"]);
  /** @internal */ readonly _ready = new Ring<Runnable>();
  /**
   * @internal How many ready items the loop has taken to run, ever. With the
   * ready queue's length it gives the position an item pushed now would have
   * (`_started + _ready.length`), for an owner that skips queuing a callback and must
   * still tell when the loop has passed it (skipped-callbacks.ts).
   */
  _started = 0;
  /** @internal */ readonly _scheduled = new TimerHeap<TimerHandle>();
  /** @internal */ _timerSeq = 0;
  /** @internal */ _timerCancelledCount = 0;
  /** @internal */ readonly _clock: Clock;
  /** @internal */ _debug: boolean;
  /** @internal */ _closed = false;
  /** @internal */ _stopping = false;
  /** @internal */ _running = false;
  /** @internal */ _inBatch = false;
  /** @internal */ _batchPending = false;
  /** @internal */ _jumpAllowed = false;
  /** @internal */ _hostTimer: unknown;
  /** @internal */ _hostTimerWhen = Infinity;
  /** @internal Host operations (Promises, I/O) in flight that will wake the loop. */
  _hostOps = 0;
  /**
   * @internal Host sources open on the loop that may deliver work at any
   * time (sockets, servers, pipes, signal handlers): while there is one, a
   * virtual clock gives the host a turn before every jump.
   */
  _hostSources = 0;
  /**
   * @internal Code outside the loop may have work for it before time moves
   * (the loop started running, or settled a Promise that ordinary async code
   * awaits): the next jump of a virtual clock comes after a host turn.
   */
  _hostTurnDue = false;
  /** @internal */ _currentTask: Task<unknown> | null = null;
  /** @internal The tracer told of iterations and Task steps (tools/trace.ts), if any. */
  _tracer: LoopTracer | null = null;
  /** @internal The pending Tasks, in creation order (see task-list.ts). */
  readonly _tasks = new TaskList<Task<unknown>>();
  /** @internal Failed Futures whose exception nobody has retrieved yet (loss-report.ts). */
  readonly _unretrieved = new Unretrieved();
  /** @internal */ _taskFactory: TaskFactory | null = null;
  /** @internal What host layers release when the loop closes (the Node layer: signal listeners). */
  _closeHooks: (() => void)[] = [];
  /**
   * @internal What host layers do when the loop starts (`true`) or stops
   * running (the Node layer: hold the process open while a signal handler waits).
   */
  _runningHooks: ((running: boolean) => void)[] = [];
  /** @internal */ _asyncgensShutdownCalled = false;
  /** @internal The async generators iterated on this loop, held weakly (asyncgen-hooks.ts). */
  _asyncgens: AsyncgenHooks | null = null;
  /** @internal */ _executorShutdownCalled = false;
  /** @internal */ _exceptionHandler: ExceptionHandler | null = null;
  /**
   * Seconds a callback may run before debug mode reports it as slow.
   *
   * 0.1 by default, as in CPython.
   *
   * @python `asyncio.loop.slow_callback_duration` — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * loop.setDebug(true);
   * loop.slowCallbackDuration = 0.05; // report any callback or Task step that holds the loop 50 ms
   * ```
   */
  slowCallbackDuration = 0.1;
  /** @internal How `runForever`'s Promise settles (loop-lifecycle.ts). */
  _resolveRun: (() => void) | null = null;
  /** @internal */ _rejectRun: ((e: unknown) => void) | null = null;
  /** @internal How long the loop's batches may hold one host turn (BATCH_SECONDS; tests change it). */
  _turnSeconds = BATCH_SECONDS;
  /** When the host turn the loop's current batches belong to began (performance.now ms). */
  private _turnStarted = 0;
  /** A host macrotask that runs `_batch` is queued. */
  private _macrotaskQueued = false;
  private readonly _batch = (): void => {
    this._macrotaskQueued = false;
    this._hostTurnDue = false;
    this._runBatch(true);
  };
  private readonly _continueBatch = (): void => this._runBatch(false);
  private readonly _timerFired = (): void => {
    this._hostTimer = undefined;
    this._hostTimerWhen = Infinity;
    this._runBatch(true);
  };
  // A clock's jump delay has passed: jump if nothing arrived meanwhile (else the wait restarts).
  private readonly _jumpTimerFired = (): void => {
    this._hostTimer = undefined;
    this._hostTurnDue = false;
    if (this._ready.length === 0) this._jumpAllowed = true;
    this._runBatch(true);
  };
  private readonly _clockWake = (): void => this._wake();

  constructor(options?: EventLoopOptions) {
    this._clock = options?.clock ?? (options?.virtualTime ? new VirtualClock() : new SystemClock());
    this._debug = options?.debug ?? false;
  }

  /**
   * The loop's clock, in seconds (monotonic; the virtual clock's time under `virtualTime`).
   *
   * @python `asyncio.loop.time` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.time
   * @example
   * ```ts
   * const loop = asyncio.getRunningLoop();
   * const deadline = loop.time() + 5;
   * ```
   */
  time(): number {
    return this._clock.now();
  }

  // --- scheduling callbacks ---

  /**
   * Runs `callback(...args)` in the next iteration, after what is already ready.
   *
   * @python `asyncio.loop.call_soon` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_soon
   * @example
   * ```ts
   * loop.callSoon(console.log, "hello");
   * ```
   */
  callSoon<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle;
  callSoon<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: [...A, ContextOption]
  ): Handle;
  callSoon(callback: (...args: unknown[]) => unknown, ...args: unknown[]): Handle {
    return this._callSoonChecked("callSoon", callback, args);
  }

  /**
   * `callSoon` under the name a ported program uses to reach the loop from
   * outside it. JavaScript shares no objects between threads, so "outside" is
   * a host callback or ordinary async code between the loop's batches, where
   * `callSoon` is just as safe: both wake an idle loop.
   *
   * @python `asyncio.loop.call_soon_threadsafe` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_soon_threadsafe
   * @example
   * ```ts
   * server.on("request", () => loop.callSoonThreadsafe(queue.putNowait.bind(queue), job));
   * ```
   */
  callSoonThreadsafe<A extends unknown[]>(callback: (...args: A) => unknown, ...args: A): Handle;
  callSoonThreadsafe<A extends unknown[]>(
    callback: (...args: A) => unknown,
    ...args: [...A, ContextOption]
  ): Handle;
  callSoonThreadsafe(callback: (...args: unknown[]) => unknown, ...args: unknown[]): Handle {
    return this._callSoonChecked("callSoonThreadsafe", callback, args);
  }

  /** callSoon's checks, and its Context: the `{ context }` given last, else a copy of the current one. */
  private _callSoonChecked(
    name: string,
    callback: (...args: unknown[]) => unknown,
    args: unknown[],
  ): Handle {
    this._checkClosed();
    checkCallback(callback, name);
    const context = takeContextOption(args) ?? copyContext();
    return this._callSoonIn(context, callback, args);
  }

  /**
   * Runs `callback(...args)` once `delay` seconds have passed.
   *
   * @python `asyncio.loop.call_later` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_later
   * @example
   * ```ts
   * loop.callLater(0.5, console.log, "later");
   * ```
   */
  callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  callLater<A extends unknown[]>(
    delay: number,
    callback: (...args: A) => unknown,
    ...args: [...A, ContextOption]
  ): TimerHandle;
  callLater(
    delay: number,
    callback: (...args: unknown[]) => unknown,
    ...args: unknown[]
  ): TimerHandle {
    if (delay == null) throw new TypeError("delay must not be None"); // CPython's words
    checkNumber(delay, "callLater", "delay");
    // CPython's call_later names call_at in its callback check (the call it makes).
    return this.callAt(this.time() + delay, callback, ...args);
  }

  /**
   * Runs `callback(...args)` at loop time `when`.
   *
   * Returns a TimerHandle that can cancel the call.
   *
   * @python `asyncio.loop.call_at` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.call_at
   * @example
   * ```ts
   * const loop = asyncio.getRunningLoop();
   * const handle = loop.callAt(loop.time() + 10, console.log, "ten seconds later");
   * ```
   */
  callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: A
  ): TimerHandle;
  callAt<A extends unknown[]>(
    when: number,
    callback: (...args: A) => unknown,
    ...args: [...A, ContextOption]
  ): TimerHandle;
  callAt(when: number, callback: (...args: unknown[]) => unknown, ...args: unknown[]): TimerHandle {
    if (when == null) throw new TypeError("when cannot be None"); // CPython's words
    checkNumber(when, "callAt", "when");
    this._checkClosed();
    checkCallback(callback, "callAt");
    const context = takeContextOption(args) ?? copyContext();
    const timer = new TimerHandle(when, this._timerSeq++, callback, args, this, context);
    timer._scheduled = true;
    this._scheduled.push(timer);
    this._wake();
    return timer;
  }

  /** @internal callSoon with an explicit Context and no checks (futures use it). */
  _callSoonIn(
    context: Context,
    callback: (...args: never[]) => unknown,
    args: readonly unknown[],
  ): Handle {
    const handle = new Handle(callback, args, this, context);
    this._ready.push(handle);
    this._wake();
    return handle;
  }

  /** @internal callSoon of a one-argument callback (a Future's done callback): no array. */
  _callSoonWithArg(context: Context, callback: (arg: never) => unknown, arg: unknown): Handle {
    const handle = new Handle(callback, null, this, context);
    handle._arg = arg;
    this._ready.push(handle);
    this._wake();
    return handle;
  }

  /** @internal A Task schedules its own step. */
  _pushReady(item: Runnable): void {
    this._ready.push(item);
    if (!this._inBatch) this._wake();
  }

  /** @internal */
  _timerHandleCancelled(timer: TimerHandle): void {
    if (timer._scheduled) this._timerCancelledCount++;
  }

  // --- futures and tasks ---

  /**
   * A new pending Future bound to this loop, the way to make one (rather than `new Future()`).
   *
   * @python `asyncio.loop.create_future` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_future
   * @example
   * ```ts
   * const loop = asyncio.getRunningLoop();
   * const reply = loop.createFuture<string>();
   * loop.callLater(1, () => reply.setResult("pong"));
   * console.log(yield* reply);
   * ```
   */
  createFuture<T = unknown>(): Future<T> {
    return new Future<T>({ loop: this });
  }

  /**
   * Wraps `coro` in a Task on this loop (through the task factory, if one is
   * set). `signal`: an AbortSignal that cancels the Task (task-signal.ts).
   *
   * @python `asyncio.loop.create_task` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.loop.create_task
   * @example
   * ```ts
   * const task = asyncio.getRunningLoop().createTask(fetchUser(42), { name: "fetch-42" });
   * const user = yield* task;
   * ```
   */
  createTask<T>(coro: Coroutine<T>, options?: CreateTaskOptions): Task<T> {
    this._checkClosed();
    checkOptions(options, "createTask");
    const signal = options?.signal;
    if (signal === undefined) return this._newTask(coro, options);
    const task = this._newTask(coro, optionsWithoutSignal(options!, signal));
    cancelOnAbort(task as Task<unknown>, signal);
    return task;
  }

  private _newTask<T>(coro: Coroutine<T>, options: TaskOptions | undefined): Task<T> {
    if (this._taskFactory !== null) return this._taskFactory(this, coro, options);
    // A literal, not `{ ...options, loop: this }`: a spread's object gets its
    // map from the spread's inline cache, and the map dies at the first full
    // collection that finds no such object alive, so each `run` after one
    // built a new map and deoptimized Future's and Task's constructors where
    // they read their options (issue 18 item 5, BENCHMARKS.md). A literal's
    // map lives as long as the code.
    return new Task(coro, {
      name: options?.name,
      context: options?.context,
      eagerStart: options?.eagerStart,
      loop: this,
    });
  }

  // --- the repr ---

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr of the loop, without the module and address.
   *
   * @python `asyncio.EventLoop.__repr__` — https://docs.python.org/3/library/asyncio-eventloop.html#asyncio.EventLoop
   * @example
   * ```ts
   * console.log(String(asyncio.getRunningLoop())); // <EventLoop running=True closed=False debug=False>
   * ```
   */
  toString(): string {
    return `<${className(this)} running=${reprValue(this._running)} closed=${reprValue(this._closed)} debug=${reprValue(this._debug)}>`;
  }

  // --- the heart: one iteration, and the batches that run iterations ---

  /** @internal CPython's `_run_once`. */
  _runOnce(): void {
    const scheduled = this._scheduled;
    if (
      scheduled.length > MIN_SCHEDULED_TIMER_HANDLES &&
      this._timerCancelledCount / scheduled.length > MIN_CANCELLED_TIMER_HANDLES_FRACTION
    ) {
      // Many cancelled timers: rebuild the heap without them rather than pop them one by one.
      scheduled.filter((t) => {
        if (!t._cancelled) return true;
        t._scheduled = false;
        return false;
      });
      this._timerCancelledCount = 0;
    } else {
      let top = scheduled.peek();
      while (top !== undefined && top._cancelled) {
        this._timerCancelledCount--;
        scheduled.pop();
        top._scheduled = false;
        top = scheduled.peek();
      }
    }

    const ready = this._ready;
    if (ready.length === 0 && !this._stopping && this._clock.virtual && scheduled.length > 0) {
      // Where CPython's selector would block until the next deadline.
      this._clock.advanceTo(scheduled.peek()!._when);
    }
    // After the clock's jump: the iteration runs at the time its timers fire.
    this._tracer?._iterationStarted(this);

    let top = scheduled.peek();
    if (top !== undefined) {
      // Reading the clock costs; with no timer there is nothing to compare it with.
      const end = this._clock.now() + 1e-9;
      while (top !== undefined && top._when < end) {
        scheduled.pop();
        top._scheduled = false;
        ready.push(top);
        top = scheduled.peek();
      }
    }

    // Only what is ready now; what these callbacks schedule waits for the next iteration.
    let n = ready.length;
    const tracer = this._tracer;
    // `_started` counts each item as it is taken, before it runs.
    if (tracer !== null) {
      while (n-- > 0) {
        this._started++;
        this._runTraced(tracer, ready.shift());
      }
    } else if (this._debug) {
      while (n-- > 0) {
        this._started++;
        this._runTimed(ready.shift());
      }
    } else {
      while (n-- > 0) {
        this._started++;
        ready.shift()._run();
      }
    }
  }

  /** The tracer learns what runs, to tell which callback or timer woke a Task. */
  private _runTraced(tracer: LoopTracer, item: Runnable): void {
    tracer._itemRunning(item);
    try {
      if (this._debug) this._runTimed(item);
      else item._run();
    } finally {
      tracer._itemRunning(null);
    }
  }

  /**
   * @internal Runs iterations until nothing is ready or the host turn's time is up.
   * `newTurn`: started by a host macrotask (or `runForever`), not as a
   * continuation within the turn of the batch before.
   */
  _runBatch(newTurn: boolean): void {
    this._batchPending = false;
    if (!this._running || this._inBatch) return;
    let mayJump = this._jumpAllowed;
    this._jumpAllowed = false;
    this._inBatch = true;
    const previous = _setRunningLoop(this);
    if (newTurn) this._turnStarted = performance.now();
    const started = this._turnStarted;
    try {
      for (let i = 1; ; i++) {
        if (this._ready.length === 0 && !this._stopping) {
          const next = this._whenIdle(mayJump);
          if (next === IDLE_WAIT) break;
          if (next === IDLE_JUMP) mayJump = false;
        }
        this._runOnce();
        if (this._stopping) {
          this._finishRun(undefined, false);
          return;
        }
        if ((i & 63) === 0 && performance.now() - started > this._turnSeconds * 1000) {
          this._scheduleBatch();
          break;
        }
      }
    } catch (e) {
      this._finishRun(e, true);
    } finally {
      this._inBatch = false;
      _setRunningLoop(previous);
      if (this._unretrieved.fresh.length !== 0) watchFailedThisBatch(this);
    }
  }

  /**
   * Nothing is ready. Is a timer due (run an iteration now), may the virtual
   * clock jump to the next one, or must the batch end until the host wakes
   * the loop (its timer, or a host callback scheduling work)?
   */
  private _whenIdle(mayJump: boolean): number {
    const scheduled = this._scheduled;
    let top = scheduled.peek();
    while (top !== undefined && top._cancelled) {
      this._timerCancelledCount--;
      scheduled.pop();
      top._scheduled = false;
      top = scheduled.peek();
    }
    if (top === undefined) return IDLE_WAIT;
    const delay = top._when - this._clock.now();
    if (delay <= 0) return IDLE_DUE;
    if (!this._clock.virtual) {
      this._armHostTimer(top._when, delay);
      return IDLE_WAIT;
    }
    if (this._hostOps > 0) return IDLE_WAIT;
    if (mayJump) return IDLE_JUMP;
    const clock = this._clock;
    if (clock.jumpDelay !== undefined) {
      const wait = clock.jumpDelay(this._clockWake);
      if (wait > 0) {
        this._cancelHostTimer();
        if (wait !== Infinity) {
          this._hostTimer = setHostTimer(this._jumpTimerFired, wait);
        }
        return IDLE_WAIT;
      }
    }
    // Nothing outside the loop can have work for it yet: jump now, in this batch.
    if (!this._hostTurnDue && this._hostSources === 0) return IDLE_JUMP;
    // Give the host one turn first, so what it has for the loop arrives before time moves.
    this._jumpAllowed = true;
    this._scheduleBatch();
    return IDLE_WAIT;
  }

  /** @internal Work arrived: make sure a batch will run. */
  _wake(): void {
    if (this._running && !this._inBatch) this._scheduleBatch();
  }

  /**
   * @internal Work arrived from a Promise reaction: run it in a microtask
   * while less than `_turnSeconds` have passed since the last batch a host
   * macrotask started, else as `_wake` does. A coroutine awaiting a settled
   * Promise (or a chain of them) then resumes without a trip through the
   * host's event loop (about a microsecond each on Node), and the host still
   * gets a turn every `_turnSeconds`, so its I/O and timers are not starved.
   *
   * Not on a virtual clock: there whether a wake comes before or after other
   * host work must not depend on how fast the machine ran the batch (tests
   * replay the same order every run). Bytes read from the host have their
   * own wake (input-wake.ts); other host I/O callbacks come many to a host
   * turn, and one batch after them all handles them together.
   */
  _wakeInTurn(): void {
    if (!this._running || this._inBatch || this._batchPending) return;
    if (!this._clock.virtual && performance.now() - this._turnStarted < this._turnSeconds * 1000) {
      this._batchPending = true;
      scheduleMicrotask(this._continueBatch);
    } else {
      this._scheduleBatch();
    }
  }

  /** @internal A batch in a new host macrotask. */
  _scheduleBatch(): void {
    if (this._batchPending) return;
    this._batchPending = true;
    // An input batch ran while the macrotask was queued: it is still coming.
    if (this._macrotaskQueued) return;
    this._macrotaskQueued = true;
    scheduleMacrotask(this._batch);
  }

  private _armHostTimer(when: number, delay: number): void {
    if (this._hostTimer !== undefined) {
      if (this._hostTimerWhen === when) return;
      clearHostTimer(this._hostTimer);
    }
    this._hostTimerWhen = when;
    this._hostTimer = setHostTimer(this._timerFired, delay);
  }

  /** @internal Disarms the host timer (the loop stopped or closed). */
  _cancelHostTimer(): void {
    if (this._hostTimer !== undefined) {
      clearHostTimer(this._hostTimer);
      this._hostTimer = undefined;
      this._hostTimerWhen = Infinity;
    }
  }

  /** @internal */
  _checkClosed(): void {
    if (this._closed) throw new RuntimeError("Event loop is closed");
  }
}

// A Future's loop, as users see it, is the whole EventLoop: futures.ts and
// tasks.ts name it through events.ts without importing this file.
declare module "./events.js" {
  interface AbstractEventLoop extends EventLoop {}
}

// EventLoop keeps the kernel's contract (events.ts). Checked in the types
// alone, not with `implements`: the shipped declarations strip the internal
// interface, and a public class must not name it.
type KeepsContract<L extends KernelLoop<Task<unknown>>> = L;
type _Checked = KeepsContract<EventLoop>;

function checkCallback(callback: unknown, method: string): void {
  if (isCoroutineOrFunction(callback)) {
    throw new TypeError(`coroutines cannot be used with ${method}()`);
  }
  if (typeof callback !== "function") {
    throw new TypeError(
      `a callable object was expected by ${method}(), got ${reprValue(callback)}`,
    );
  }
  const unbound = unboundMethodError(callback, method);
  if (unbound !== undefined) throw unbound;
}
