// The fuzzer's language of asyncio programs, as plain JSON-able objects.
//
// Program: { defs: Def[], main: Stmt[], objs?: Obj[], cvs?: number, eager?: boolean }
//   Def i is the coroutine `c<i>`: { param: boolean, body: Stmt[], gen?: true,
//   pfut?: true }; it returns the string 'r<i>'. With `gen` it is an async generator instead
//   (its body has a yield; it returns nothing), which only agen statements call. With `param` it takes one task `p` (handed down by the
//   caller, always a task that already exists); with `pfut` the parameter is
//   `pf` instead, a raw Future (fu<i> or pf) in the caller's scope. c<i> may call only c<j>, j > i;
//   main may call any def. So calls are acyclic, and a task only awaits tasks it
//   created or that were created before it: no await cycles, programs terminate.
//   Obj: { name, kind, n, variant? } is a synchronisation object created before
//   the run. kind: "lock", "sem" (Semaphore(n)), "bsem" (BoundedSemaphore(n)),
//   "cond" (a Condition, with a counter `<name>n` = [0] its waiters' predicates
//   read), "event", "queue" (maxsize n; variant "fifo" | "lifo" | "prio":
//   Queue, LifoQueue, PriorityQueue of strings) or "barrier" (Barrier(n)).
//   cvs (0..2, default 0): the context variables `cv0` (default 0) and `cv1`
//   (no default: its get() raises LookupError until set), created before the run.
//   eager: main starts by setting the loop's task factory to eager_task_factory
//   (every task main and its tasks create then starts in its creator's step).
//   runs (1 or 2, default 1): 2 runs main twice on one asyncio.Runner, whose
//   loop, Context and leftover tasks and timers the second run inherits.
//   eh (default null: the loop's default handler): main starts by setting the
//   loop's exception handler to `handler`, which prints what it is given
//   (EH_MODES below) and then, for "raise", raises MyError (the loop reports
//   that to its default handler as "Unhandled error in exception handler"),
//   for "interrupt" KeyboardInterrupt and for "exit" SystemExit (both escape
//   the loop, as from any callback). Every program logs what reaches the
//   default handler on stdout, in the same form (render-python.mjs, "log:").
//   In half of the programs (generate.mjs's `faults`) the generator may set
//   eh, make the statements of FAULT_KINDS and raise the classes of BASE_CLASSES.
//
// Call: { def: number, arg: string | null }      c<def>(arg)
// Aw: string (a task in scope) | Call            an awaitable
// A name in scope is a Task (t<i>, or the parameter p), a gather Future
// (gf<i>, made by gatherFut) or a raw Future (fu<i> from loop.create_future(),
// or the parameter pf): only Tasks have a Context or go to a `p` parameter,
// only raw Futures go to a `pf` parameter or are set by fuSettle. Every
// statement that takes a name in scope (await, cancel, gather, wait, shield,
// wait_for, as_completed, tstate, a callback's cancel) takes a raw Future too.
// Stmt (field `k` is the kind):
//   print      { label }                          print "<time> label"
//   sleep      { d }                              await asyncio.sleep(d)
//   spawn      { v, call, tg, ctx }               v = create_task(call) (tg: via that TaskGroup;
//                                                 ctx "copy": context=copy_context(), a task
//                                                 name: context=that task's get_context())
//   await      { v, label, base }                 print the task's result or error
//                                                 (base: also catch BaseException)
//   cancel     { v, label, msg }                  print v.cancel(msg)
//   call       { call, label }                    print(await call)
//   gather     { items: Aw[], ret, label }        print(await gather(..., return_exceptions=ret))
//   taskgroup  { tg, body }                       async with TaskGroup() as tg: body
//   raise      { cls, msg }                       raise cls(msg): "ValueError", "MyError", or one
//                                                 of BASE_CLASSES (not an Exception: MyBase, a
//                                                 BaseException of the program, asyncio-ts's
//                                                 asyncio.BaseException subclass;
//                                                 KeyboardInterrupt, SystemExit, which a Task
//                                                 stores and also lets escape the loop)
//   tryExcept  { body, label, handler }           except Exception as e: print(describe(e)); handler
//   tryCancel  { body, label, reraise }           except CancelledError: print; [raise]
//   tryFinally { body, label, final }             finally: print; final
//   selfCancel { label, msg }                     print current_task().cancel(msg)
//   cancelling { label }                          print current_task().cancelling()
//   uncancel   { label }                          print current_task().uncancel()
//   gatherFut  { v, items: Aw[], ret }             v = gather(...) (a Future, not awaited here)
//   timeout    { to, d, body, label, catch, at }  async with timeout(d) as to: body; print
//                                                 to.expired() (catch: except TimeoutError;
//                                                 at: timeout_at(loop.time() + d) instead)
//   reschedule { to, d }                          to.reschedule(now + d), d null: None
//   toWhen     { to, label }                      print to.when() - loop.time() (None if None)
//   waitFor    { aw, d, label }                   print(await wait_for(aw, d)) or its error
//   shield     { aw, guard, label }               print(await shield(aw)), or of
//                                                 wait_for(shield(aw), guard) when guard != null
//   wait       { items: string[], timeout, when, label }
//                                                 done, pending = await wait(items, ...);
//                                                 print the sorted task labels of both
//   asCompleted { items: Aw[], timeout, mode, label }
//                                                 mode "iter": for f in as_completed(items,
//                                                 timeout=): print(await f) or its error;
//                                                 mode "async" (items: tasks only): async for
//                                                 t in as_completed(...): print t's label and
//                                                 result; a TimeoutError ends the loop
//   tryStar    { body, cls0, label0, h0, cls1, label1, h1 }
//                                                 try: body / except* cls0 as eg: print
//                                                 describe(eg); h0 [/ except* cls1 ...: h1]
//                                                 (cls1 null: one clause; a class is
//                                                 ValueError, MyError, TimeoutError or
//                                                 CancelledError)
//   yield      { label }                          yield 'label' (only in a gen def, and only
//                                                 in its top level or in the body or handler
//                                                 of a try statement, never in a finally
//                                                 block, so that aclose() can always close it)
//   agen       { call, brk, end, label }          g = c<def>(arg); async for x in g: print
//                                                 x [; if x == brk: break]; then end
//                                                 "athrow": print(await g.athrow(MyError)),
//                                                 then "aclose": await g.aclose() (a loop
//                                                 left early always closes: CPython would
//                                                 close it when the generator is freed,
//                                                 asyncio-ts only when it is closed or at
//                                                 loop shutdown, docs/porting.md)
//   callback   { d, label, v, obj }               loop.call_soon(f) (d null) or
//                                                 loop.call_later(d, f), f printing label;
//                                                 with v: f prints v.cancel() (a task or
//                                                 gather Future in scope), with obj: f sets
//                                                 that event first
//   tstate     { v, label }                       print v's state: pending, cancelled,
//                                                 result R or exception E
//   allTasks   { label }                          print len(all_tasks())
//   acquire    { obj, body }                      async with obj: body  (a lock, semaphore,
//                                                 bounded semaphore or condition)
//   acqTimed   { obj, d, label, body }            try: await wait_for(obj.acquire(), d)
//                                                 except TimeoutError: print / else: print;
//                                                 try: body finally: obj.release()
//   release    { obj, label }                     obj.release(), printing the error if any
//   evSet      { obj }  evClear { obj }           event.set() / event.clear()
//   evWait     { obj, d, label }                  print(await wait_for(event.wait(), d))
//   qPut       { obj, item, d, label }            print(await [wait_for](q.put(item)[, d]))
//   qGet       { obj, d, label }                  print(await wait_for(q.get(), d))
//   qPutNowait { obj, item, label }               q.put_nowait(item) (QueueFull printed)
//   qGetNowait { obj, label }                     print(q.get_nowait()) (QueueEmpty printed)
//   qTaskDone  { obj, label }                     q.task_done() (ValueError printed)
//   qJoin      { obj, d, label }                  await wait_for(q.join(), d)
//   qShutdown  { obj, immediate }                 q.shutdown(immediate)
//   cdNotify   { obj, n, label }                  async with cond: counter += 1;
//                                                 cond.notify(n) (n null: notify_all())
//   cdWait     { obj, d, label }                  async with cond: print(await
//                                                 wait_for(cond.wait(), d))
//   cdWaitFor  { obj, n, d, label }               async with cond: print(await wait_for(
//                                                 cond.wait_for(lambda: counter >= n), d))
//   brWait     { obj, d, label }                  print(await wait_for(barrier.wait(), d))
//   brAbort    { obj }  brReset { obj }           await barrier.abort() / reset()
//   state      { obj, label }                     print locked() / is_set() / [qsize, empty,
//                                                 full] / [n_waiting, broken]
//   cvSet      { var, value, tok }                [tok =] var.set(value) (tok: the Token's
//                                                 name, null when it is not kept)
//   cvGet      { var, label }                     print var.get() (LookupError: class name only)
//   cvReset    { var, tok, label }                var.reset(tok); print var.get() after it,
//                                                 or the error (the Token's repr, which has an
//                                                 address in CPython, printed as "<Token>");
//                                                 var may differ from the Token's
//   future     { v }                              v = loop.create_future()
//   fuSettle   { v, how, msg, when, label }       settle v (a raw Future): how "result":
//                                                 set_result('label'), "exception":
//                                                 set_exception(MyError('label')),
//                                                 "cancelExc": set_exception(
//                                                 CancelledError('label')) (finished, not
//                                                 cancelled; a Task awaiting it is), "cancel":
//                                                 print cancel(msg); the error printed if
//                                                 any (InvalidStateError). when "now": in
//                                                 this statement; "soon": from a call_soon
//                                                 callback; a number d: from a
//                                                 call_later(d) callback
//   fuAddCb    { v, cb, ctx }                     v.add_done_callback(cb<cb>[, context=]):
//                                                 the callbacks cb0, cb1 are functions of
//                                                 the program, printing "cb<i>", v's peek
//                                                 (below) and the context variables'
//                                                 values; cb1 then adds 100 to cv0 in the
//                                                 Context it runs in; ctx null: the default (a copy
//                                                 of the current Context), "copy":
//                                                 copy_context(), a task name: that task's
//                                                 get_context()
//   fuRemoveCb { v, cb, label }                   print v.remove_done_callback(cb<cb>)
//   fuPeek     { v, label }                       print what v.result() and v.exception()
//                                                 return or raise (InvalidStateError while
//                                                 pending, CancelledError with its message)
//   cbRaise    { d, label, cls }                  loop.call_soon(boom, label, cls) (d null) or
//                                                 call_later(d, ...): boom, a module-level
//                                                 function (so both name it "boom" in
//                                                 "Exception in callback boom()"), prints
//                                                 "<label> boom" and raises cls(label) (a
//                                                 class of RAISE_CLASSES)
//   fuAddRaise { v, cls }                         v.add_done_callback(DONE_RAISERS[cls]): a
//                                                 module-level done callback printing its
//                                                 name and v's peek, then raising cls
//   fuCancelCb { v, t, msg, label }               v.add_done_callback(f), f printing
//                                                 t.cancel(msg) (t: any name in scope): a
//                                                 cancellation while v's other done
//                                                 callbacks (t's wake-up, if t awaits v; a
//                                                 gather's, if v is its child) are queued
//   ctxRun     { body, task }                     ctx.run(f), f a sync function whose body is
//                                                 `body`; ctx is contextvars.copy_context(), or
//                                                 task.get_context() (task: a task in scope,
//                                                 never one whose Context an enclosing ctxRun
//                                                 entered: that would be entered twice)
//
// Scoping: a statement may name a task spawned earlier in its own statement list
// or in an enclosing list (or `p`). Names never leak out of a nested body, so a
// referenced task always exists when the reference runs. A reschedule names an
// enclosing timeout of the same function. Tokens (cvSet's tok) follow the same
// rule as tasks, in a namespace of their own: a cvReset names a Token set
// earlier in its own list or an enclosing one of the same function (a ctxRun
// body included, whose function sees the enclosing names), so the Token exists.
// A ctxRun body is "sync": only the SYNC kinds (nested bodies included), since
// it runs inside a plain function.
//
// Termination: calls and awaits are acyclic as above. A raw Future can be
// awaited before anything settles it: the generator follows every `future`
// statement with a fuSettle from a callback (soon or later), which completes
// it (or finds it done). The shrinker may drop that one: a program that then
// awaits the Future forever deadlocks, which both sides report at once as
// DEADLOCK_LINE. Every wait on an event,
// a queue, a condition or a barrier is bounded by a finite wait_for (an
// unguarded put only on an unbounded queue); a condition's lock is held only
// briefly (its own statements never block while holding it, and its acquire
// body is restricted), and a condition's wait has a guard above 0 (see
// validate). A lock or semaphore body is "restricted": it never blocks on anything
// but sleep (no awaits of tasks or calls, no other acquire, no event or queue
// waits), so every holder releases in bounded time.

