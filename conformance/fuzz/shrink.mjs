// Shrinks a diverging program: greedy delta debugging over statements and
// nested bodies. Every round builds all one-step simplifications (remove a
// statement, unwrap a try, TaskGroup, timeout or lock body, empty a handler,
// lower a sleep or a delay, drop a gather, wait or as_completed item, a cancel
// message, a guard, a wait or as_completed option, an except* clause, a def or
// a def's parameter, an unused object, lower a semaphore's value, a barrier's
// parties or a queue's maxsize, make a queue FIFO, drop a kept Token, a set's
// value, a ctxRun's task, an unused context variable, the eager task factory,
// the second run; settle a Future with a result, now or soon rather than
// later, without a cancel message; add a done callback without a Context;
// raise a plain Exception, from call_soon rather than call_later; drop the
// exception handler or make it one that only prints; a done callback's
// cancel without a message),
// keeps the valid ones, asks the oracle about all of them at once (one batch
// per side), and continues from the smallest candidate that still diverges.

import { BASE_CLASSES, callsOf, childLists, clone, GUARDED, size, validate } from "./ast.mjs";

/** Every statement of a program in preorder: { list, i, fn } (fn -1 is main). */
function statements(program) {
  const found = [];
  const walk = (list, fn) => {
    list.forEach((s, i) => {
      found.push({ list, i, fn });
      for (const [, l] of childLists(s)) walk(l, fn);
    });
  };
  program.defs.forEach((d, fn) => {
    walk(d.body, fn);
  });
  walk(program.main, -1);
  return found;
}

/** Every statement list of a program, nested ones included. */
function allLists(program) {
  const lists = [...program.defs.map((d) => d.body), program.main];
  for (const { list, i } of statements(program)) {
    for (const [, l] of childLists(list[i])) lists.push(l);
  }
  return lists;
}

/** Spawns on TaskGroup `tg` inside `list` become plain create_task. */
function detachSpawns(list, tg) {
  for (const s of list) {
    if (s.k === "spawn" && s.tg === tg) s.tg = null;
    for (const [, l] of childLists(s)) detachSpawns(l, tg);
  }
}

/** Reschedules and when() reads of timeout `to` inside `list` are dropped. */
function dropReschedules(list, to) {
  for (let i = list.length - 1; i >= 0; i--) {
    const s = list[i];
    if ((s.k === "reschedule" || s.k === "toWhen") && s.to === to) list.splice(i, 1);
    else for (const [, l] of childLists(s)) dropReschedules(l, to);
  }
}

