// Renders a program of ast.mjs as CPython asyncio code on vtloop's virtual time.

import {
  CALLBACKS,
  DEADLOCK_LINE,
  DEADLOCK_STATUS,
  DONE_RAISERS,
  paramName,
  uses,
} from "./ast.mjs";

const HEADER = `import asyncio
import contextvars
import logging
import re
from vtloop import vtrun, vtrunner
from _trace import describe, now, show, start_clock


class MyError(Exception):
    pass


class MyBase(BaseException):
    pass


def out(text):
    # A Context's repr has an address in CPython; asyncio-ts's reprs have
    # none (docs/porting.md, "print, str and repr"): print it as "<Context>".
    text = re.sub(r"<_contextvars.Context object at 0x[0-9a-f]+>", "<Context>", text)
    print(f"{now()} {text}")


labels = {}


def label_task(t, name):
    labels[t] = name
    return t


def names(tasks):
    return sorted(labels[t] for t in tasks)


def cvget(var):
    try:
        return show(var.get())
    except LookupError as e:
        return type(e).__name__


def tstate(t):
    if not t.done():
        return "pending"
    if t.cancelled():
        return "cancelled"
    e = t.exception()
    return f"result {show(t.result())}" if e is None else f"exception {describe(e)}"


def tokerr(e):
    # A Token's repr has addresses: compare the rest of the message.
    return re.sub(r"<Token.*> (has|was) ", r"<Token> \\1 ", describe(e))


def settle(fu, how, label, msg=None):
    try:
        if how == "result":
            fu.set_result(label)
            out(f"{label} set_result")
        elif how == "exception":
            fu.set_exception(MyError(label))
            out(f"{label} set_exception")
        elif how == "cancelExc":
            fu.set_exception(asyncio.CancelledError(label))
            out(f"{label} set_exception")
        else:
            out(f"{label} cancel -> {show(fu.cancel() if msg is None else fu.cancel(msg))}")
    except Exception as e:
        out(f"{label} raised {describe(e)}")


def peek(f):
    parts = []
    for name, get in (("result", f.result), ("exception", f.exception)):
        try:
            parts.append(f"{name}={show(get())}")
        except BaseException as e:
            parts.append(f"{name} raised {describe(e)}")
    return " ".join(parts)


RAISES = {c.__name__: c for c in (MyError, ValueError, MyBase, KeyboardInterrupt, SystemExit)}


def boom(label, cls):
    out(f"{label} boom")
    raise RAISES[cls](label)

${Object.entries(DONE_RAISERS)
  .map(
    ([cls, name]) =>
      `\n\ndef ${name}(fut):\n    out(f"${name} {peek(fut)}")\n    raise ${cls}("${name}")\n`,
  )
  .join("")}

# Reports whose moment differs (conformance/README.md, "Known divergences"):
# CPython makes them when the Task or Future is freed, JavaScript cannot see
# that moment and asyncio-ts makes them when the loop closes. Never printed.
IGNORED = re.compile(r"exception was never retrieved|destroyed but it is pending")


def message(text):
    # CPython appends the callback's source (" at FILE:LINE") and names a
    # function of the batch's program_N by its qualified name; reprs have addresses.
    text = re.sub(r" at \\S+:\\d+", "", text or "")
    text = re.sub(r"\\w+\\.<locals>\\.", "", text)
    return re.sub(r" at 0x[0-9a-f]+>", ">", text)


def reported(context):
    exc = context.get("exception")
    tail = "" if exc is None else f" -> {describe(exc)}"
    # A Handle's repr (not a Task's or Future's: their coroutines print
    # differently); vtloop's timers are TimerHandles that keep a sequence number.
    if "handle" in context:
        handle = message(repr(context["handle"])).replace("<SeqTimerHandle ", "<TimerHandle ")
        tail += f" {handle}"
    return f"{show(sorted(context))} {message(context.get('message'))}{tail}"


def logline(text):
    try:
        out(text)
    except RuntimeError:
        print(text)


class LogToStdout(logging.Handler):
    # What the loop's default handler logs, on stdout: its first line (the
    # message), the keys of the lines after it, the exception and the Handle.
    def emit(self, record):
        lines = record.getMessage().split("\\n")
        if IGNORED.search(lines[0]):
            return
        keys = [m.group(1) for m in map(re.compile(r"([a-z_]+): ").match, lines[1:]) if m]
        exc = record.exc_info[1] if record.exc_info else None
        tail = "" if exc is None else f" -> {describe(exc)}"
        # The Handle's repr, as the exception handler prints it.
        for line in lines[1:]:
            if line.startswith("handle: "):
                tail += " " + message(line[8:]).replace("<SeqTimerHandle ", "<TimerHandle ")
        logline(f"log: {show(keys)} {message(lines[0])}{tail}")


logging.getLogger("asyncio").addHandler(LogToStdout())
logging.getLogger("asyncio").propagate = False
`;