/**
 * What a deadlocked program prints last (nothing ready, no timer pending, no
 * I/O possible: CPython's vtloop and Node both see it at once), and the status
 * its batch process then ends with.
 */
export const DEADLOCK_LINE = "<deadlock>";
export const DEADLOCK_STATUS = 3;

/** The raw Future statements: none of them blocks, so they go anywhere. */
export const FUTURE_KINDS = ["future", "fuSettle", "fuAddCb", "fuRemoveCb", "fuPeek"];

/** Callbacks that raise, and a done callback that cancels: none of them blocks either. */
export const FAULT_KINDS = ["cbRaise", "fuAddRaise", "fuCancelCb"];

/** What a `raise` statement may raise in a program with faults, beyond ValueError and MyError. */
export const BASE_CLASSES = ["MyBase", "KeyboardInterrupt", "SystemExit"];

/**
 * The exceptions that escape the loop. None in a program with an async
 * generator: when one escapes in the iteration where a run's main Task
 * finished, the Task's done callback that stops the loop is still queued and
 * stops the shutdown's next run_until_complete early, if that takes more
 * than one iteration. CPython's shutdown_asyncgens calls aclose() on every
 * generator still alive, a finished one included (kept alive here by the
 * traceback of the exception that ended it), which takes a Task and an
 * iteration; asyncio-ts forgets a finished generator (asyncgen-hooks.ts),
 * since whether CPython still has one is up to reference counting, which
 * JavaScript cannot see. So CPython's run raised "Event loop stopped
 * before Future completed." where asyncio-ts's raised the KeyboardInterrupt.
 */