/** The one-step edits that apply to statement `s`: functions (list, i) => void. */
function editsFor(s) {
  const edits = [(list, i) => list.splice(i, 1)];
  const lists = childLists(s);
  for (const [field] of lists) {
    edits.push((list, i) => {
      const x = list[i];
      if (x.k === "taskgroup") detachSpawns(x.body, x.tg);
      if (x.k === "timeout") dropReschedules(x.body, x.to);
      list.splice(i, 1, ...x[field]);
    });
  }
  if (s.k === "tryFinally")
    edits.push((list, i) => list.splice(i, 1, ...list[i].body, ...list[i].final));
  for (const [field, l] of lists) {
    if (field !== "body" && l.length > 0) edits.push((list, i) => (list[i][field] = []));
  }
  if (s.k === "sleep" && s.d > 0) edits.push((list, i) => (list[i].d = 0));
  if (s.k === "sleep" && s.d > 0.5) edits.push((list, i) => (list[i].d -= 0.5));
  if ((s.k === "cancel" || s.k === "selfCancel") && s.msg !== null)
    edits.push((list, i) => (list[i].msg = null));
  if (s.k === "spawn" && s.tg !== null) edits.push((list, i) => (list[i].tg = null));
  if (s.k === "spawn" && s.ctx != null) edits.push((list, i) => (list[i].ctx = null));
  if (s.k === "await" && s.base) edits.push((list, i) => (list[i].base = false));
  if ((s.k === "gather" || s.k === "gatherFut") && s.ret) {
    edits.push((list, i) => (list[i].ret = false));
  }
  if (s.k === "asCompleted" && s.timeout !== null) {
    edits.push((list, i) => (list[i].timeout = null));
  }
  if (s.k === "asCompleted" && s.mode === "async") edits.push((list, i) => (list[i].mode = "iter"));
  if (s.k === "tryStar" && s.cls1 !== null) {
    edits.push((list, i) => Object.assign(list[i], { cls1: null, label1: null, h1: [] }));
  }
  if (s.k === "agen" && s.end === "athrow") edits.push((list, i) => (list[i].end = "aclose"));
  if (s.k === "agen" && s.brk !== null) edits.push((list, i) => (list[i].brk = null));
  if (s.k === "agen" && s.brk === null && s.end !== null) {
    edits.push((list, i) => (list[i].end = null));
  }
  if (s.k === "timeout" && s.at) edits.push((list, i) => (list[i].at = false));
  if (s.k === "callback" && s.d !== null) edits.push((list, i) => (list[i].d = null));
  if (s.k === "qShutdown" && s.immediate) edits.push((list, i) => (list[i].immediate = false));
  if (s.k === "cdNotify" && s.n !== 1) edits.push((list, i) => (list[i].n = 1));
  if (s.k === "cdWaitFor" && s.n > 0) edits.push((list, i) => (list[i].n = 0));
  if (s.k === "gather" && s.items.length > 1) {
    for (let j = 0; j < s.items.length; j++) edits.push((list, i) => list[i].items.splice(j, 1));
  }
  if ((s.k === "wait" || s.k === "asCompleted" || s.k === "gatherFut") && s.items.length > 1) {
    for (let j = 0; j < s.items.length; j++) edits.push((list, i) => list[i].items.splice(j, 1));
  }
  if (s.k === "wait" && s.timeout !== null) edits.push((list, i) => (list[i].timeout = null));
  if (s.k === "wait" && s.when !== "ALL_COMPLETED") {
    edits.push((list, i) => (list[i].when = "ALL_COMPLETED"));
  }
  if (s.k === "timeout" && s.catch) edits.push((list, i) => (list[i].catch = false));
  if ((s.k === "timeout" || s.k === "waitFor" || s.k === "reschedule") && s.d !== null) {
    edits.push((list, i) => (list[i].d = null));
    if (s.d > 0) edits.push((list, i) => (list[i].d = 0));
  }
  if (s.k === "acqTimed" && s.d > 0) edits.push((list, i) => (list[i].d = 0));
  if (s.k === "shield" && s.guard !== null) edits.push((list, i) => (list[i].guard = null));
  if (s.k === "qPut" && s.d !== null) edits.push((list, i) => (list[i].d = null));
  if (GUARDED.includes(s.k) && s.d > 0) edits.push((list, i) => (list[i].d = 0));
  if (s.k === "cvSet" && s.tok !== null) edits.push((list, i) => (list[i].tok = null));
  if (s.k === "cvSet" && s.value !== 1) edits.push((list, i) => (list[i].value = 1));
  if (s.k === "ctxRun" && s.task != null) edits.push((list, i) => (list[i].task = null));
  if (s.k === "fuSettle" && s.msg !== null) edits.push((list, i) => (list[i].msg = null));
  if (s.k === "fuSettle" && s.how !== "result") {
    edits.push((list, i) => Object.assign(list[i], { how: "result", msg: null }));
  }
  if (s.k === "fuSettle" && typeof s.when === "number") {
    edits.push((list, i) => (list[i].when = "soon"));
  }
  if (s.k === "fuSettle" && s.when === "soon") edits.push((list, i) => (list[i].when = "now"));
  if (s.k === "fuAddCb" && s.ctx != null) edits.push((list, i) => (list[i].ctx = null));
  if ((s.k === "fuAddCb" || s.k === "fuRemoveCb") && s.cb !== 0) {
    edits.push((list, i) => (list[i].cb = 0));
  }
  const plain = s.k === "raise" ? !BASE_CLASSES.includes(s.cls) : s.cls === "MyError";
  if (["raise", "cbRaise", "fuAddRaise"].includes(s.k) && !plain) {
    edits.push((list, i) => (list[i].cls = "MyError"));
  }
  if (s.k === "cbRaise" && s.d !== null) edits.push((list, i) => (list[i].d = null));
  if (s.k === "fuCancelCb" && s.msg !== null) edits.push((list, i) => (list[i].msg = null));
  return edits;
}