const q = (s) => `'${s}'`;

function call(c) {
  return `c${c.def}(${c.arg ?? ""})`;
}

const aw = (x) => (typeof x === "string" ? x : call(x));
const num = (d) => (d === null ? "None" : String(d));

/** Rendering context: the function's name (for task labels) and whether tasks get labels. */
let fnName = "main";
let labelled = false;
/** Numbers the functions of ctxRun bodies. */
let runs = 0;

function block(list, ind) {
  const lines = list.flatMap((s) => stmt(s, ind));
  return lines.length > 0 ? lines : [`${ind}pass`];
}

/** Prints `label -> show(expr)`, or `label raised describe(e)` for an Exception. */
function guarded(label, expr, ind) {
  return [
    `${ind}try:`,
    `${ind}    out(f"${label} -> {show(${expr})}")`,
    `${ind}except Exception as e:`,
    `${ind}    out(f"${label} raised {describe(e)}")`,
  ];
}

function stmt(s, ind) {
  const i2 = `${ind}    `;
  const line = (text) => [`${ind}${text}`];
  switch (s.k) {
    case "print":
      return line(`out(f"${s.label}")`);
    case "sleep":
      return line(`await asyncio.sleep(${s.d})`);
    case "spawn": {
      const context =
        s.ctx == null
          ? ""
          : `, context=${s.ctx === "copy" ? "contextvars.copy_context()" : `${s.ctx}.get_context()`}`;
      const task = `${s.tg ?? "asyncio"}.create_task(${call(s.call)}${context})`;
      return line(`${s.v} = ${labelled ? `label_task(${task}, '${fnName}.${s.v}')` : task}`);
    }
    case "await":
      return [
        `${ind}try:`,
        `${i2}out(f"${s.label} -> {show(await ${s.v})}")`,
        `${ind}except ${s.base ? "BaseException" : "Exception"} as e:`,
        `${i2}out(f"${s.label} raised {describe(e)}")`,
      ];
    case "cancel":
      return line(`out(f"${s.label} cancel -> {show(${s.v}.cancel(${s.msg ? q(s.msg) : ""}))}")`);
    case "call":
      return line(`out(f"${s.label} -> {show(await ${call(s.call)})}")`);
    case "gather": {
      const items = s.items.map((x) => (typeof x === "string" ? x : call(x)));
      if (s.ret) items.push("return_exceptions=True");
      return line(`out(f"${s.label} -> {show(await asyncio.gather(${items.join(", ")}))}")`);
    }
    case "gatherFut": {
      const items = s.items.map(aw);
      if (s.ret) items.push("return_exceptions=True");
      const fut = `asyncio.gather(${items.join(", ")})`;
      return line(`${s.v} = ${labelled ? `label_task(${fut}, '${fnName}.${s.v}')` : fut}`);
    }
    case "asCompleted": {
      const args = `[${s.items.map(aw).join(", ")}]${s.timeout === null ? "" : `, timeout=${s.timeout}`}`;
      if (s.mode === "iter") {
        return [
          `${ind}for f in asyncio.as_completed(${args}):`,
          ...guarded(s.label, "await f", i2),
        ];
      }
      const i3 = `${i2}    `;
      return [
        `${ind}try:`,
        `${i2}async for t in asyncio.as_completed(${args}):`,
        ...guarded(`${s.label} got {labels[t]}`, "await t", i3),
        `${ind}except Exception as e:`,
        `${i2}out(f"${s.label} raised {describe(e)}")`,
      ];
    }
    case "tryStar": {
      const clause = (cls, label, h) => [
        `${ind}except* ${cls === "CancelledError" ? "asyncio.CancelledError" : cls} as eg:`,
        `${i2}out(f"${label} caught* {describe(eg)}")`,
        ...h.flatMap((x) => stmt(x, i2)),
      ];
      return [
        `${ind}try:`,
        ...block(s.body, i2),
        ...clause(s.cls0, s.label0, s.h0),
        ...(s.cls1 !== null ? clause(s.cls1, s.label1, s.h1) : []),
      ];
    }
    case "yield":
      return line(`yield '${s.label}'`);
    case "agen": {
      const g = `a${s.label}`;
      return [
        `${ind}${g} = ${call(s.call)}`,
        `${ind}try:`,
        `${i2}async for x in ${g}:`,
        `${i2}    out(f"${s.label} got {show(x)}")`,
        ...(s.brk !== null ? [`${i2}    if x == '${s.brk}':`, `${i2}        break`] : []),
        `${ind}except Exception as e:`,
        `${i2}out(f"${s.label} raised {describe(e)}")`,
        ...(s.end === "athrow"
          ? [
              `${ind}try:`,
              // On a closed generator CPython 3.13's athrow returns None and
              // asyncio-ts's gives done, as for StopAsyncIteration (README,
              // "Async generators"; scenario asyncgen_athrow): print done for both.
              `${i2}r = await ${g}.athrow(MyError('${s.label}'))`,
              `${i2}out(f"${s.label} athrow -> {'done' if r is None else show(r)}")`,
              `${ind}except StopAsyncIteration:`,
              `${i2}out("${s.label} athrow -> done")`,
              `${ind}except Exception as e:`,
              `${i2}out(f"${s.label} athrow raised {describe(e)}")`,
            ]
          : []),
        ...(s.end !== null
          ? [
              `${ind}try:`,
              `${i2}await ${g}.aclose()`,
              `${i2}out("${s.label} closed")`,
              `${ind}except Exception as e:`,
              `${i2}out(f"${s.label} aclose raised {describe(e)}")`,
            ]
          : []),
      ];
    }
    case "callback": {
      const f = s.v
        ? `lambda: out(f"${s.label} cancel -> {show(${s.v}.cancel())}")`
        : s.obj
          ? `lambda: (${s.obj}.set(), out("${s.label} set"))`
          : `lambda: out("${s.label}")`;
      return line(
        s.d === null
          ? `asyncio.get_running_loop().call_soon(${f})`
          : `asyncio.get_running_loop().call_later(${s.d}, ${f})`,
      );
    }
    case "tstate":
      return line(`out(f"${s.label} {tstate(${s.v})}")`);
    case "allTasks":
      return line(`out(f"${s.label} tasks={len(asyncio.all_tasks())}")`);
    case "taskgroup":
      return [`${ind}async with asyncio.TaskGroup() as ${s.tg}:`, ...block(s.body, i2)];
    case "raise":
      return line(`raise ${s.cls}(${q(s.msg)})`);
    case "tryExcept":
      return [
        `${ind}try:`,
        ...block(s.body, i2),
        `${ind}except Exception as e:`,
        `${i2}out(f"${s.label} caught {describe(e)}")`,
        ...s.handler.flatMap((x) => stmt(x, i2)),
      ];
    case "tryCancel":
      return [
        `${ind}try:`,
        ...block(s.body, i2),
        `${ind}except asyncio.CancelledError as e:`,
        `${i2}out(f"${s.label} cancelled {describe(e)}")`,
        ...(s.reraise ? [`${i2}raise`] : []),
      ];
    case "tryFinally":
      return [
        `${ind}try:`,
        ...block(s.body, i2),
        `${ind}finally:`,
        `${i2}out(f"${s.label} finally")`,
        ...s.final.flatMap((x) => stmt(x, i2)),
      ];
    case "selfCancel":
      return line(
        `out(f"${s.label} self cancel -> {show(asyncio.current_task().cancel(${s.msg ? q(s.msg) : ""}))}")`,
      );
    case "cancelling":
      return line(`out(f"${s.label} cancelling={asyncio.current_task().cancelling()}")`);
    case "uncancel":
      return line(`out(f"${s.label} uncancel={asyncio.current_task().uncancel()}")`);
    case "timeout": {
      const cm =
        s.at && s.d !== null
          ? `timeout_at(asyncio.get_running_loop().time() + ${s.d})`
          : `${s.at ? "timeout_at" : "timeout"}(${num(s.d)})`;
      const lines = [
        `${ind}async with asyncio.${cm} as ${s.to}:`,
        ...block(s.body, i2),
        `${ind}out(f"${s.label} expired={show(${s.to}.expired())}")`,
      ];
      if (!s.catch) return lines;
      return [
        `${ind}try:`,
        ...lines.map((l) => `    ${l}`),
        `${ind}except TimeoutError as e:`,
        `${i2}out(f"${s.label} timeout {describe(e)}")`,
      ];
    }
    case "toWhen":
      return line(
        `out(f"${s.label} when={show(None if ${s.to}.when() is None else ${s.to}.when() - asyncio.get_running_loop().time())}")`,
      );
    case "reschedule":
      return line(
        `${s.to}.reschedule(${s.d === null ? "None" : `asyncio.get_running_loop().time() + ${s.d}`})`,
      );
    case "waitFor":
      return guarded(s.label, `await asyncio.wait_for(${aw(s.aw)}, ${num(s.d)})`, ind);
    case "shield": {
      const shielded = `asyncio.shield(${aw(s.aw)})`;
      const expr = s.guard === null ? shielded : `asyncio.wait_for(${shielded}, ${s.guard})`;
      return guarded(s.label, `await ${expr}`, ind);
    }
    case "wait": {
      const args = [`[${s.items.join(", ")}]`];
      if (s.timeout !== null) args.push(`timeout=${s.timeout}`);
      if (s.when !== "ALL_COMPLETED") args.push(`return_when=asyncio.${s.when}`);
      return [
        `${ind}try:`,
        `${i2}done, pending = await asyncio.wait(${args.join(", ")})`,
        `${i2}out(f"${s.label} done={show(names(done))} pending={show(names(pending))}")`,
        `${ind}except Exception as e:`,
        `${i2}out(f"${s.label} raised {describe(e)}")`,
      ];
    }
    case "acquire":
      return [`${ind}async with ${s.obj}:`, ...block(s.body, i2)];
    case "acqTimed":
      return [
        `${ind}try:`,
        `${i2}await asyncio.wait_for(${s.obj}.acquire(), ${s.d})`,
        `${ind}except TimeoutError:`,
        `${i2}out("${s.label} timeout")`,
        `${ind}else:`,
        `${i2}out("${s.label} acquired")`,
        `${i2}try:`,
        ...block(s.body, `${i2}    `),
        `${i2}finally:`,
        `${i2}    ${s.obj}.release()`,
      ];
    case "release":
      return guarded(s.label, `${s.obj}.release()`, ind);
    case "evSet":
      return line(`${s.obj}.set()`);
    case "evClear":
      return line(`${s.obj}.clear()`);
    case "evWait":
      return guarded(s.label, `await asyncio.wait_for(${s.obj}.wait(), ${s.d})`, ind);
    case "qPut": {
      const put = `${s.obj}.put(${q(s.item)})`;
      return guarded(
        s.label,
        `await ${s.d === null ? put : `asyncio.wait_for(${put}, ${s.d})`}`,
        ind,
      );
    }
    case "qGet":
      return guarded(s.label, `await asyncio.wait_for(${s.obj}.get(), ${s.d})`, ind);
    case "qJoin":
      return guarded(s.label, `await asyncio.wait_for(${s.obj}.join(), ${s.d})`, ind);
    case "qPutNowait":
      return guarded(s.label, `${s.obj}.put_nowait(${q(s.item)})`, ind);
    case "qGetNowait":
      return guarded(s.label, `${s.obj}.get_nowait()`, ind);
    case "qTaskDone":
      return guarded(s.label, `${s.obj}.task_done()`, ind);
    case "qShutdown":
      return line(`${s.obj}.shutdown(${s.immediate ? "True" : ""})`);
    case "cdNotify":
      return [
        `${ind}async with ${s.obj}:`,
        `${i2}${s.obj}n[0] += 1`,
        `${i2}${s.n === null ? `${s.obj}.notify_all()` : `${s.obj}.notify(${s.n})`}`,
        `${i2}out("${s.label} notify")`,
      ];
    case "cdWait":
    case "cdWaitFor": {
      const w = s.k === "cdWait" ? "wait()" : `wait_for(lambda: ${s.obj}n[0] >= ${s.n})`;
      return [
        `${ind}async with ${s.obj}:`,
        ...guarded(s.label, `await asyncio.wait_for(${s.obj}.${w}, ${s.d})`, i2),
      ];
    }
    case "brWait":
      return guarded(s.label, `await asyncio.wait_for(${s.obj}.wait(), ${s.d})`, ind);
    case "brAbort":
      return line(`await ${s.obj}.abort()`);
    case "brReset":
      return line(`await ${s.obj}.reset()`);
    case "state":
      return line(`out(f"${s.label} {show(${stateExpr(s.obj)})}")`);
    case "cvSet":
      return line(`${s.tok !== null ? `${s.tok} = ` : ""}${s.var}.set(${s.value})`);
    case "cvGet":
      return line(`out(f"${s.label} ${s.var}={cvget(${s.var})}")`);
    case "cvReset":
      return [
        `${ind}try:`,
        `${i2}${s.var}.reset(${s.tok})`,
        `${i2}out(f"${s.label} reset ${s.var}={cvget(${s.var})}")`,
        `${ind}except Exception as e:`,
        `${i2}out(f"${s.label} reset raised {tokerr(e)}")`,
      ];
    case "future": {
      const fut = "asyncio.get_running_loop().create_future()";
      return line(`${s.v} = ${labelled ? `label_task(${fut}, '${fnName}.${s.v}')` : fut}`);
    }
    case "fuSettle": {
      const args = [s.v, q(s.how), q(s.label), ...(s.msg !== null ? [q(s.msg)] : [])].join(", ");
      if (s.when === "now") return line(`settle(${args})`);
      const loop = "asyncio.get_running_loop()";
      return line(
        s.when === "soon"
          ? `${loop}.call_soon(settle, ${args})`
          : `${loop}.call_later(${s.when}, settle, ${args})`,
      );
    }
    case "fuAddCb": {
      const context =
        s.ctx == null
          ? ""
          : `, context=${s.ctx === "copy" ? "contextvars.copy_context()" : `${s.ctx}.get_context()`}`;
      return line(`${s.v}.add_done_callback(cb${s.cb}${context})`);
    }
    case "fuRemoveCb":
      return line(`out(f"${s.label} removed {${s.v}.remove_done_callback(cb${s.cb})}")`);
    case "fuPeek":
      return line(`out(f"${s.label} {peek(${s.v})}")`);
    case "cbRaise": {
      const loop = "asyncio.get_running_loop()";
      const args = `boom, ${q(s.label)}, ${q(s.cls)}`;
      return line(
        s.d === null ? `${loop}.call_soon(${args})` : `${loop}.call_later(${s.d}, ${args})`,
      );
    }
    case "fuAddRaise":
      return line(`${s.v}.add_done_callback(${DONE_RAISERS[s.cls]})`);
    case "fuCancelCb": {
      const cancel = `${s.t}.cancel(${s.msg ? q(s.msg) : ""})`;
      return line(
        `${s.v}.add_done_callback(lambda f: out(f"${s.label} cancel -> {show(${cancel})}"))`,
      );
    }
    case "ctxRun": {
      const name = `run${runs++}`;
      return [
        `${ind}def ${name}():`,
        ...block(s.body, i2),
        "",
        `${ind}${s.task == null ? "contextvars.copy_context()" : `${s.task}.get_context()`}.run(${name})`,
      ];
    }
    default:
      throw new Error(`unknown statement ${s.k}`);
  }
}