export const EXITS = ["KeyboardInterrupt", "SystemExit"];

/** What a raising callback (cbRaise) may raise. */
export const RAISE_CLASSES = ["MyError", "ValueError", ...BASE_CLASSES];

/** The module-level done callbacks fuAddRaise adds, by the class each raises. */
export const DONE_RAISERS = {
  MyError: "cb_error",
  MyBase: "cb_base",
  KeyboardInterrupt: "cb_interrupt",
  SystemExit: "cb_exit",
};

/**
 * What the exception handler (program field `eh`) does after printing the
 * context's sorted keys, its message and its exception: nothing, or raise.
 */
export const EH_MODES = ["print", "raise", "interrupt", "exit"];

/** Kinds allowed inside a lock or semaphore body (and anything nested in it). */
export const RESTRICTED = new Set([
  "print",
  "sleep",
  "spawn",
  "gatherFut",
  "cancel",
  "raise",
  "tryExcept",
  "tryCancel",
  "tryFinally",
  "cancelling",
  "selfCancel",
  "uncancel",
  "timeout",
  "reschedule",
  "toWhen",
  "release",
  "evSet",
  "evClear",
  "qPutNowait",
  "qGetNowait",
  "qTaskDone",
  "qShutdown",
  "state",
  "cvSet",
  "cvGet",
  "cvReset",
  "ctxRun",
  "tryStar",
  "callback",
  "tstate",
  "allTasks",
  ...FUTURE_KINDS,
  ...FAULT_KINDS,
]);

