// Renders a program of ast.mjs for asyncio-ts: generator functions and yield*.
// Plain JavaScript for the fuzzer's batches, or TypeScript (`ts: true`) in the
// conformance/scenarios style for a saved scenario twin.

import {
  CALLBACKS,
  DEADLOCK_LINE,
  DEADLOCK_STATUS,
  DONE_RAISERS,
  paramName,
  uses,
} from "./ast.mjs";

const q = (s) => `"${s}"`;

/** Python's `except Exception` lets these through. */
const PRELUDE = (ts) => `class MyError extends Error {}

class MyBase extends asyncio.BaseException {}

function out(text${ts ? ": string" : ""})${ts ? ": void" : ""} {
  console.log(\`\${now()} \${text}\`);
}

function isBase(e${ts ? ": unknown" : ""})${ts ? ": e is asyncio.BaseException | asyncio.BaseExceptionGroup" : ""} {
  return (
    e instanceof asyncio.BaseException ||
    (e instanceof asyncio.BaseExceptionGroup && !(e instanceof asyncio.ExceptionGroup))
  );
}

function cvget(v${ts ? ": asyncio.ContextVar<number>" : ""})${ts ? ": string" : ""} {
  try {
    return show(v.get());
  } catch (e) {
    if (!(e instanceof asyncio.LookupError)) throw e;
    return describe(e).split(":")[0]${ts ? "!" : ""};
  }
}

function tstate(t${ts ? ": asyncio.Future<unknown>" : ""})${ts ? ": string" : ""} {
  if (!t.done()) return "pending";
  if (t.cancelled()) return "cancelled";
  const e = t.exception();
  return e == null ? \`result \${show(t.result())}\` : \`exception \${describe(e)}\`;
}

/** A Token's repr has addresses in CPython: compare the rest of the message. */
function tokerr(e${ts ? ": unknown" : ""})${ts ? ": string" : ""} {
  return describe(e).replace(/<Token.*> (has|was) /, "<Token> $1 ");
}

function settle(fu${ts ? ": asyncio.Future<string>" : ""}, how${ts ? ": string" : ""}, label${ts ? ": string" : ""}, msg${ts ? "?: string" : ""})${ts ? ": void" : ""} {
  try {
    if (how === "result") {
      fu.setResult(label);
      out(\`\${label} set_result\`);
    } else if (how === "exception") {
      fu.setException(new MyError(label));
      out(\`\${label} set_exception\`);
    } else if (how === "cancelExc") {
      fu.setException(new asyncio.CancelledError(label));
      out(\`\${label} set_exception\`);
    } else {
      out(\`\${label} cancel -> \${show(msg === undefined ? fu.cancel() : fu.cancel(msg))}\`);
    }
  } catch (e) {
    if (isBase(e)) throw e;
    out(\`\${label} raised \${describe(e)}\`);
  }
}

function peek(f${ts ? ": asyncio.Future<unknown>" : ""})${ts ? ": string" : ""} {
  const parts${ts ? ": string[]" : ""} = [];
  const getters${ts ? ": [string, () => unknown][]" : ""} = [
    ["result", () => f.result()],
    ["exception", () => f.exception()],
  ];
  for (const [name, get] of getters) {
    try {
      parts.push(\`\${name}=\${show(get())}\`);
    } catch (e) {
      parts.push(\`\${name} raised \${describe(e)}\`);
    }
  }
  return parts.join(" ");
}

const RAISES${ts ? ": Record<string, new (label: string) => Error>" : ""} = {
  MyError,
  ValueError: asyncio.ValueError,
  MyBase,
  KeyboardInterrupt: asyncio.KeyboardInterrupt,
  SystemExit: asyncio.SystemExit,
};

function boom(label${ts ? ": string" : ""}, cls${ts ? ": string" : ""})${ts ? ": never" : ""} {
  out(\`\${label} boom\`);
  throw new RAISES[cls]${ts ? "!" : ""}(label);
}
${Object.entries(DONE_RAISERS)
  .map(
    ([cls, name]) => `
function ${name}(fut${ts ? ": asyncio.Future<unknown>" : ""})${ts ? ": never" : ""} {
  out(\`${name} \${peek(fut)}\`);
  throw new RAISES.${cls}${ts ? "!" : ""}("${name}");
}
`,
  )
  .join("")}
/** Reports made when CPython frees the Task or Future, asyncio-ts at loop close: never printed. */
const IGNORED = /exception was never retrieved|destroyed but it is pending/;

