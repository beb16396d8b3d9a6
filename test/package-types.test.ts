/**
 * The package's types, as projects that install it see them: a browser
 * project (TypeScript's `bundler` resolution, DOM, no @types/node) gets the
 * core and tools alone (and `asyncio-ts/testing`) and type-checks; a Node project (`nodenext`, with
 * @types/node) gets the Node layer too. Each case is a scratch project whose
 * node_modules/asyncio-ts is the package as `npm pack` makes it, unpacked, so
 * the package.json `exports` map decides and the declarations are the
 * shipped ones (built with `stripInternal`), checked with `skipLibCheck: false`.
 */
import { execFile } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
const run = promisify(execFile);
let project: string;
/** The unpacked package, as installed. */
let installed: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "asyncio-ts-types-"));
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  // --ignore-scripts: `prepare` would build again; npm test has just built.
  const { stdout } = await run(
    "npm",
    ["pack", "--ignore-scripts", "--json", "--pack-destination", project],
    { cwd: root },
  );
  const [packed] = JSON.parse(stdout) as [{ filename: string }];
  await run("tar", ["-xzf", join(project, packed.filename), "-C", project]);
  installed = join(project, "node_modules", "asyncio-ts");
  await run("mv", [join(project, "package"), installed]);
  symlinkSync(
    join(root, "node_modules", "@types", "node"),
    join(project, "node_modules", "@types", "node"),
    "dir",
  );
  writeFileSync(join(project, "package.json"), '{ "type": "module" }\n');
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
}, 60_000);

/** Type-checks `source` under `options`; returns tsc's diagnostics ("" when clean). */
async function typeCheck(source: string, options: Record<string, unknown>): Promise<string> {
  writeFileSync(join(project, "main.ts"), source);
  const compilerOptions = { target: "ES2022", strict: true, skipLibCheck: false, noEmit: true };
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files: ["main.ts"] }),
  );
  try {
    await run(process.execPath, [tsc, "-p", project]);
    return "";
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? e);
  }
}

const browser = {
  lib: ["ES2022", "DOM"],
  module: "ESNext",
  moduleResolution: "bundler",
  types: [],
};
const node = { lib: ["ES2022"], module: "NodeNext", moduleResolution: "NodeNext", types: ["node"] };

const program = `
import * as asyncio from "asyncio-ts";
import { Queue } from "asyncio-ts/core";
import { asyncTest, MockClock, waitAllTasksBlocked } from "asyncio-ts/testing";
function* main(): asyncio.Coroutine<string> {
  const q = new Queue<number>();
  const [a, b] = yield* asyncio.gather(asyncio.sleep(1, "a"), asyncio.sleep(2, 2));
  const tracer = asyncio.startTracing();
  yield* asyncio.asyncWith(asyncio.timeout(5), function* () {
    q.putNowait(b);
  });
  console.log(asyncio.formatTrace(tracer.stop()));
  return a;
}
const result: string = await asyncio.run(main(), { virtualTime: true });
console.log(result);
const clock = new MockClock({ autojumpThreshold: Infinity });
const testFunction: () => Promise<void> = asyncTest(
  function* ({ loop }) {
    clock.advance(1);
    yield* waitAllTasksBlocked();
    const slept: number = yield* asyncio.sleep(0, loop.time());
    console.log(slept);
  },
  { clock, allowPending: true },
);
await testFunction();
// A Future's loop is the whole EventLoop (AbstractEventLoop merges it), in the shipped declarations too.
function* loops(): asyncio.Coroutine<number> {
  const loop: asyncio.EventLoop = asyncio.getRunningLoop();
  const fut = loop.createFuture<number>();
  const same: asyncio.EventLoop = fut.getLoop();
  same.callSoon(() => fut.setResult(1));
  const task: asyncio.Task<number> = asyncio.createTask(asyncio.sleep(0, 2));
  const handle: asyncio.Handle = task.getLoop().callLater(1, () => {});
  handle.cancel();
  return (yield* fut) + (yield* task);
}
void loops;
`;

/** The shipped declaration files, recursively. */
function declarations(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".d.ts"))
    .map((name) => join(dir, name));
}