/** Statements whose nested lists (by field) may hold a gen def's yields. */
export const YIELD_LISTS = {
  tryExcept: ["body", "handler"],
  tryCancel: ["body"],
  tryFinally: ["body"],
};

/** Kinds allowed inside a ctxRun body (a plain function: nothing awaits). */
export const SYNC = new Set([
  "print",
  "spawn",
  "gatherFut",
  "cancel",
  "raise",
  "tryExcept",
  "tryFinally",
  "cancelling",
  "selfCancel",
  "reschedule",
  "toWhen",
  "evSet",
  "qPutNowait",
  "qGetNowait",
  "qShutdown",
  "state",
  "cvSet",
  "cvGet",
  "cvReset",
  "ctxRun",
  "callback",
  "tstate",
  "allTasks",
  ...FUTURE_KINDS,
  ...FAULT_KINDS,
]);

/** Which object kinds each object statement accepts. */
export const OBJ_KINDS = {
  acquire: ["lock", "sem", "bsem", "cond"],
  acqTimed: ["lock", "sem", "bsem", "cond"],
  release: ["lock", "sem", "bsem", "cond"],
  evSet: ["event"],
  evClear: ["event"],
  evWait: ["event"],
  qPut: ["queue"],
  qGet: ["queue"],
  qPutNowait: ["queue"],
  qGetNowait: ["queue"],
  qTaskDone: ["queue"],
  qJoin: ["queue"],
  qShutdown: ["queue"],
  cdNotify: ["cond"],
  cdWait: ["cond"],
  cdWaitFor: ["cond"],
  brWait: ["barrier"],
  brAbort: ["barrier"],
  brReset: ["barrier"],
  callback: ["event"],
  state: ["lock", "sem", "bsem", "cond", "event", "queue", "barrier"],
};

