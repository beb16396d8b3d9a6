// Seeded random generation of programs in the language of ast.mjs.
// generate(seed, n) is a pure function of (seed, n): program n of a run can be
// regenerated alone.

import {
  BASE_CLASSES,
  CALLBACKS,
  childLists,
  DONE_RAISERS,
  EXITS,
  isRawFuture,
  isTask,
  paramName,
  RAISE_CLASSES,
  SYNC,
} from "./ast.mjs";

export const SLEEPS = [0, 0.5, 1, 1.5, 2];
/** Program shapes: nesting depth, number of defs, statements in main. */
export const SHAPES = {
  small: { depth: 2, defs: [1, 4], main: [2, 7] },
  large: { depth: 3, defs: [2, 6], main: [4, 12] },
};

/** mulberry32: a small, fast, seedable PRNG returning floats in [0, 1). */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed, n) {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(n + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  return (h ^ (h >>> 15)) >>> 0;
}

class Gen {
  constructor(rand) {
    this.rand = rand;
    this.labels = 0;
  }
  int(lo, hi) {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick(xs) {
    return xs[Math.floor(this.rand() * xs.length)];
  }
  chance(p) {
    return this.rand() < p;
  }
  label(prefix) {
    return `${prefix}${this.labels++}`;
  }
  weighted(options) {
    const total = options.reduce((n, [w]) => n + w, 0);
    let x = this.rand() * total;
    for (const [w, v] of options) {
      x -= w;
      if (x < 0) return v;
    }
    return options[options.length - 1][1];
  }
}

/**
 * A call to a def that `fn` may call (j > fn), with an argument from scope; or
 * null. `gen`: a call of an async generator def, else of a coroutine def.
 */
function makeCall(g, defs, fn, scope, gen = false) {
  const options = [];
  for (let j = fn + 1; j < defs.length; j++) if (Boolean(defs[j].gen) === gen) options.push(j);
  const tasks = scope.filter(isTask);
  const futures = scope.filter(isRawFuture);
  const args = (j) => (defs[j].pfut ? futures : tasks);
  const usable = options.filter((j) => !defs[j].param || args(j).length > 0);
  if (usable.length === 0) return null;
  // Calls that hand a Future down are preferred: several tasks then await,
  // settle or watch the same Future.
  const handing = usable.filter((j) => defs[j].pfut);
  const def = g.pick(handing.length > 0 && g.chance(0.6) ? handing : usable);
  return { def, arg: defs[def].param ? g.pick(args(def)) : null };
}

/** Delays of timeouts and wait_for (null: None, no deadline). */
const DELAYS = [0, 0.5, 1, 1.5, 2, null];
/** Finite delays guarding event and queue waits. */
const GUARDS = [0, 0.5, 1, 1, 1.5, 2];
/** A condition's wait for 0 s could leave its lock held (validate in ast.mjs). */
const COND_GUARDS = [0.5, 1, 1, 1.5, 2];
const RETURN_WHEN = ["ALL_COMPLETED", "FIRST_COMPLETED", "FIRST_EXCEPTION"];

/** Statements after which a context variable is often read (the task may have been suspended). */
const SUSPENDS = new Set([
  "sleep",
  "await",
  "call",
  "gather",
  "taskgroup",
  "timeout",
  "waitFor",
  "asCompleted",
  "tryStar",
  "agen",
]);
/** Exception classes an except* clause names. */
const STAR_CLASSES = ["ValueError", "MyError", "TimeoutError", "CancelledError"];

// ctx: { scope: task names, toks: Token names, tgs: TaskGroups, tos: timeouts,
//        depth, restricted, sync: false, or the tasks whose Contexts enclosing
//        ctxRun bodies entered, star: in the body of a tryStar, yieldOk: in a
//        gen def where a yield may go }
function genBody(g, f, ctx, n) {
  const local = { ...ctx, scope: [...ctx.scope], toks: [...ctx.toks], cbs: [...(ctx.cbs ?? [])] };
  const body = [];
  for (let i = 0; i < n; i++) {
    const s = genStmt(g, f, local);
    if (s === null) continue;
    if (s.k === "spawn" || s.k === "gatherFut" || s.k === "future") local.scope.push(s.v);
    if (s.k === "cvSet" && s.tok !== null) local.toks.push(s.tok);
    if (s.k === "fuAddCb") local.cbs.push(s);
    body.push(s);
    // Every Future gets a settler from a callback, so that awaiting it cannot
    // hang (the shrinker may drop it: the program then deadlocks, which costs
    // no more than any other run, ast.mjs's DEADLOCK_LINE).
    if (s.k === "future") {
      const when = g.chance(0.3) ? "soon" : g.pick(SLEEPS);
      body.push(fuSettle(g, s.v, when));
    }
    // A callback registered twice (remove_done_callback removes every copy),
    // or added to a Future just settled (it is scheduled at once, in its Context).
    if (s.k === "fuAddCb" && g.chance(0.25)) {
      body.push({ ...s });
      if (g.chance(0.5)) body.push({ k: "fuRemoveCb", v: s.v, cb: s.cb, label: g.label("R") });
    }
    if (s.k === "fuSettle" && s.when === "now" && g.chance(0.3)) {
      body.push(fuAddCb(g, f, local.scope, s.v));
    }
    // A Task cancelled right after a Future it may await was settled: its
    // wake-up (one of the Future's done callbacks) is queued, not run yet.
    // A gather Future then cancels its children, done or not (its own wake-up, a
    // DoneQueue, may be queued too).
    if (f.faults && s.k === "fuSettle" && s.when === "now" && g.chance(0.3)) {
      const msg = g.chance(0.4) ? g.label("m") : null;
      body.push({ k: "cancel", v: g.pick(local.scope), label: g.label("x"), msg });
    }
    // A read right after a suspension: where a Task's Context could have been swapped.
    if (f.cvs > 0 && SUSPENDS.has(s.k) && g.chance(0.3)) body.push(cvGet(g, f));
  }
  return body;
}

/** Settles raw Future `v`: a result, an exception or a cancellation (with a message or not). */
function fuSettle(g, v, when) {
  const how = g.weighted([
    [2, "result"],
    [1.5, "exception"],
    [1.5, "cancel"],
    [0.5, "cancelExc"],
  ]);
  const msg = how === "cancel" && g.chance(0.5) ? g.label("m") : null;
  return { k: "fuSettle", v, how, msg, when, label: g.label("z") };
}

/** Adds done callback cb<i> to `v`, in the default Context, a copy, or a task's. */
function fuAddCb(g, f, scope, v) {
  const tasks = scope.filter(isTask);
  const context =
    f.cvs > 0 && g.chance(0.6)
      ? tasks.length > 0 && g.chance(0.7)
        ? g.pick(tasks)
        : "copy"
      : null;
  return { k: "fuAddCb", v, cb: g.int(0, CALLBACKS - 1), ctx: context };
}

const cvGet = (g, f) => ({ k: "cvGet", var: `cv${g.int(0, f.cvs - 1)}`, label: g.label("v") });

function genStmt(g, f, ctx) {
  const { scope, toks, tgs, tos, depth, restricted, sync } = ctx;
  const call = () => makeCall(g, f.defs, f.index, scope);
  const canCall = call() !== null;
  const genCall = () => makeCall(g, f.defs, f.index, scope, true);
  const hasTasks = scope.length > 0;
  const nest = depth < f.maxDepth;
  // yieldOk: nested lists may hold yields only where YIELD_LISTS (ast.mjs) says.
  const inner = (changes = {}) =>
    genBody(g, f, { ...ctx, depth: depth + 1, yieldOk: false, ...changes }, g.int(1, 3));
  const yieldOk = ctx.yieldOk;
  const objs = (...kinds) => f.objs.filter((o) => kinds.includes(o.kind)).map((o) => o.name);
  const aw = () => (canCall && (!hasTasks || g.chance(0.5)) ? call() : g.pick(scope));
  const locks = objs("lock", "sem", "bsem", "cond");
  const events = objs("event");
  const queues = objs("queue");
  const conds = objs("cond");
  const barriers = objs("barrier");
  const tasks = scope.filter(isTask);
  const futures = scope.filter(isRawFuture);
  const free = !restricted && !sync;
  const cv = f.cvs > 0;
  const fu = f.futs;
  const options = [
    [3, "print"],
    [3, "sleep"],
    [canCall ? 3.5 : 0, "spawn"],
    [free && hasTasks ? 3 : 0, "await"],
    [hasTasks ? 2 : 0, "cancel"],
    [free && canCall ? 1.5 : 0, "call"],
    [free && (canCall || hasTasks) ? 1.2 : 0, "gather"],
    // In an except* body: more raises and TaskGroups, so that groups reach the clauses.
    [free && nest && canCall ? (ctx.star ? 4 : 1.5) : 0, "taskgroup"],
    [ctx.star ? 2 : 0.5, "raise"],
    [nest ? 1.3 : 0, "tryExcept"],
    [nest ? 1.2 : 0, "tryCancel"],
    [nest ? 1.2 : 0, "tryFinally"],
    [0.6, "cancelling"],
    [0.3, "selfCancel"],
    [0.3, "uncancel"],
    [nest ? 1.5 : 0, "timeout"],
    [tos.length > 0 ? 1.2 : 0, "reschedule"],
    [tos.length > 0 ? 0.6 : 0, "toWhen"],
    [free && (canCall || hasTasks) ? 1.3 : 0, "waitFor"],
    [free && (canCall || hasTasks) ? 1 : 0, "shield"],
    [free && hasTasks ? 1.2 : 0, "wait"],
    [canCall || hasTasks ? 0.8 : 0, "gatherFut"],
    [free && (canCall || hasTasks) ? 1.2 : 0, "asCompleted"],
    [nest ? 1.2 : 0, "tryStar"],
    [1.2, "callback"],
    [hasTasks ? 1 : 0, "tstate"],
    [0.3, "allTasks"],
    [ctx.yieldOk ? 2.5 : 0, "yield"],
    [free && genCall() !== null ? 2 : 0, "agen"],
    [free && nest && locks.length > 0 ? 2 : 0, "acquire"],
    [free && nest && locks.length > 0 ? 1.5 : 0, "acqTimed"],
    [locks.length > 0 ? 0.2 : 0, "release"],
    [events.length > 0 ? 1 : 0, "evSet"],
    [events.length > 0 ? 0.4 : 0, "evClear"],
    [free && events.length > 0 ? 1.2 : 0, "evWait"],
    [free && queues.length > 0 ? 1 : 0, "qPut"],
    [free && queues.length > 0 ? 1.1 : 0, "qGet"],
    [queues.length > 0 ? 0.7 : 0, "qPutNowait"],
    [queues.length > 0 ? 0.7 : 0, "qGetNowait"],
    [queues.length > 0 ? 0.4 : 0, "qTaskDone"],
    [free && queues.length > 0 ? 0.4 : 0, "qJoin"],
    [queues.length > 0 ? 0.3 : 0, "qShutdown"],
    [free && conds.length > 0 ? 1.2 : 0, "cdNotify"],
    [free && conds.length > 0 ? 0.8 : 0, "cdWait"],
    [free && conds.length > 0 ? 0.8 : 0, "cdWaitFor"],
    [free && barriers.length > 0 ? 1.5 : 0, "brWait"],
    [free && barriers.length > 0 ? 0.3 : 0, "brAbort"],
    [free && barriers.length > 0 ? 0.3 : 0, "brReset"],
    [f.objs.length > 0 ? 0.4 : 0, "state"],
    [cv ? 1.6 : 0, "cvSet"],
    [cv ? 1.4 : 0, "cvGet"],
    [cv && toks.length > 0 ? 3 : 0, "cvReset"],
    [cv && nest ? (hasTasks ? 1 : 0.4) : 0, "ctxRun"],
    [fu ? 3 : 0, "future"],
    [fu && futures.length > 0 ? 2.5 : 0, "fuSettle"],
    [fu && hasTasks ? 2.5 : 0, "fuAddCb"],
    [fu && hasTasks ? 1.2 : 0, "fuRemoveCb"],
    [fu && hasTasks ? 1.2 : 0, "fuPeek"],
    [f.faults ? 1.2 : 0, "cbRaise"],
    [f.faults && hasTasks ? 1.2 : 0, "fuAddRaise"],
    [f.faults && tasks.length > 0 ? 1.2 : 0, "fuCancelCb"],
  ].filter(([, k]) => !sync || SYNC.has(k));
  const kind = g.weighted(options);
  switch (kind) {
    case "print":
    case "cancelling":
    case "uncancel":
      return { k: kind, label: g.label("p") };
    case "sleep":
      return { k: "sleep", d: g.pick(SLEEPS) };
    case "spawn": {
      const tg = tgs.length > 0 && g.chance(0.6) ? tgs[tgs.length - 1] : null;
      const context =
        f.cvs > 0 && g.chance(0.3)
          ? !f.eager && tasks.length > 0 && g.chance(0.6)
            ? g.pick(tasks)
            : "copy"
          : null;
      return { k: "spawn", v: `t${f.tasks++}`, call: call(), tg, ctx: context };
    }
    case "await": {
      const v = futures.length > 0 && g.chance(0.4) ? g.pick(futures) : g.pick(scope);
      return { k: "await", v, label: g.label("a"), base: g.chance(0.3) };
    }
    case "cancel":
      return {
        k: "cancel",
        v: g.pick(scope),
        label: g.label("x"),
        msg: g.chance(0.4) ? g.label("m") : null,
      };
    case "call":
      return { k: "call", call: call(), label: g.label("c") };
    case "selfCancel":
      return { k: kind, label: g.label("x"), msg: g.chance(0.4) ? g.label("m") : null };
    case "gather": {
      const items = [];
      for (let i = g.int(0, 3); i >= 0; i--) items.push(aw());
      return { k: "gather", items, ret: g.chance(0.5), label: g.label("g") };
    }
    case "gatherFut": {
      const items = [];
      for (let i = g.int(0, 2); i >= 0; i--) items.push(aw());
      return { k: "gatherFut", v: `gf${f.tasks++}`, items, ret: g.chance(0.5) };
    }
    case "asCompleted": {
      const mode = hasTasks && g.chance(0.5) ? "async" : "iter";
      const items = [];
      for (let i = g.int(0, 2); i >= 0; i--) items.push(mode === "async" ? g.pick(scope) : aw());
      return {
        k: "asCompleted",
        items,
        timeout: g.chance(0.4) ? g.pick([0, 0.5, 1, 1.5]) : null,
        mode,
        label: g.label("A"),
      };
    }
    case "tryStar": {
      const two = g.chance(0.4);
      const cls0 = g.pick(STAR_CLASSES);
      return {
        k: "tryStar",
        body: inner({ star: true }),
        cls0,
        label0: g.label("h"),
        h0: g.chance(0.3) ? inner() : [],
        cls1: two ? g.pick(STAR_CLASSES.filter((c) => c !== cls0)) : null,
        label1: two ? g.label("h") : null,
        h1: two && g.chance(0.3) ? inner() : [],
      };
    }
    case "yield":
      return { k: "yield", label: g.label("y") };
    case "agen": {
      const c = genCall();
      const yields = yieldLabels(f.defs[c.def].body);
      const brk = g.chance(0.5) ? g.pick(yields) : null;
      const end = g.pick(brk === null ? [null, "aclose", "athrow"] : ["aclose", "athrow"]);
      return { k: "agen", call: c, brk, end, label: g.label("G") };
    }
    case "callback": {
      const act = g.weighted([
        [3, null],
        [hasTasks ? 2 : 0, "cancel"],
        [events.length > 0 ? 1 : 0, "set"],
      ]);
      return {
        k: "callback",
        d: g.chance(0.4) ? null : g.pick(SLEEPS),
        label: g.label("b"),
        v: act === "cancel" ? g.pick(scope) : null,
        obj: act === "set" ? g.pick(events) : null,
      };
    }
    case "tstate":
      return { k: kind, v: g.pick(scope), label: g.label("T") };
    case "allTasks":
      return { k: kind, label: g.label("N") };
    case "taskgroup": {
      const tg = `tg${tgs.length}`;
      return { k: "taskgroup", tg, body: inner({ tgs: [...tgs, tg] }) };
    }
    case "raise": {
      const bases = BASE_CLASSES.filter((c) => f.exits || !EXITS.includes(c));
      const cls = f.faults && g.chance(0.3) ? g.pick(bases) : g.pick(["ValueError", "MyError"]);
      return { k: "raise", cls, msg: g.label("e") };
    }
    case "cbRaise":
      return {
        k: kind,
        d: g.chance(0.4) ? null : g.pick(SLEEPS),
        label: g.label("b"),
        cls: raiseClass(g, f, RAISE_CLASSES),
      };
    case "fuAddRaise": {
      const v = futures.length > 0 && g.chance(0.5) ? g.pick(futures) : g.pick(scope);
      return { k: kind, v, cls: raiseClass(g, f, Object.keys(DONE_RAISERS)) };
    }
    case "fuCancelCb": {
      // Mostly a Future that the Task may be waiting on: a raw one, or the Task itself.
      const v = futures.length > 0 && g.chance(0.6) ? g.pick(futures) : g.pick(scope);
      const msg = g.chance(0.4) ? g.label("m") : null;
      // Mostly a Task; else a gather Future or a raw Future.
      const t = g.chance(0.7) ? g.pick(tasks) : g.pick(scope);
      return { k: kind, v, t, msg, label: g.label("x") };
    }
    case "tryExcept":
      return {
        k: "tryExcept",
        body: inner({ yieldOk }),
        label: g.label("h"),
        handler: g.chance(0.4) ? inner({ yieldOk }) : [],
      };
    case "tryCancel":
      return {
        k: "tryCancel",
        body: inner({ yieldOk }),
        label: g.label("k"),
        reraise: g.chance(0.6),
      };
    case "tryFinally":
      return {
        k: "tryFinally",
        body: inner({ yieldOk }),
        label: g.label("f"),
        final: g.chance(0.4) ? inner() : [],
      };
    case "timeout": {
      const to = `to${tos.length}`;
      const d = g.pick(DELAYS);
      return {
        k: "timeout",
        to,
        d,
        body: inner({ tos: [...tos, to] }),
        label: g.label("o"),
        catch: g.chance(0.5),
        at: g.chance(0.25),
      };
    }
    case "toWhen":
      return { k: kind, to: g.pick(tos), label: g.label("u") };
    case "reschedule":
      return { k: "reschedule", to: g.pick(tos), d: g.pick([0, 0.5, 1, 2, null]) };
    case "waitFor":
      return { k: "waitFor", aw: aw(), d: g.pick(DELAYS), label: g.label("w") };
    case "shield":
      return {
        k: "shield",
        aw: aw(),
        guard: g.chance(0.4) ? g.pick([0, 0.5, 1, 1.5]) : null,
        label: g.label("s"),
      };
    case "wait": {
      const items = [];
      for (let i = g.int(0, 2); i >= 0; i--) items.push(g.pick(scope));
      return {
        k: "wait",
        items,
        timeout: g.chance(0.5) ? g.pick([0, 0.5, 1, 1.5]) : null,
        when: g.pick(RETURN_WHEN),
        label: g.label("W"),
      };
    }
    case "acquire":
      return { k: "acquire", obj: g.pick(locks), body: inner({ restricted: true }) };
    case "acqTimed":
      return {
        k: kind,
        obj: g.pick(locks),
        d: g.pick(GUARDS),
        label: g.label("L"),
        body: inner({ restricted: true }),
      };
    case "release":
      return { k: "release", obj: g.pick(locks), label: g.label("l") };
    case "evSet":
    case "evClear":
      return { k: kind, obj: g.pick(events) };
    case "evWait":
      return { k: "evWait", obj: g.pick(events), d: g.pick(GUARDS), label: g.label("e") };
    case "qPut": {
      const obj = g.pick(queues);
      const bounded = f.objs.find((o) => o.name === obj).n > 0;
      const d = bounded || g.chance(0.3) ? g.pick(GUARDS) : null;
      return { k: "qPut", obj, item: g.label("i"), d, label: g.label("q") };
    }
    case "qGet":
    case "qJoin":
      return { k: kind, obj: g.pick(queues), d: g.pick(GUARDS), label: g.label("q") };
    case "qPutNowait":
      return { k: kind, obj: g.pick(queues), item: g.label("i"), label: g.label("q") };
    case "qGetNowait":
    case "qTaskDone":
      return { k: kind, obj: g.pick(queues), label: g.label("q") };
    case "cvSet": {
      const tok = g.chance(0.6) ? `tk${f.toks++}` : null;
      if (tok !== null) f.tokVars[tok] = `cv${g.int(0, f.cvs - 1)}`;
      const v = tok !== null ? f.tokVars[tok] : `cv${g.int(0, f.cvs - 1)}`;
      return { k: "cvSet", var: v, value: g.int(1, 99), tok };
    }
    case "cvGet":
      return cvGet(g, f);
    case "cvReset": {
      const tok = g.pick(toks);
      const other = f.cvs > 1 && g.chance(0.1);
      const v = other ? (f.tokVars[tok] === "cv0" ? "cv1" : "cv0") : f.tokVars[tok];
      return { k: "cvReset", var: v, tok, label: g.label("r") };
    }
    case "ctxRun": {
      const entered = sync || [];
      const enterable = tasks.filter((t) => !entered.includes(t));
      const task = enterable.length > 0 && g.chance(0.7) ? g.pick(enterable) : null;
      return { k: "ctxRun", body: inner({ sync: [...entered, task] }), task };
    }
    case "qShutdown":
      return { k: kind, obj: g.pick(queues), immediate: g.chance(0.5) };
    case "future":
      return { k: kind, v: `fu${f.tasks++}` };
    case "fuSettle":
      return fuSettle(
        g,
        g.pick(futures),
        g.weighted([
          [4, "now"],
          [1, "soon"],
          [1, g.pick(SLEEPS)],
        ]),
      );
    case "fuAddCb":
      // Mostly the raw Futures: they are what the callbacks are about.
      return fuAddCb(
        g,
        f,
        scope,
        futures.length > 0 && g.chance(0.7) ? g.pick(futures) : g.pick(scope),
      );
    case "fuRemoveCb": {
      // Mostly a callback added before, in this body or an enclosing one.
      if (ctx.cbs.length > 0 && g.chance(0.7)) {
        const { v, cb } = g.pick(ctx.cbs);
        return { k: kind, v, cb, label: g.label("R") };
      }
      const v = futures.length > 0 && g.chance(0.6) ? g.pick(futures) : g.pick(scope);
      return { k: kind, v, cb: g.int(0, CALLBACKS - 1), label: g.label("R") };
    }
    case "fuPeek": {
      const v = futures.length > 0 && g.chance(0.6) ? g.pick(futures) : g.pick(scope);
      return { k: kind, v, label: g.label("P") };
    }
    case "cdNotify":
      return { k: kind, obj: g.pick(conds), n: g.pick([1, 1, 2, null]), label: g.label("n") };
    case "cdWait":
    case "brWait":
      return {
        k: kind,
        obj: g.pick(kind === "cdWait" ? conds : barriers),
        d: g.pick(kind === "cdWait" ? COND_GUARDS : GUARDS),
        label: g.label("C"),
      };
    case "cdWaitFor":
      return {
        k: kind,
        obj: g.pick(conds),
        n: g.int(0, 3),
        d: g.pick(COND_GUARDS),
        label: g.label("C"),
      };
    case "brAbort":
    case "brReset":
      return { k: kind, obj: g.pick(barriers) };
    default:
      return { k: "state", obj: g.pick(f.objs).name, label: g.label("S") };
  }
}

/** A class for a raising callback: mostly an Exception, which the loop reports and goes on. */
function raiseClass(g, f, classes) {
  const weight = (c) => (EXITS.includes(c) ? (f.exits ? 0.6 : 0) : c === "MyError" ? 3 : 1);
  return g.weighted(classes.map((c) => [weight(c), c]));
}

function yieldLabels(list) {
  return list.flatMap((s) =>
    s.k === "yield" ? [s.label] : childLists(s).flatMap(([, l]) => yieldLabels(l)),
  );
}

/** The synchronisation objects of a program: each kind with some chance. */
function genObjs(g, own) {
  const objs = [];
  if (g.chance(0.4)) objs.push({ name: "lk0", kind: "lock", n: 0 });
  if (g.chance(0.3)) objs.push({ name: "sm0", kind: "sem", n: g.int(1, 2) });
  if (g.chance(0.4)) objs.push({ name: "ev0", kind: "event", n: 0 });
  if (g.chance(0.4)) {
    const variant = own.weighted([
      [2, "fifo"],
      [1, "lifo"],
      [1, "prio"],
    ]);
    objs.push({ name: "q0", kind: "queue", n: g.int(0, 2), variant });
  }
  if (own.chance(0.2)) objs.push({ name: "bs0", kind: "bsem", n: own.int(1, 2) });
  if (own.chance(0.3)) objs.push({ name: "cd0", kind: "cond", n: 0 });
  if (own.chance(0.3)) objs.push({ name: "br0", kind: "barrier", n: own.int(1, 3) });
  return objs;
}

const ctx = (scope) => ({
  scope,
  toks: [],
  tgs: [],
  tos: [],
  depth: 0,
  restricted: false,
  sync: false,
  yieldOk: false,
});

/**
 * Program n of the run seeded by `seed`, of the given shape (SHAPES);
 * `allFaults`: every program may have faults (ast.mjs), not half of them.
 */
export function generate(seed, n, shape = "small", { allFaults = false } = {}) {
  const { depth: maxDepth, defs: defCount, main: mainLength } = SHAPES[shape];
  const g = new Gen(prng(mix(seed, n)));
  // A second stream for the later additions (context variables, objects).
  const own = new Gen(prng(mix(seed, n) ^ 0x5bd1e995));
  const objs = genObjs(g, own);
  let cvs = own.weighted([
    [5, 0],
    [3, 1],
    [2, 2],
  ]);
  const eager = own.chance(0.15);
  // A third stream for raw Futures; programs without them are what they were.
  const fs = new Gen(prng(mix(seed, n) ^ 0x27d4eb2f));
  const futs = fs.chance(0.5);
  // Done callbacks print the context variables (and cb1 sets cv0): most
  // programs with Futures get one, to show the Context a callback runs in.
  if (futs && cvs === 0 && fs.chance(0.6)) cvs = 1;
  // Two runs of main on one Runner: what the first leaves running goes on in the second.
  const runs = own.chance(0.15) ? 2 : 1;
  // A fourth stream for faults: raising callbacks, an exception handler,
  // BaseExceptions in Task bodies; programs without them are what they were.
  const xs = new Gen(prng(mix(seed, n) ^ 0x165667b1));
  const faults = xs.chance(0.5) || allFaults;
  const eh = faults
    ? xs.weighted([
        [2, null],
        [4, "print"],
        [2, "raise"],
        [0.5, "interrupt"],
        [0.5, "exit"],
      ])
    : null;
  const defs = [];
  const count = g.int(...defCount);
  for (let i = 0; i < count; i++) {
    defs.push({ param: i > 0 && g.chance(0.35), body: [] });
    if (own.chance(0.25)) defs[i].gen = true;
    if (futs && i > 0 && fs.chance(defs[i].param ? 0.5 : 0.3)) {
      defs[i].param = true;
      defs[i].pfut = true;
    }
  }
  // No KeyboardInterrupt or SystemExit where async generators are (EXITS in ast.mjs).
  const exits = !defs.some((d) => d.gen);
  const handlerMode = !exits && (eh === "interrupt" || eh === "exit") ? "raise" : eh;
  // Generate the deepest defs first: a body only calls defs with a larger index.
  for (let i = count - 1; i >= 0; i--) {
    const f = { defs, objs, cvs, eager, futs, faults, exits, maxDepth, index: i };
    Object.assign(f, { tasks: 0, toks: 0, tokVars: {} });
    const scope = defs[i].param ? [paramName(defs[i])] : [];
    const { gen } = defs[i];
    defs[i].body = genBody(g, f, { ...ctx(scope), yieldOk: Boolean(gen) }, g.int(1, 5));
    // Python makes an async def an async generator only when it has a yield.
    if (gen) defs[i].body.push({ k: "yield", label: g.label("y") });
  }
  const f = { defs, objs, cvs, eager, futs, faults, exits, maxDepth, index: -1 };
  Object.assign(f, { tasks: 0, toks: 0, tokVars: {} });
  const main = genBody(g, f, ctx([]), g.int(...mainLength));
  return {
    defs,
    main,
    objs,
    cvs,
    eager,
    runs,
    ...(handlerMode !== null ? { eh: handlerMode } : {}),
  };
}