function message(text${ts ? ": string | undefined" : ""})${ts ? ": string" : ""} {
  return text ?? "";
}

function reported(context${ts ? ": asyncio.ExceptionContext" : ""})${ts ? ": string" : ""} {
  const exc = context.exception;
  let tail = exc === undefined ? "" : \` -> \${describe(exc)}\`;
  // A Handle's repr (not a Task's or Future's: their coroutines print differently).
  if ("handle" in context) tail += \` \${String(context.handle)}\`;
  return \`\${show(Object.keys(context).sort())} \${message(context.message)}\${tail}\`;
}

function logline(text${ts ? ": string" : ""})${ts ? ": void" : ""} {
  try {
    out(text);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(text);
  }
}

// What the loop's default handler writes with console.error, on stdout: its
// first line (the message), the keys of the lines after it, the Handle and the exception
// (from the context the handler was given, or console.error's second argument).
let logged${ts ? ": unknown" : ""};
const defaultHandler = asyncio.EventLoop.prototype.defaultExceptionHandler;
asyncio.EventLoop.prototype.defaultExceptionHandler = function (${ts ? "this: asyncio.EventLoop, context: asyncio.ExceptionContext" : "context"}) {
  logged = context.exception;
  try {
    defaultHandler.call(this, context);
  } finally {
    logged = undefined;
  }
};
console.error = (text${ts ? ": string" : ""}, ...rest${ts ? ": unknown[]" : ""}) => {
  const lines = String(text).split("\\n");
  if (IGNORED.test(lines[0]${ts ? "!" : ""})) return;
  const keys = lines.slice(1).flatMap((l) => /^([a-z_]+): /.exec(l)?.[1] ?? []);
  const exc = rest.length > 0 ? rest[0] : logged;
  let tail = exc === undefined ? "" : \` -> \${describe(exc)}\`;
  for (const line of lines.slice(1)) if (line.startsWith("handle: ")) tail += \` \${line.slice(8)}\`;
  logline(\`log: \${show(keys)} \${message(lines[0])}\${tail}\`);
};
`;

/** Task labels for wait(): a Map from task to label, as the dict on the Python side. */
const LABELS = (ts) => `
const labels = new Map${ts ? "<unknown, string>" : ""}();

function labelTask${ts ? "<T>" : ""}(t${ts ? ": T" : ""}, name${ts ? ": string" : ""})${ts ? ": T" : ""} {
  labels.set(t, name);
  return t;
}

function names(tasks${ts ? ": Iterable<unknown>" : ""})${ts ? ": string[]" : ""} {
  return [...tasks].map((t) => labels.get(t)${ts ? "!" : ""}).sort();
}
`;

function call(c) {
  return `c${c.def}(${c.arg ?? ""})`;
}

const log = (text) => `out(\`${text}\`);`;
const aw = (x) => (typeof x === "string" ? x : call(x));
const num = (d) => (d === null ? "undefined" : String(d));

/** Rendering context: the function's name (for task labels) and whether tasks get labels. */
let fnName = "main";
let labelled = false;

function stmts(list, ind) {
  return list.flatMap((s) => stmt(s, ind));
}

/** Prints `label -> show(expr)`, or `label raised describe(e)` for an Exception. */
function guarded(label, expr, ind) {
  return [
    `${ind}try {`,
    `${ind}  ${log(`${label} -> \${show(${expr})}`)}`,
    `${ind}} catch (e) {`,
    `${ind}  if (isBase(e)) throw e;`,
    `${ind}  ${log(`${label} raised \${describe(e)}`)}`,
    `${ind}}`,
  ];
}

/** What `state` prints for object `name` (its kind is in its name's prefix). */
function stateExpr(name) {
  if (name.startsWith("ev")) return `${name}.isSet()`;
  if (name.startsWith("q")) return `[${name}.qsize(), ${name}.empty(), ${name}.full()]`;
  if (name.startsWith("br")) return `[${name}.nWaiting, ${name}.broken]`;
  return `${name}.locked()`;
}

const QUEUES = { fifo: "Queue", lifo: "LifoQueue", prio: "PriorityQueue" };

const CONSTRUCTORS = {
  lock: () => "new asyncio.Lock()",
  sem: (n) => `new asyncio.Semaphore(${n})`,
  bsem: (n) => `new asyncio.BoundedSemaphore(${n})`,
  cond: () => "new asyncio.Condition()",
  event: () => "new asyncio.Event()",
  queue: (n, variant) => `new asyncio.${QUEUES[variant ?? "fifo"]}${"<string>"}(${n})`,
  barrier: (n) => `new asyncio.Barrier(${n})`,
};

function stmt(s, ind) {
  const i2 = `${ind}  `;
  const line = (text) => [`${ind}${text}`];
  switch (s.k) {
    case "print":
      return line(log(s.label));
    case "sleep":
      return line(`yield* asyncio.sleep(${s.d});`);
    case "spawn": {
      const context =
        s.ctx == null
          ? ""
          : `, { context: ${s.ctx === "copy" ? "asyncio.copyContext()" : `${s.ctx}.getContext()`} }`;
      const task = `${s.tg ? `${s.tg}.createTask` : "asyncio.createTask"}(${call(s.call)}${context})`;
      return line(`const ${s.v} = ${labelled ? `labelTask(${task}, "${fnName}.${s.v}")` : task};`);
    }
    case "await":
      return [
        `${ind}try {`,
        `${i2}${log(`${s.label} -> \${show(yield* ${s.v})}`)}`,
        `${ind}} catch (e) {`,
        ...(s.base ? [] : [`${i2}if (isBase(e)) throw e;`]),
        `${i2}${log(`${s.label} raised \${describe(e)}`)}`,
        `${ind}}`,
      ];
    case "cancel":
      return line(log(`${s.label} cancel -> \${show(${s.v}.cancel(${s.msg ? q(s.msg) : ""}))}`));
    case "call":
      return line(log(`${s.label} -> \${show(yield* ${call(s.call)})}`));
    case "gather": {
      const items = s.items.map((x) => (typeof x === "string" ? x : call(x)));
      if (s.ret) items.push("{ returnExceptions: true }");
      return line(log(`${s.label} -> \${show(yield* asyncio.gather(${items.join(", ")}))}`));
    }
    case "gatherFut": {
      const items = s.items.map(aw);
      if (s.ret) items.push("{ returnExceptions: true }");
      const fut = `asyncio.gather(${items.join(", ")})`;
      return line(`const ${s.v} = ${labelled ? `labelTask(${fut}, "${fnName}.${s.v}")` : fut};`);
    }
    case "asCompleted": {
      const args = `[${s.items.map(aw).join(", ")}]${s.timeout === null ? "" : `, { timeout: ${s.timeout} }`}`;
      if (s.mode === "iter") {
        return [
          `${ind}for (const f of asyncio.asCompleted(${args})) {`,
          ...guarded(s.label, "yield* f", i2),
          `${ind}}`,
        ];
      }
      return [
        `${ind}try {`,
        `${i2}yield* asyncio.asyncFor(asyncio.asCompleted(${args}), function* (t) {`,
        ...guarded(`${s.label} got \${labels.get(t)}`, "yield* t", `${i2}  `),
        `${i2}});`,
        `${ind}} catch (e) {`,
        `${i2}if (isBase(e)) throw e;`,
        `${i2}${log(`${s.label} raised \${describe(e)}`)}`,
        `${ind}}`,
      ];
    }
    case "tryStar": {
      const cls = (c) => (c === "MyError" ? "MyError" : `asyncio.${c}`);
      const clause = (c, label, h) => [
        `${i2}[${cls(c)}, function* (eg) {`,
        `${i2}  ${log(`${label} caught* \${describe(eg)}`)}`,
        ...stmts(h, `${i2}  `),
        `${i2}}],`,
      ];
      return [
        `${ind}try {`,
        ...stmts(s.body, i2),
        `${ind}} catch (e) {`,
        `${i2}yield* asyncio.exceptStarAsync(`,
        `${i2}  e,`,
        ...clause(s.cls0, s.label0, s.h0).map((l) => `  ${l}`),
        ...(s.cls1 !== null ? clause(s.cls1, s.label1, s.h1).map((l) => `  ${l}`) : []),
        `${i2});`,
        `${ind}}`,
      ];
    }
    case "yield":
      return line(`yield* emit("${s.label}");`);
    case "agen": {
      const g = `a${s.label}`;
      return [
        `${ind}const ${g} = ${call(s.call)};`,
        `${ind}try {`,
        `${i2}yield* asyncio.asyncFor(${g}, function* (x) {`,
        `${i2}  ${log(`${s.label} got \${show(x)}`)}`,
        ...(s.brk !== null
          ? [`${i2}  if (x === "${s.brk}") return false;`, `${i2}  return true;`]
          : []),
        `${i2}});`,
        `${ind}} catch (e) {`,
        `${i2}if (isBase(e)) throw e;`,
        `${i2}${log(`${s.label} raised \${describe(e)}`)}`,
        `${ind}}`,
        ...(s.end === "athrow"
          ? [
              `${ind}try {`,
              `${i2}const r = yield* ${g}.athrow(new MyError("${s.label}"));`,
              `${i2}${log(`${s.label} athrow -> \${r.done ? "done" : show(r.value)}`)}`,
              `${ind}} catch (e) {`,
              `${i2}if (isBase(e)) throw e;`,
              `${i2}${log(`${s.label} athrow raised \${describe(e)}`)}`,
              `${ind}}`,
            ]
          : []),
        ...(s.end !== null
          ? [
              `${ind}try {`,
              `${i2}yield* ${g}.aclose();`,
              `${i2}${log(`${s.label} closed`)}`,
              `${ind}} catch (e) {`,
              `${i2}if (isBase(e)) throw e;`,
              `${i2}${log(`${s.label} aclose raised \${describe(e)}`)}`,
              `${ind}}`,
            ]
          : []),
      ];
    }
    case "callback": {
      const f = s.v
        ? `() => ${log(`${s.label} cancel -> \${show(${s.v}.cancel())}`).slice(0, -1)}`
        : s.obj
          ? `() => {\n${i2}  ${s.obj}.set();\n${i2}  ${log(`${s.label} set`)}\n${ind}}`
          : `() => ${log(s.label).slice(0, -1)}`;
      return line(
        s.d === null
          ? `asyncio.getRunningLoop().callSoon(${f});`
          : `asyncio.getRunningLoop().callLater(${s.d}, ${f});`,
      );
    }
    case "tstate":
      return line(log(`${s.label} \${tstate(${s.v})}`));
    case "allTasks":
      return line(log(`${s.label} tasks=\${asyncio.allTasks().size}`));
    case "taskgroup":
      return [
        `${ind}yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (${s.tg}) {`,
        ...stmts(s.body, i2),
        `${ind}});`,
      ];
    case "raise":
      return line(
        `throw new ${s.cls === "MyError" || s.cls === "MyBase" ? s.cls : `asyncio.${s.cls}`}(${q(s.msg)});`,
      );
    case "tryExcept":
      return [
        `${ind}try {`,
        ...stmts(s.body, i2),
        `${ind}} catch (e) {`,
        `${i2}if (isBase(e)) throw e;`,
        `${i2}${log(`${s.label} caught \${describe(e)}`)}`,
        ...stmts(s.handler, i2),
        `${ind}}`,
      ];
    case "tryCancel":
      return [
        `${ind}try {`,
        ...stmts(s.body, i2),
        `${ind}} catch (e) {`,
        `${i2}if (!(e instanceof asyncio.CancelledError)) throw e;`,
        `${i2}${log(`${s.label} cancelled \${describe(e)}`)}`,
        ...(s.reraise ? [`${i2}throw e;`] : []),
        `${ind}}`,
      ];
    case "tryFinally":
      return [
        `${ind}try {`,
        ...stmts(s.body, i2),
        `${ind}} finally {`,
        `${i2}${log(`${s.label} finally`)}`,
        ...stmts(s.final, i2),
        `${ind}}`,
      ];
    case "selfCancel":
      return line(
        log(
          `${s.label} self cancel -> \${show(asyncio.currentTask()!.cancel(${s.msg ? q(s.msg) : ""}))}`,
        ),
      );
    case "cancelling":
      return line(log(`${s.label} cancelling=\${asyncio.currentTask()!.cancelling()}`));
    case "uncancel":
      return line(log(`${s.label} uncancel=\${asyncio.currentTask()!.uncancel()}`));
    case "timeout": {
      const j = s.catch ? `${i2}  ` : i2;
      const lines = [
        `${j}const ${s.to} = asyncio.${
          s.at && s.d !== null
            ? `timeoutAt(asyncio.getRunningLoop().time() + ${s.d})`
            : `${s.at ? "timeoutAt" : "timeout"}(${num(s.d)})`
        };`,
        `${j}yield* asyncio.asyncWith(${s.to}, function* (${s.to}) {`,
        ...stmts(s.body, `${j}  `),
        `${j}});`,
        `${j}${log(`${s.label} expired=\${show(${s.to}.expired())}`)}`,
      ];
      if (!s.catch) return [`${ind}{`, ...lines, `${ind}}`];
      return [
        `${ind}try {`,
        `${i2}{`,
        ...lines,
        `${i2}}`,
        `${ind}} catch (e) {`,
        `${i2}if (!(e instanceof asyncio.TimeoutError)) throw e;`,
        `${i2}${log(`${s.label} timeout \${describe(e)}`)}`,
        `${ind}}`,
      ];
    }
    case "toWhen":
      return line(
        log(
          `${s.label} when=\${show(${s.to}.when() == null ? null : ${s.to}.when()! - asyncio.getRunningLoop().time())}`,
        ),
      );
    case "reschedule":
      return line(
        `${s.to}.reschedule(${s.d === null ? "undefined" : `asyncio.getRunningLoop().time() + ${s.d}`});`,
      );
    case "waitFor":
      return guarded(s.label, `yield* asyncio.waitFor(${aw(s.aw)}, ${num(s.d)})`, ind);
    case "shield": {
      const shielded = `asyncio.shield(${aw(s.aw)})`;
      const expr = s.guard === null ? shielded : `asyncio.waitFor(${shielded}, ${s.guard})`;
      return guarded(s.label, `yield* ${expr}`, ind);
    }
    case "wait": {
      const opts = [];
      if (s.timeout !== null) opts.push(`timeout: ${s.timeout}`);
      if (s.when !== "ALL_COMPLETED") opts.push(`returnWhen: asyncio.${s.when}`);
      const args = [`[${s.items.join(", ")}]`];
      if (opts.length > 0) args.push(`{ ${opts.join(", ")} }`);
      return [
        `${ind}try {`,
        `${i2}const [done, pending] = yield* asyncio.wait(${args.join(", ")});`,
        `${i2}${log(`${s.label} done=\${show(names(done))} pending=\${show(names(pending))}`)}`,
        `${ind}} catch (e) {`,
        `${i2}if (isBase(e)) throw e;`,
        `${i2}${log(`${s.label} raised \${describe(e)}`)}`,
        `${ind}}`,
      ];
    }
    case "acquire":
      return [
        `${ind}yield* asyncio.asyncWith(${s.obj}, function* () {`,
        ...stmts(s.body, i2),
        `${ind}});`,
      ];
    case "acqTimed":
      return [
        `${ind}{`,
        `${i2}let acquired = false;`,
        `${i2}try {`,
        `${i2}  yield* asyncio.waitFor(${s.obj}.acquire(), ${s.d});`,
        `${i2}  acquired = true;`,
        `${i2}} catch (e) {`,
        `${i2}  if (!(e instanceof asyncio.TimeoutError)) throw e;`,
        `${i2}  ${log(`${s.label} timeout`)}`,
        `${i2}}`,
        `${i2}if (acquired) {`,
        `${i2}  ${log(`${s.label} acquired`)}`,
        `${i2}  try {`,
        ...stmts(s.body, `${i2}    `),
        `${i2}  } finally {`,
        `${i2}    ${s.obj}.release();`,
        `${i2}  }`,
        `${i2}}`,
        `${ind}}`,
      ];
    case "release":
      return guarded(s.label, `${s.obj}.release()`, ind);
    case "evSet":
      return line(`${s.obj}.set();`);
    case "evClear":
      return line(`${s.obj}.clear();`);
    case "evWait":
      return guarded(s.label, `yield* asyncio.waitFor(${s.obj}.wait(), ${s.d})`, ind);
    case "qPut": {
      const put = `${s.obj}.put(${q(s.item)})`;
      return guarded(
        s.label,
        `yield* ${s.d === null ? put : `asyncio.waitFor(${put}, ${s.d})`}`,
        ind,
      );
    }
    case "qGet":
      return guarded(s.label, `yield* asyncio.waitFor(${s.obj}.get(), ${s.d})`, ind);
    case "qJoin":
      return guarded(s.label, `yield* asyncio.waitFor(${s.obj}.join(), ${s.d})`, ind);
    case "qPutNowait":
      return guarded(s.label, `${s.obj}.putNowait(${q(s.item)})`, ind);
    case "qGetNowait":
      return guarded(s.label, `${s.obj}.getNowait()`, ind);
    case "qTaskDone":
      return guarded(s.label, `${s.obj}.taskDone()`, ind);
    case "qShutdown":
      return line(`${s.obj}.shutdown(${s.immediate ? "true" : ""});`);
    case "cdNotify":
      return [
        `${ind}yield* asyncio.asyncWith(${s.obj}, function* () {`,
        `${i2}${s.obj}n[0]! += 1;`,
        `${i2}${s.n === null ? `${s.obj}.notifyAll()` : `${s.obj}.notify(${s.n})`};`,
        `${i2}${log(`${s.label} notify`)}`,
        `${ind}});`,
      ];
    case "cdWait":
    case "cdWaitFor": {
      const w = s.k === "cdWait" ? "wait()" : `waitFor(() => ${s.obj}n[0]! >= ${s.n})`;
      return [
        `${ind}yield* asyncio.asyncWith(${s.obj}, function* () {`,
        ...guarded(s.label, `yield* asyncio.waitFor(${s.obj}.${w}, ${s.d})`, i2),
        `${ind}});`,
      ];
    }
    case "brWait":
      return guarded(s.label, `yield* asyncio.waitFor(${s.obj}.wait(), ${s.d})`, ind);
    case "brAbort":
      return line(`yield* ${s.obj}.abort();`);
    case "brReset":
      return line(`yield* ${s.obj}.reset();`);
    case "state":
      return line(log(`${s.label} \${show(${stateExpr(s.obj)})}`));
    case "cvSet":
      return line(`${s.tok !== null ? `const ${s.tok} = ` : ""}${s.var}.set(${s.value});`);
    case "cvGet":
      return line(log(`${s.label} ${s.var}=\${cvget(${s.var})}`));
    case "cvReset":
      return [
        `${ind}try {`,
        `${i2}${s.var}.reset(${s.tok});`,
        `${i2}${log(`${s.label} reset ${s.var}=\${cvget(${s.var})}`)}`,
        `${ind}} catch (e) {`,
        `${i2}if (isBase(e)) throw e;`,
        `${i2}${log(`${s.label} reset raised \${tokerr(e)}`)}`,
        `${ind}}`,
      ];
    case "future": {
      const fut = "asyncio.getRunningLoop().createFuture<string>()";
      return line(`const ${s.v} = ${labelled ? `labelTask(${fut}, "${fnName}.${s.v}")` : fut};`);
    }
    case "fuSettle": {
      const args = [s.v, q(s.how), q(s.label), ...(s.msg !== null ? [q(s.msg)] : [])].join(", ");
      if (s.when === "now") return line(`settle(${args});`);
      const loop = "asyncio.getRunningLoop()";
      return line(
        s.when === "soon"
          ? `${loop}.callSoon(settle, ${args});`
          : `${loop}.callLater(${s.when}, settle, ${args});`,
      );
    }
    case "fuAddCb": {
      const context =
        s.ctx == null
          ? ""
          : `, { context: ${s.ctx === "copy" ? "asyncio.copyContext()" : `${s.ctx}.getContext()`} }`;
      return line(`${s.v}.addDoneCallback(cb${s.cb}${context});`);
    }
    case "fuRemoveCb":
      return line(log(`${s.label} removed \${${s.v}.removeDoneCallback(cb${s.cb})}`));
    case "fuPeek":
      return line(log(`${s.label} \${peek(${s.v})}`));
    case "cbRaise": {
      const loop = "asyncio.getRunningLoop()";
      const args = `boom, ${q(s.label)}, ${q(s.cls)}`;
      return line(
        s.d === null ? `${loop}.callSoon(${args});` : `${loop}.callLater(${s.d}, ${args});`,
      );
    }
    case "fuAddRaise":
      return line(`${s.v}.addDoneCallback(${DONE_RAISERS[s.cls]});`);
    case "fuCancelCb": {
      const cancel = `${s.t}.cancel(${s.msg ? q(s.msg) : ""})`;
      return line(
        `${s.v}.addDoneCallback(() => ${log(`${s.label} cancel -> \${show(${cancel})}`).slice(0, -1)});`,
      );
    }
    case "ctxRun":
      return [
        `${ind}${s.task == null ? "asyncio.copyContext()" : `${s.task}.getContext()`}.run(() => {`,
        ...stmts(s.body, i2),
        `${ind}});`,
      ];
    default:
      throw new Error(`unknown statement ${s.k}`);
  }
}

/** The defs, main and the run of one program, indented by `ind`. */
function programLines(program, ind, ts) {
  const i2 = `${ind}  `;
  const i3 = `${i2}  `;
  const coro = ts ? ": asyncio.Coroutine<string>" : "";
  const lines = [];
  labelled = uses(program, "wait") || uses(program, "asCompleted");
  for (const o of program.objs ?? []) {
    lines.push(`${ind}const ${o.name} = ${CONSTRUCTORS[o.kind](o.n, o.variant)};`);
    if (o.kind === "cond") lines.push(`${ind}const ${o.name}n = [0];`);
  }
  for (let i = 0; i < (program.cvs ?? 0); i++) {
    const dflt = i === 0 ? ", { default: 0 }" : "";
    lines.push(`${ind}const cv${i} = new asyncio.ContextVar${"<number>"}("cv${i}"${dflt});`);
  }
  if (lines.length > 0) lines.push("");
  if (uses(program, "fuAddCb") || uses(program, "fuRemoveCb")) {
    // The done callbacks: each prints its Future's outcome and the Context it runs in.
    let vars = "";
    for (let i = 0; i < (program.cvs ?? 0); i++) vars += ` cv${i}=\${cvget(cv${i})}`;
    const fut = ts ? "fut: asyncio.Future<unknown>" : "fut";
    for (let i = 0; i < CALLBACKS; i++) {
      const print = log(`cb${i} \${peek(fut)}${vars}`);
      // The last one also sets cv0 in the Context it runs in (a Task's is seen by the Task).
      if (i === CALLBACKS - 1 && (program.cvs ?? 0) > 0) {
        lines.push(`${ind}const cb${i} = (${fut}) => {`, `${ind}  ${print}`);
        lines.push(`${ind}  cv0.set(cv0.get() + 100);`, `${ind}};`, "");
      } else {
        lines.push(`${ind}const cb${i} = (${fut}) => ${print}`, "");
      }
    }
  }
  if (program.eh != null) {
    // The exception handler: prints what it is given, in the Context it runs in.
    let vars = "";
    for (let i = 0; i < (program.cvs ?? 0); i++) vars += ` cv${i}=\${cvget(cv${i})}`;
    const raise = {
      raise: "MyError",
      interrupt: "asyncio.KeyboardInterrupt",
      exit: "asyncio.SystemExit",
    }[program.eh];
    const params = ts
      ? "_loop: asyncio.EventLoop, context: asyncio.ExceptionContext"
      : "_loop, context";
    lines.push(
      `${ind}const handler = (${params}) => {`,
      `${ind}  if (IGNORED.test(context.message ?? "")) return;`,
      `${ind}  ${log(`handler \${reported(context)}${vars}`)}`,
      ...(raise ? [`${ind}  throw new ${raise}("handler");`] : []),
      `${ind}};`,
      "",
    );
  }
  program.defs.forEach((d, i) => {
    fnName = `c${i}`;
    const type = d.pfut ? "asyncio.Future<string>" : "asyncio.Task<string>";
    const param = d.param ? `${paramName(d)}${ts ? `: ${type}` : ""}` : "";
    if (d.gen) {
      const emit = ts ? ": asyncio.Emit<string>" : "";
      lines.push(
        `${ind}function c${i}(${param}) {`,
        `${i2}return asyncio.asyncGenerator(function* c${i}(emit${emit}) {`,
        ...stmts(d.body, `${i2}  `),
        `${i2}});`,
        `${ind}}`,
        "",
      );
      return;
    }
    lines.push(`${ind}function* c${i}(${param})${coro} {`, ...stmts(d.body, i2));
    lines.push(`${i2}return "r${i}";`, `${ind}}`, "");
  });
  fnName = "main";
  lines.push(
    `${ind}function* main()${coro} {`,
    `${i2}startClock();`,
    ...(program.eager
      ? [`${i2}asyncio.getRunningLoop().setTaskFactory(asyncio.eagerTaskFactory);`]
      : []),
    ...(program.eh != null ? [`${i2}asyncio.getRunningLoop().setExceptionHandler(handler);`] : []),
    `${i2}try {`,
    ...stmts(program.main, i3),
    `${i2}} catch (e) {`,
    `${i3}if (isBase(e)) throw e;`,
    `${i3}${log(`main caught \${describe(e)}`)}`,
    `${i2}}`,
    `${i2}return "main";`,
    `${ind}}`,
    "",
  );
  const runOnce = (run, at) => [
    `${at}try {`,
    `${at}  console.log(\`run -> \${show(await ${run})}\`);`,
    `${at}} catch (e) {`,
    `${at}  console.log(\`run raised \${describe(e)}\`);`,
    `${at}}`,
  ];
  if ((program.runs ?? 1) === 1) {
    lines.push(...runOnce("asyncio.run(main(), { virtualTime: true })", ind));
  } else {
    lines.push(
      `${ind}{`,
      `${i2}const runner = new asyncio.Runner({ virtualTime: true });`,
      `${i2}try {`,
      `${i3}for (let i = 0; i < ${program.runs}; i++) {`,
      ...runOnce("runner.run(main())", `${i3}  `),
      `${i3}}`,
      `${i2}} finally {`,
      `${i3}await runner.close();`,
      `${i2}}`,
      `${ind}}`,
    );
  }
  return lines;
}

/** Strips the TypeScript-only non-null assertions for plain JavaScript. */
const untype = (lines) =>
  lines.map((l) =>
    l
      .replaceAll("currentTask()!", "currentTask()")
      .replaceAll("n[0]!", "n[0]")
      .replaceAll(".when()!", ".when()")
      .replaceAll("Queue<string>(", "Queue(")
      .replaceAll("createFuture<string>(", "createFuture(")
      .replaceAll("ContextVar<number>(", "ContextVar("),
  );

/** out(`p1`) without placeholders reads better as out("p1"). */
const plain = (lines) => lines.map((l) => l.replace(/out\(`([^`$]*)`\)/, 'out("$1")'));

/** The program alone, without the helpers every program shares (a divergence's report). */
export function renderTsProgram(program) {
  return `${plain(programLines(program, "", true)).join("\n")}\n`;
}

/** One standalone scenario twin (conformance/scenarios/NAME.ts style). */
export function renderTs(program, comment = []) {
  const head = comment.map((c) => `// ${c}`.trimEnd());
  return `${[
    ...head,
    `import * as asyncio from "../../src/index.js";`,
    `import { describe, now, show, startClock } from "./_trace.js";`,
    "",
    PRELUDE(true),
    ...(uses(program, "wait") || uses(program, "asCompleted") ? [LABELS(true)] : []),
    ...plain(programLines(program, "", true)),
  ].join("\n")}\n`;
}

/**
 * Many programs in one Node process, each on a fresh loop after a separator
 * line. `index` and `trace` are file URLs of dist/src/index.js and the
 * compiled _trace.js; `locks` and `queues` those of dist/src/core/locks/ and
 * queues/ index.js, merged under the index's names (for builds whose index
 * does not export them yet).
 */
export function renderJsBatch(programs, { index, trace, locks, queues }) {
  const out = [
    'import { writeSync } from "node:fs";',
    'import { format } from "node:util";',
    `import * as asyncioIndex from ${JSON.stringify(index)};`,
    `import * as asyncioLocks from ${JSON.stringify(locks)};`,
    `import * as asyncioQueues from ${JSON.stringify(queues)};`,
    `import { describe, now, show, startClock } from ${JSON.stringify(trace)};`,
    "",
    "const asyncio = { ...asyncioLocks, ...asyncioQueues, ...asyncioIndex };",
    "",
    "// Node drops what console.log has not yet written to a pipe when the",
    "// process ends on an uncaught error (a program's SystemExit or",
    "// KeyboardInterrupt escaping its runner's close()): the programs before it",
    "// then lose the end of their traces, and run.mjs blames one of them. Write",
    "// synchronously (retrying while the pipe is full), as CPython's -u does.",
    "console.log = (...args) => {",
    '  const bytes = Buffer.from(format(...args) + "\\n");',
    "  for (let at = 0; at < bytes.length; ) {",
    "    try {",
    "      at += writeSync(1, bytes, at);",
    "    } catch (e) {",
    '      if (e.code !== "EAGAIN") throw e;',
    "    }",
    "  }",
    "};",
    "",
    "// Node runs out of work while a program is unfinished: nothing is ready, no",
    "// timer is pending and no host work is in flight (a deadlock; CPython's",
    "// vtloop says so too). Print the line and end the process, as the Python",
    "// batch does; run.mjs goes on with the next program.",
    "let ended = false;",
    'process.on("beforeExit", () => {',
    "  if (ended) return;",
    `  console.log(${JSON.stringify(DEADLOCK_LINE)});`,
    `  process.exit(${DEADLOCK_STATUS});`,
    "});",
    "",
    PRELUDE(false),
    LABELS(false),
  ];
  programs.forEach((p, n) => {
    out.push(
      `async function program_${n}() {`,
      ...plain(untype(programLines(p, "  ", false))),
      "}",
      "",
    );
    out.push(
      `console.log("=== program ${n} ===");`,
      `await program_${n}();`,
      "labels.clear();",
      "",
    );
  });
  out.push("ended = true;", `console.log("=== end ===");`);
  return `${out.join("\n")}\n`;
}