/** The done callbacks fuAddCb and fuRemoveCb name: cb0 .. cb<CALLBACKS - 1>. */
export const CALLBACKS = 2;

/** Object waits that always have a finite wait_for. */
export const GUARDED = ["evWait", "qGet", "qJoin", "cdWait", "cdWaitFor", "brWait"];

/** Whether a name in scope is a raw Future (made by loop.create_future()). */
export const isRawFuture = (name) => name.startsWith("fu") || name === "pf";

/** Whether a name in scope is a Task (not a gather Future or a raw Future). */
export const isTask = (name) => !name.startsWith("gf") && !isRawFuture(name);

/** The name of def `d`'s parameter. */
export const paramName = (d) => (d.pfut ? "pf" : "p");

/** The nested statement lists of a statement, as [field, list] pairs. */
export function childLists(stmt) {
  switch (stmt.k) {
    case "taskgroup":
    case "timeout":
    case "acquire":
    case "acqTimed":
    case "ctxRun":
      return [["body", stmt.body]];
    case "tryExcept":
      return [
        ["body", stmt.body],
        ["handler", stmt.handler],
      ];
    case "tryCancel":
      return [["body", stmt.body]];
    case "tryStar":
      return [
        ["body", stmt.body],
        ["h0", stmt.h0],
        ...(stmt.cls1 !== null ? [["h1", stmt.h1]] : []),
      ];
    case "tryFinally":
      return [
        ["body", stmt.body],
        ["final", stmt.final],
      ];
    default:
      return [];
  }
}

/** The calls a statement makes directly (not in nested bodies). */
export function callsOf(stmt) {
  if (stmt.k === "spawn" || stmt.k === "call" || stmt.k === "agen") return [stmt.call];
  if (stmt.k === "gather" || stmt.k === "gatherFut" || stmt.k === "asCompleted") {
    return stmt.items.filter((x) => typeof x !== "string");
  }
  if ((stmt.k === "waitFor" || stmt.k === "shield") && typeof stmt.aw !== "string") {
    return [stmt.aw];
  }
  return [];
}

/** Task names a statement reads directly. */
export function refsOf(stmt) {
  const refs = callsOf(stmt)
    .map((c) => c.arg)
    .filter((a) => a !== null);
  const named = ["await", "cancel", "tstate", "fuSettle", "fuAddCb", "fuRemoveCb", "fuPeek"];
  if ([...named, "fuAddRaise", "fuCancelCb"].includes(stmt.k)) refs.push(stmt.v);
  if (stmt.k === "fuCancelCb") refs.push(stmt.t);
  if (stmt.k === "fuAddCb" && stmt.ctx != null && stmt.ctx !== "copy") refs.push(stmt.ctx);
  if (stmt.k === "callback" && stmt.v != null) refs.push(stmt.v);
  if (stmt.k === "gather" || stmt.k === "gatherFut" || stmt.k === "asCompleted") {
    refs.push(...stmt.items.filter((x) => typeof x === "string"));
  }
  if ((stmt.k === "waitFor" || stmt.k === "shield") && typeof stmt.aw === "string") {
    refs.push(stmt.aw);
  }
  if (stmt.k === "wait") refs.push(...stmt.items);
  if (stmt.k === "ctxRun" && stmt.task != null) refs.push(stmt.task);
  if (stmt.k === "spawn" && stmt.ctx != null && stmt.ctx !== "copy") refs.push(stmt.ctx);
  return refs;
}

