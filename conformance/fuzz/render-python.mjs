// Renders a program of ast.mjs as CPython asyncio code on vtloop's virtual time.

const HEADER = `import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


class MyError(Exception):
    pass


def out(text):
    print(f"{now()} {text}")
`;

const q = (s) => `'${s}'`;

function call(c) {
  return `c${c.def}(${c.arg ?? ""})`;
}

function block(list, ind) {
  const lines = list.flatMap((s) => stmt(s, ind));
  return lines.length > 0 ? lines : [`${ind}pass`];
}

function stmt(s, ind) {
  const i2 = `${ind}    `;
  const line = (text) => [`${ind}${text}`];
  switch (s.k) {
    case "print":
      return line(`out(f"${s.label}")`);
    case "sleep":
      return line(`await asyncio.sleep(${s.d})`);
    case "spawn":
      return line(`${s.v} = ${s.tg ?? "asyncio"}.create_task(${call(s.call)})`);
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
    case "cancelling":
      return line(`out(f"${s.label} cancelling={asyncio.current_task().cancelling()}")`);
    case "uncancel":
      return line(`out(f"${s.label} uncancel={asyncio.current_task().uncancel()}")`);
    default:
      throw new Error(`unknown statement ${s.k}`);
  }
}

/** The defs, main and the run of one program, indented by `ind`. */
function programLines(program, ind) {
  const i2 = `${ind}    `;
  const i3 = `${i2}    `;
  const lines = [];
  program.defs.forEach((d, i) => {
    lines.push(`${ind}async def c${i}(${d.param ? "p" : ""}):`);
    lines.push(...stmtsOrNothing(d.body, i2), `${i2}return 'r${i}'`, "");
  });
  lines.push(
    `${ind}async def main():`,
    `${i2}start_clock()`,
    `${i2}try:`,
    ...block(program.main, i3),
    `${i2}except Exception as e:`,
    `${i3}out(f"main caught {describe(e)}")`,
    `${i2}return 'main'`,
    "",
    `${ind}try:`,
    `${i2}print(f"run -> {show(vtrun(main()))}")`,
    `${ind}except BaseException as e:`,
    `${i2}print(f"run raised {describe(e)}")`,
  );
  return lines;
}

function stmtsOrNothing(list, ind) {
  return list.flatMap((s) => stmt(s, ind));
}

/** out(f"p1") without placeholders reads better as out("p1"). */
const plain = (lines) => lines.map((l) => l.replace(/out\(f"([^"{]*)"\)/, 'out("$1")'));

/** One standalone scenario (conformance/scenarios style). */
export function renderPython(program, comment = []) {
  const head = comment.map((c) => `# ${c}`.trimEnd());
  return `${[...head, HEADER, ...plain(programLines(program, ""))].join("\n")}\n`;
}

/**
 * Many programs in one process, each on a fresh loop, after a separator line.
 * The cyclic garbage collector is off while a program runs and collects
 * between programs with stdout discarded: CPython closes a task left pending
 * after its loop closed when the collector frees it (running its finally
 * blocks, printing into whatever program runs then); JavaScript never does.
 */
export function renderPythonBatch(programs) {
  const out = [
    "import contextlib\nimport gc\nimport io\n",
    HEADER,
    "def collect():",
    "    with contextlib.redirect_stdout(io.StringIO()):",
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
