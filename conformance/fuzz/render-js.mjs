// Renders a program of ast.mjs for asyncio-ts: generator functions and yield*.
// Plain JavaScript for the fuzzer's batches, or TypeScript (`ts: true`) in the
// conformance/scenarios style for a saved scenario twin.

const q = (s) => `"${s}"`;

/** Python's `except Exception` lets these through. */
const PRELUDE = (ts) => `class MyError extends Error {}

function out(text${ts ? ": string" : ""})${ts ? ": void" : ""} {
  console.log(\`\${now()} \${text}\`);
}

function isBase(e${ts ? ": unknown" : ""})${ts ? ": boolean" : ""} {
  return (
    e instanceof asyncio.BaseException ||
    (e instanceof asyncio.BaseExceptionGroup && !(e instanceof asyncio.ExceptionGroup))
  );
}
`;

function call(c) {
  return `c${c.def}(${c.arg ?? ""})`;
}

const log = (text) => `out(\`${text}\`);`;

function stmts(list, ind) {
  return list.flatMap((s) => stmt(s, ind));
}

function stmt(s, ind) {
  const i2 = `${ind}  `;
  const line = (text) => [`${ind}${text}`];
  switch (s.k) {
    case "print":
      return line(log(s.label));
    case "sleep":
      return line(`yield* asyncio.sleep(${s.d});`);
    case "spawn":
      return line(
        `const ${s.v} = ${s.tg ? `${s.tg}.createTask` : "asyncio.createTask"}(${call(s.call)});`,
      );
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
    case "taskgroup":
      return [
        `${ind}yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (${s.tg}) {`,
        ...stmts(s.body, i2),
        `${ind}});`,
      ];
    case "raise":
      return line(
        `throw new ${s.cls === "MyError" ? "MyError" : "asyncio.ValueError"}(${q(s.msg)});`,
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
    case "cancelling":
      return line(log(`${s.label} cancelling=\${asyncio.currentTask()!.cancelling()}`));
    case "uncancel":
      return line(log(`${s.label} uncancel=\${asyncio.currentTask()!.uncancel()}`));
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
  program.defs.forEach((d, i) => {
    const param = d.param ? `p${ts ? ": asyncio.Task<string>" : ""}` : "";
    lines.push(`${ind}function* c${i}(${param})${coro} {`, ...stmts(d.body, i2));
    lines.push(`${i2}return "r${i}";`, `${ind}}`, "");
  });
  lines.push(
    `${ind}function* main()${coro} {`,
    `${i2}startClock();`,
    `${i2}try {`,
    ...stmts(program.main, i3),
    `${i2}} catch (e) {`,
    `${i3}if (isBase(e)) throw e;`,
    `${i3}${log(`main caught \${describe(e)}`)}`,
    `${i2}}`,
    `${i2}return "main";`,
    `${ind}}`,
    "",
    `${ind}try {`,
    `${i2}console.log(\`run -> \${show(await asyncio.run(main(), { virtualTime: true }))}\`);`,
    `${ind}} catch (e) {`,
    `${i2}console.log(\`run raised \${describe(e)}\`);`,
    `${ind}}`,
  );
  return lines;
}

/** Strips the TypeScript-only non-null assertions for plain JavaScript. */
const untype = (lines) => lines.map((l) => l.replaceAll("currentTask()!", "currentTask()"));

/** out(`p1`) without placeholders reads better as out("p1"). */
const plain = (lines) => lines.map((l) => l.replace(/out\(`([^`$]*)`\)/, 'out("$1")'));

/** One standalone scenario twin (conformance/scenarios/NAME.ts style). */
export function renderTs(program, comment = []) {
  const head = comment.map((c) => `// ${c}`.trimEnd());
  return `${[
    ...head,
    `import * as asyncio from "../../src/index.js";`,
    `import { describe, now, show, startClock } from "./_trace.js";`,
    "",
    PRELUDE(true),
    ...plain(programLines(program, "", true)),
  ].join("\n")}\n`;
}

/**
 * Many programs in one Node process, each on a fresh loop after a separator
 * line. `index` and `trace` are file URLs of dist/src/index.js and the
 * compiled _trace.js.
 */
export function renderJsBatch(programs, { index, trace }) {
  const out = [
    `import * as asyncio from ${JSON.stringify(index)};`,
    `import { describe, now, show, startClock } from ${JSON.stringify(trace)};`,
    "",
    PRELUDE(false),
  ];
  programs.forEach((p, n) => {
    out.push(
      `async function program_${n}() {`,
      ...plain(untype(programLines(p, "  ", false))),
      "}",
      "",
    );
    out.push(`console.log("=== program ${n} ===");`, `await program_${n}();`, "");
  });
  out.push(`console.log("=== end ===");`);
  return `${out.join("\n")}\n`;
}