/** Number of statements (nested ones included) plus defs: the shrinker's measure. */
export function size(program) {
  const count = (list) =>
    list.reduce(
      (n, s) =>
        n +
        1 +
        callsOf(s).length +
        (s.k === "sleep" ? s.d : 0) +
        (s.k === "wait" || s.k === "asCompleted" ? s.items.length - 1 : 0) +
        childLists(s).reduce((m, [, l]) => m + count(l), 0),
      0,
    );
  return program.defs.reduce(
    (n, d) => n + 1 + (d.param ? 1 : 0) + count(d.body),
    count(program.main) +
      (program.objs ?? []).reduce((n, o) => n + 1 + o.n, 0) +
      (program.cvs ?? 0) +
      (program.eager ? 1 : 0) +
      ((program.runs ?? 1) - 1) +
      (program.eh != null ? 1 : 0),
  );
}

export function clone(x) {
  return JSON.parse(JSON.stringify(x));
}

/**
 * Checks the scoping, call, object and termination rules above; returns an
 * error string or null. The shrinker uses it to discard candidates that broke
 * a rule.
 */
export function validate(program) {
  const { defs } = program;
  const objs = new Map();
  for (const o of program.objs ?? []) {
    if (objs.has(o.name)) return `${o.name} declared twice`;
    objs.set(o.name, o);
  }
  const cvs = program.cvs ?? 0;
  if (program.eh != null && !EH_MODES.includes(program.eh)) return `no handler mode ${program.eh}`;
  // sync: false outside a ctxRun body, else the tasks whose Contexts are entered (a list).
  function checkList(list, fn, scope, tgs, tos, restricted, toks, sync, yieldOk) {
    const local = [...scope];
    const localToks = [...toks];
    for (const s of list) {
      if (s.k === "yield" && !yieldOk) return "yield out of place";
      if (restricted && !RESTRICTED.has(s.k)) return `${s.k} inside a lock`;
      if (sync && !SYNC.has(s.k)) return `${s.k} inside ctxRun`;
      if (s.k.startsWith("cv")) {
        const m = /^cv(\d)$/.exec(s.var);
        if (!m || Number(m[1]) >= cvs) return `no context variable ${s.var}`;
      }
      if (s.k === "cvReset" && !localToks.includes(s.tok)) return `${s.tok} not in scope`;
      if (s.k === "ctxRun" && s.task != null && sync && sync.includes(s.task)) {
        return `${s.task}'s Context entered twice`;
      }
      if (s.k === "cvSet" && s.tok !== null && localToks.includes(s.tok)) {
        return `${s.tok} set twice`;
      }
      for (const c of callsOf(s)) {
        if (!(c.def >= 0 && c.def < defs.length)) return `no def c${c.def}`;
        if (fn >= 0 && c.def <= fn) return `c${fn} calls c${c.def}`;
        if (Boolean(defs[c.def].param) !== (c.arg !== null)) return `bad arity for c${c.def}`;
        if (Boolean(defs[c.def].gen) !== (s.k === "agen")) return `${s.k} of c${c.def}`;
        if (c.arg !== null && !defs[c.def].pfut && !isTask(c.arg)) {
          return `${c.arg} passed as a task`;
        }
        if (c.arg !== null && defs[c.def].pfut && !isRawFuture(c.arg)) {
          return `${c.arg} passed as a future`;
        }
      }
      if (s.k === "ctxRun" && s.task != null && !isTask(s.task)) return `${s.task} has no Context`;
      if ((s.k === "spawn" || s.k === "fuAddCb") && s.ctx != null && s.ctx !== "copy") {
        if (!isTask(s.ctx)) return `${s.ctx} has no Context`;
      }
      if (s.k === "fuSettle" && !isRawFuture(s.v)) return `${s.v} is no raw Future`;
      if (s.k === "raise" && !["ValueError", "MyError", ...BASE_CLASSES].includes(s.cls)) {
        return `raise of ${s.cls}`;
      }
      if (s.k === "cbRaise" && !RAISE_CLASSES.includes(s.cls)) return `boom of ${s.cls}`;
      if (s.k === "fuAddRaise" && !(s.cls in DONE_RAISERS)) return `no done raiser of ${s.cls}`;
      if ((s.k === "fuAddCb" || s.k === "fuRemoveCb") && !(s.cb >= 0 && s.cb < CALLBACKS)) {
        return `no callback cb${s.cb}`;
      }
      // An eager task started in a Context that is entered already (the
      // running task's, or a ctxRun's) fails to start, and on CPython stays
      // registered without ever running: asyncio.run waits for it forever.
      if (program.eager && s.k === "spawn" && s.ctx != null && s.ctx !== "copy") {
        return "an eager task in another task's Context";
      }
      if (s.k === "asCompleted" && s.mode === "async" && s.items.some((x) => typeof x !== "string"))
        return "async as_completed of a coroutine";
      if (s.k === "agen" && s.brk !== null && s.end === null) return "a loop left early, unclosed";
      if ((s.k === "asCompleted" || s.k === "gatherFut") && s.items.length === 0)
        return `${s.k} of nothing`;
      for (const r of refsOf(s)) if (!local.includes(r)) return `${r} not in scope`;
      if (s.k === "spawn" && s.tg !== null && !tgs.includes(s.tg)) return `${s.tg} not in scope`;
      if (s.k === "taskgroup" && tgs.includes(s.tg)) return `${s.tg} shadowed`;
      if (s.k === "timeout" && tos.includes(s.to)) return `${s.to} shadowed`;
      if ((s.k === "reschedule" || s.k === "toWhen") && !tos.includes(s.to)) {
        return `${s.to} not in scope`;
      }
      if (s.k === "wait" && s.items.length === 0) return "wait on nothing";
      if (s.k in OBJ_KINDS && !(s.k === "callback" && s.obj == null)) {
        const o = objs.get(s.obj);
        if (!o) return `no object ${s.obj}`;
        if (!OBJ_KINDS[s.k].includes(o.kind)) return `${s.k} on a ${o.kind}`;
        if (s.k === "qPut" && s.d === null && o.n !== 0)
          return `unguarded put on bounded ${o.name}`;
      }
      if (GUARDED.includes(s.k) && s.d === null) return `unguarded ${s.k}`;
      // wait_for(aw, 0) runs aw in a Task of its own: a condition's wait there
      // re-acquires the lock in that Task, which, if the caller was cancelled
      // meanwhile and left its `async with`, holds the lock forever.
      if ((s.k === "cdWait" || s.k === "cdWaitFor") && s.d === 0) return `${s.k} for 0 s`;
      const innerTgs = s.k === "taskgroup" ? [...tgs, s.tg] : tgs;
      const innerTos = s.k === "timeout" ? [...tos, s.to] : tos;
      const innerRestricted = restricted || s.k === "acquire" || s.k === "acqTimed";
      const innerSync = s.k === "ctxRun" ? [...(sync || []), s.task ?? null] : sync;
      for (const [field, l] of childLists(s)) {
        const err = checkList(
          l,
          fn,
          local,
          innerTgs,
          innerTos,
          innerRestricted,
          localToks,
          innerSync,
          yieldOk && (YIELD_LISTS[s.k] ?? []).includes(field),
        );
        if (err) return err;
      }
      if (s.k === "spawn" || s.k === "gatherFut" || s.k === "future") {
        if (local.includes(s.v)) return `${s.v} spawned twice`;
        local.push(s.v);
      }
      if (s.k === "cvSet" && s.tok !== null) localToks.push(s.tok);
    }
    return null;
  }
  for (let i = 0; i < defs.length; i++) {
    const { body, param, gen } = defs[i];
    const scope = param ? [paramName(defs[i])] : [];
    const err = checkList(body, i, scope, [], [], false, [], false, Boolean(gen));
    if (err) return `c${i}: ${err}`;
    if (gen && !hasYield(body)) return `c${i}: a gen without a yield`;
  }
  if (defs.some((d) => d.gen)) {
    const exits = allStatements(program).some(
      (s) => ["raise", "cbRaise", "fuAddRaise"].includes(s.k) && EXITS.includes(s.cls),
    );
    if (exits || program.eh === "interrupt" || program.eh === "exit") {
      return "an exception escaping the loop with an async generator (EXITS)";
    }
  }
  const err = checkList(program.main, -1, [], [], [], false, [], false, false);
  return err ? `main: ${err}` : null;
}

function hasYield(list) {
  return list.some((s) => s.k === "yield" || childLists(s).some(([, l]) => hasYield(l)));
}

/** Every statement of a program, nested ones included, in preorder. */
export function allStatements(program) {
  const all = [];
  const walk = (list) => {
    for (const s of list) {
      all.push(s);
      for (const [, l] of childLists(s)) walk(l);
    }
  };
  for (const d of program.defs) walk(d.body);
  walk(program.main);
  return all;
}

/** Whether the program has a statement of kind `k`. */
export function uses(program, k) {
  return allStatements(program).some((s) => s.k === k);
}