/** What `state` prints for object `name` (its kind is in its name's prefix). */
function stateExpr(name) {
  if (name.startsWith("ev")) return `${name}.is_set()`;
  if (name.startsWith("q")) return `[${name}.qsize(), ${name}.empty(), ${name}.full()]`;
  if (name.startsWith("br")) return `[${name}.n_waiting, ${name}.broken]`;
  return `${name}.locked()`;
}

const QUEUES = { fifo: "Queue", lifo: "LifoQueue", prio: "PriorityQueue" };

const CONSTRUCTORS = {
  lock: () => "asyncio.Lock()",
  sem: (n) => `asyncio.Semaphore(${n})`,
  bsem: (n) => `asyncio.BoundedSemaphore(${n})`,
  cond: () => "asyncio.Condition()",
  event: () => "asyncio.Event()",
  queue: (n, variant) => `asyncio.${QUEUES[variant ?? "fifo"]}(${n})`,
  barrier: (n) => `asyncio.Barrier(${n})`,
};

/** The defs, main and the run of one program, indented by `ind`. */
function programLines(program, ind) {
  const i2 = `${ind}    `;
  const i3 = `${i2}    `;
  const lines = [];
  labelled = uses(program, "wait") || uses(program, "asCompleted");
  runs = 0;
  for (const o of program.objs ?? []) {
    lines.push(`${ind}${o.name} = ${CONSTRUCTORS[o.kind](o.n, o.variant)}`);
    if (o.kind === "cond") lines.push(`${ind}${o.name}n = [0]`);
  }
  for (let i = 0; i < (program.cvs ?? 0); i++) {
    const dflt = i === 0 ? ", default=0" : "";
    lines.push(`${ind}cv${i} = contextvars.ContextVar("cv${i}"${dflt})`);
  }
  if (lines.length > 0) lines.push("");
  if (uses(program, "fuAddCb") || uses(program, "fuRemoveCb")) {
    // The done callbacks: each prints its Future's outcome and the Context it runs in.
    let vars = "";
    for (let i = 0; i < (program.cvs ?? 0); i++) vars += ` cv${i}={cvget(cv${i})}`;
    for (let i = 0; i < CALLBACKS; i++) {
      lines.push(`${ind}def cb${i}(fut):`, `${ind}    out(f"cb${i} {peek(fut)}${vars}")`);
      // The last one also sets cv0 in the Context it runs in (a Task's is seen by the Task).
      if (i === CALLBACKS - 1 && (program.cvs ?? 0) > 0)
        lines.push(`${ind}    cv0.set(cv0.get() + 100)`);
      lines.push("");
    }
  }
  if (program.eh != null) {
    // The exception handler: prints what it is given, in the Context it runs in.
    let vars = "";
    for (let i = 0; i < (program.cvs ?? 0); i++) vars += ` cv${i}={cvget(cv${i})}`;
    const raise = { raise: "MyError", interrupt: "KeyboardInterrupt", exit: "SystemExit" }[
      program.eh
    ];
    lines.push(
      `${ind}def handler(loop, context):`,
      `${ind}    if IGNORED.search(context.get("message") or ""):`,
      `${ind}        return`,
      `${ind}    out(f"handler {reported(context)}${vars}")`,
      ...(raise ? [`${ind}    raise ${raise}("handler")`] : []),
      "",
    );
  }
  program.defs.forEach((d, i) => {
    fnName = `c${i}`;
    lines.push(`${ind}async def c${i}(${d.param ? paramName(d) : ""}):`);
    lines.push(...stmtsOrNothing(d.body, i2), ...(d.gen ? [] : [`${i2}return 'r${i}'`]), "");
  });
  fnName = "main";
  lines.push(
    `${ind}async def main():`,
    `${i2}start_clock()`,
    ...(program.eager
      ? [`${i2}asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)`]
      : []),
    ...(program.eh != null
      ? [`${i2}asyncio.get_running_loop().set_exception_handler(handler)`]
      : []),
    `${i2}try:`,
    ...block(program.main, i3),
    `${i2}except Exception as e:`,
    `${i3}out(f"main caught {describe(e)}")`,
    `${i2}return 'main'`,
    "",
  );
  if ((program.runs ?? 1) === 1) {
    lines.push(
      `${ind}try:`,
      `${i2}print(f"run -> {show(vtrun(main()))}")`,
      `${ind}except BaseException as e:`,
      `${i2}print(f"run raised {describe(e)}")`,
    );
  } else {
    lines.push(
      `${ind}with vtrunner() as runner:`,
      `${i2}for _ in range(${program.runs}):`,
      `${i3}try:`,
      `${i3}    print(f"run -> {show(runner.run(main()))}")`,
      `${i3}except BaseException as e:`,
      `${i3}    print(f"run raised {describe(e)}")`,
    );
  }
  return lines;
}

