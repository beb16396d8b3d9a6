// The fuzzer's language of asyncio programs, as plain JSON-able objects.
//
// Program: { defs: Def[], main: Stmt[] }
//   Def i is the coroutine `c<i>`: { param: boolean, body: Stmt[] }; it returns
//   the string 'r<i>'. With `param` it takes one task `p` (handed down by the
//   caller, always a task that already exists). c<i> may call only c<j>, j > i;
//   main may call any def. So calls are acyclic, and a task only awaits tasks it
//   created or that were created before it: no await cycles, programs terminate.
//
// Call: { def: number, arg: string | null }      c<def>(arg)
// Stmt (field `k` is the kind):
//   print      { label }                          print "<time> label"
//   sleep      { d }                              await asyncio.sleep(d)
//   spawn      { v, call, tg }                    v = create_task(call) (tg: via that TaskGroup)
//   await      { v, label, base }                 print the task's result or error
//                                                 (base: also catch BaseException)
//   cancel     { v, label, msg }                  print v.cancel(msg)
//   call       { call, label }                    print(await call)
//   gather     { items: (string|Call)[], ret, label }  print(await gather(..., return_exceptions=ret))
//   taskgroup  { tg, body }                       async with TaskGroup() as tg: body
//   raise      { cls: "ValueError"|"MyError", msg }
//   tryExcept  { body, label, handler }           except Exception as e: print(describe(e)); handler
//   tryCancel  { body, label, reraise }           except CancelledError: print; [raise]
//   tryFinally { body, label, final }             finally: print; final
//   cancelling { label }                          print current_task().cancelling()
//   uncancel   { label }                          print current_task().uncancel()
//
// Scoping: a statement may name a task spawned earlier in its own statement list
// or in an enclosing list (or `p`). Names never leak out of a nested body, so a
// referenced task always exists when the reference runs.

/** The nested statement lists of a statement, as [field, list] pairs. */
export function childLists(stmt) {
  switch (stmt.k) {
    case "taskgroup":
      return [["body", stmt.body]];
    case "tryExcept":
      return [
        ["body", stmt.body],
        ["handler", stmt.handler],
      ];
    case "tryCancel":
      return [["body", stmt.body]];
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
  if (stmt.k === "spawn" || stmt.k === "call") return [stmt.call];
  if (stmt.k === "gather") return stmt.items.filter((x) => typeof x !== "string");
  return [];
}

/** Task names a statement reads directly. */
export function refsOf(stmt) {
  const refs = callsOf(stmt)
    .map((c) => c.arg)
    .filter((a) => a !== null);
  if (stmt.k === "await" || stmt.k === "cancel") refs.push(stmt.v);
  if (stmt.k === "gather") refs.push(...stmt.items.filter((x) => typeof x === "string"));
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
        childLists(s).reduce((m, [, l]) => m + count(l), 0),
      0,
    );
  return program.defs.reduce(
    (n, d) => n + 1 + (d.param ? 1 : 0) + count(d.body),
    count(program.main),
  );
}

export function clone(x) {
  return JSON.parse(JSON.stringify(x));
}

/**
 * Checks the scoping and call rules above; returns an error string or null.
 * The shrinker uses it to discard candidates that broke a reference.
 */
export function validate(program) {
  const { defs } = program;
  function checkList(list, fn, scope, tgs) {
    const local = [...scope];
    for (const s of list) {
      for (const c of callsOf(s)) {
        if (!(c.def >= 0 && c.def < defs.length)) return `no def c${c.def}`;
        if (fn >= 0 && c.def <= fn) return `c${fn} calls c${c.def}`;
        if (defs[c.def].param !== (c.arg !== null)) return `bad arity for c${c.def}`;
      }
      for (const r of refsOf(s)) if (!local.includes(r)) return `${r} not in scope`;
      if (s.k === "spawn" && s.tg !== null && !tgs.includes(s.tg)) return `${s.tg} not in scope`;
      if (s.k === "taskgroup" && tgs.includes(s.tg)) return `${s.tg} shadowed`;
      const innerTgs = s.k === "taskgroup" ? [...tgs, s.tg] : tgs;
      for (const [, l] of childLists(s)) {
        const err = checkList(l, fn, local, innerTgs);
        if (err) return err;
      }
      if (s.k === "spawn") {
        if (local.includes(s.v)) return `${s.v} spawned twice`;
        local.push(s.v);
      }
    }
    return null;
  }
  for (let i = 0; i < defs.length; i++) {
    const err = checkList(defs[i].body, i, defs[i].param ? ["p"] : [], []);
    if (err) return `c${i}: ${err}`;
  }
  const err = checkList(program.main, -1, [], []);
  return err ? `main: ${err}` : null;
}