function renumberCalls(program, removed) {
  for (const list of allLists(program)) {
    for (const s of list) {
      const calls = callsOf(s);
      for (const c of calls) if (c.def > removed) c.def -= 1;
    }
  }
}

function dropParam(program, fn) {
  program.defs[fn].param = false;
  delete program.defs[fn].pfut;
  for (const list of allLists(program)) {
    for (const s of list) {
      const calls = callsOf(s);
      for (const c of calls) if (c.def === fn) c.arg = null;
    }
  }
}

/** All valid one-step simplifications of `program`, smallest first, without duplicates. */
export function candidates(program) {
  const out = [];
  const original = statements(program);
  original.forEach(({ list, i }, index) => {
    for (const edit of editsFor(list[i])) {
      const copy = clone(program);
      const at = statements(copy)[index];
      edit(at.list, at.i);
      out.push(copy);
    }
  });
  program.defs.forEach((d, fn) => {
    const copy = clone(program);
    copy.defs.splice(fn, 1);
    renumberCalls(copy, fn);
    out.push(copy);
    if (d.param) {
      const dropped = clone(program);
      dropParam(dropped, fn);
      out.push(dropped);
    }
  });
  (program.objs ?? []).forEach((o, j) => {
    const dropped = clone(program);
    dropped.objs.splice(j, 1);
    out.push(dropped);
    const least = { sem: 1, bsem: 1, barrier: 1, queue: 0 }[o.kind];
    if (least !== undefined && o.n > least) {
      const lowered = clone(program);
      lowered.objs[j].n = least;
      out.push(lowered);
    }
    if (o.variant !== undefined && o.variant !== "fifo") {
      const fifo = clone(program);
      fifo.objs[j].variant = "fifo";
      out.push(fifo);
    }
  });
  if ((program.cvs ?? 0) > 0) {
    // Drop the last context variable (valid only once nothing uses it).
    const fewer = clone(program);
    fewer.cvs -= 1;
    out.push(fewer);
  }
  if (program.eager) out.push({ ...clone(program), eager: false });
  if ((program.runs ?? 1) > 1) out.push({ ...clone(program), runs: 1 });
  if (program.eh != null) {
    const { eh, ...rest } = clone(program);
    out.push(rest);
    if (eh !== "print") out.push({ ...rest, eh: "print" });
  }
  const seen = new Set([JSON.stringify(program)]);
  const keep = [];
  for (const c of out) {
    const key = JSON.stringify(c);
    if (seen.has(key) || validate(c) !== null) continue;
    seen.add(key);
    keep.push(c);
  }
  return keep
    .map((c, n) => [size(c), n, c])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .map((x) => x[2]);
}

/**
 * Shrinks `program` while `stillFails` (async, programs[] -> boolean[]) says a
 * candidate keeps failing. Returns { program, rounds, tried }.
 */
export async function shrink(program, stillFails, { maxRounds = 200 } = {}) {
  let current = program;
  let rounds = 0;
  let tried = 0;
  while (rounds < maxRounds) {
    const cands = candidates(current);
    if (cands.length === 0) break;
    const verdicts = await stillFails(cands);
    tried += cands.length;
    const next = cands.findIndex((_, i) => verdicts[i]);
    if (next < 0) break;
    current = cands[next];
    rounds += 1;
  }
  return { program: current, rounds, tried };
}