function stmtsOrNothing(list, ind) {
  return list.flatMap((s) => stmt(s, ind));
}

/** out(f"p1") without placeholders reads better as out("p1"). */
const plain = (lines) => lines.map((l) => l.replace(/out\(f"([^"{]*)"\)/, 'out("$1")'));

/** The program alone, without the helpers every program shares (a divergence's report). */
export function renderPythonProgram(program) {
  return `${plain(programLines(program, "")).join("\n")}\n`;
}

/** One standalone scenario (conformance/scenarios style). */
export function renderPython(program, comment = []) {
  const head = comment.map((c) => `# ${c}`.trimEnd());
  return `${[...head, HEADER, ...plain(programLines(program, ""))].join("\n")}\n`;
}

/**
 * Many programs in one process, each on a fresh loop, after a separator line.
 * A program that deadlocks (vtloop finds nothing ready, no timer and no
 * possible I/O) prints DEADLOCK_LINE and ends the process with
 * DEADLOCK_STATUS; run.mjs goes on with the next program. The cyclic garbage collector is off while a program runs and collects
 * between programs with stdout discarded: CPython closes a task left pending
 * after its loop closed when the collector frees it (running its finally
 * blocks, printing into whatever program runs then); JavaScript never does.
 */
export function renderPythonBatch(programs) {
  const out = [
    "import contextlib\nimport gc\nimport io\nimport os\nimport vtloop\n",
    HEADER,
    "def deadlocked():",
    "    # Nothing ready, no timer, no I/O possible: print the line asyncio-ts's",
    "    # batch prints when Node runs out of work, and end the process there.",
    `    print("${DEADLOCK_LINE}", flush=True)`,
    `    os._exit(${DEADLOCK_STATUS})\n\n`,
    "vtloop.on_deadlock = deadlocked",
    "def collect():",
    "    with contextlib.redirect_stdout(io.StringIO()):",
    "        labels.clear()",
    "        gc.collect()\n\n",
    "gc.disable()",
  ];
  programs.forEach((p, n) => {
    out.push(`\ndef program_${n}():`, ...plain(programLines(p, "    ")));
    out.push(`\n\nprint("=== program ${n} ===")`, `program_${n}()`, "collect()");
  });
  out.push(`print("=== end ===")`);
  return `${out.join("\n")}\n`;
}