describe("the package's types", () => {
  test("the shipped declarations leave out what is @internal (the flags word, its setter, the extras)", () => {
    const files = declarations(join(installed, "dist", "src"));
    expect(files.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of files) {
      // Declarations only: the modules' header comments may name the fields.
      const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
      // Everywhere the flags word's names; in the kernel's Futures, Tasks and handles, their fields too.
      const kernel = /kernel\/(futures|tasks|handles)\.d\.ts$/.test(file);
      const names = kernel
        ? /\b(_flags|_setFlag|_extras|_extra|_value|_loop|_cb)\b\s*[:(?]/g
        : /\b(_flags|_setFlag|_extras)\b\s*[:(?]/g;
      for (const m of code.matchAll(names)) {
        found.push(`${file.slice(installed.length)}: ${m[1]}`);
      }
    }
    expect(found).toEqual([]);
    // The search finds a member where there is one: public members are there.
    const futures = readFileSync(join(installed, "dist/src/core/kernel/futures.d.ts"), "utf8");
    expect(futures).toMatch(/\bgetLoop\(\): AbstractEventLoop;/);
  });

  test("a browser project without @types/node type-checks the core and tools", async () => {
    expect(await typeCheck(program, browser)).toBe("");
  }, 60_000);

  test("a browser project does not see the Node layer", async () => {
    const out = await typeCheck(
      'import * as asyncio from "asyncio-ts";\nvoid asyncio.openConnection;\nvoid asyncio.subprocess;\n',
      browser,
    );
    expect(out).toMatch(/Property 'openConnection' does not exist/);
    expect(out).toMatch(/Property 'subprocess' does not exist/);
  }, 60_000);

  // ESNext's lib gives Generator the iterator helpers (map, take…) and
  // [Symbol.dispose]; @types/node 26 pulls in the second whatever the lib.
  // The shipped hand-written coroutines must not claim to implement Generator
  // without them (hand-coroutine.ts).
  test("projects whose lib is ESNext type-check the shipped declarations", async () => {
    const esnext = { target: "ESNext", lib: ["ESNext"] };
    expect(await typeCheck(program, { ...browser, ...esnext, lib: ["ESNext", "DOM"] })).toBe("");
    expect(
      await typeCheck(`${program}\nvoid asyncio.openConnection;\n`, { ...node, ...esnext }),
    ).toBe("");
  }, 60_000);

  test("getting-started.md's tsconfig.json builds a Node program that runs", async () => {
    const page = readFileSync(join(root, "docs", "getting-started.md"), "utf8");
    const block = /with a `tsconfig\.json`:\n\n```json\n([\s\S]*?)```/.exec(page);
    const tsconfig = JSON.parse(block![1]!) as { compilerOptions: Record<string, unknown> };
    // TypeScript 6 and later load no @types package that `types` does not name, and
    // want `rootDir` beside `outDir`; the repository's TypeScript 5 needs neither, so
    // only their presence shows that the page's setup works with today's `typescript`.
    expect(tsconfig.compilerOptions).toMatchObject({ types: ["node"], rootDir: "src" });
    const app = join(project, "getting-started");
    mkdirSync(join(app, "src"), { recursive: true });
    writeFileSync(join(app, "tsconfig.json"), block![1]!);
    // A node: import and a Node-layer name: what @types/node must be found for.
    const main = `import { hostname } from "node:os";
import * as asyncio from "asyncio-ts";
function* main(): asyncio.Coroutine<string> {
  const streams: typeof asyncio.openConnection = asyncio.openConnection;
  return \`\${typeof hostname()} \${typeof streams} \${yield* asyncio.sleep(0.01, "slept")}\`;
}
console.log(await asyncio.run(main()));
`;
    writeFileSync(join(app, "src", "main.ts"), main);
    await run(process.execPath, [tsc, "-p", app]);
    const { stdout } = await run(process.execPath, [join(app, "dist", "main.js")]);
    expect(stdout).toBe("string function slept\n");
  }, 60_000);

  // StreamReader's state sits in stream-reader-waiting.ts, a base class, so it
  // is protected there, not private: @internal keeps it out of the shipped
  // declarations, as private kept it out of reach of a user's subclass.
  test("a subclass of StreamReader does not see the reader's internals", async () => {
    const source = `import * as asyncio from "asyncio-ts";
class Tee extends asyncio.StreamReader {
  peek(): number {
    return this._buffer.length;
  }
}
void Tee;
`;
    expect(await typeCheck(source, node)).toMatch(
      /Property '_buffer' does not exist on type 'Tee'/,
    );
  }, 60_000);

  test("a Node project sees the Node layer", async () => {
    const source = `${program}\nvoid asyncio.openConnection;\nvoid asyncio.createSubprocessExec;\n`;
    expect(await typeCheck(source, node)).toBe("");
  }, 60_000);

  // Python's module, values and types alike: what \`asyncio.subprocess.Process\` as a
  // type needs is a namespace in the shipped declarations, not an object's type.
  test("a Node project writes asyncio.subprocess's names as Python does, types among them", async () => {
    const source = `import * as asyncio from "asyncio-ts";
function* run(cmd: string): asyncio.Coroutine<asyncio.subprocess.Process> {
  const proc: asyncio.subprocess.Process = yield* asyncio.subprocess.createSubprocessShell(cmd, {
    stdout: asyncio.subprocess.PIPE,
    stderr: asyncio.subprocess.STDOUT,
    stdin: asyncio.subprocess.DEVNULL,
  });
  if (!(proc instanceof asyncio.subprocess.Process)) throw new Error("not a Process");
  return proc;
}
const piped: asyncio.subprocess.Process<undefined, asyncio.StreamReader> =
  await asyncio.run(asyncio.createSubprocessExec("ls", [], { stdout: asyncio.PIPE }));
const reader: asyncio.StreamReader = piped.stdout;
void run;
void reader;
`;
    expect(await typeCheck(source, node)).toBe("");
    // The check can fail: a name the module does not have is an error.
    const wrong = await typeCheck(
      'import * as asyncio from "asyncio-ts";\nlet p: asyncio.subprocess.Popen | undefined;\nvoid p;\n',
      node,
    );
    expect(wrong).toMatch(/has no exported member 'Popen'|Popen/);
  }, 60_000);
});
