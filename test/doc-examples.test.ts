/**
 * The doc comments' examples type-check: every ```ts block of a `/** ... *\/`
 * comment in src/ (the `@example` of each public symbol, see the doc-comment
 * format in the contributing notes) is written out as its own module and all
 * of them are checked by one tsc run against the built package's types, as
 * test/docs.test.ts does for the docs pages.
 *
 * An example is a fragment, not a program: its statements are wrapped in a
 * generator function (an async function when it uses `await`), its imports
 * are hoisted above the wrapper, `{ ... }` placeholders read as comments, and
 * the names examples use without declaring them (`loop`, `reader`, `task`,
 * the user's own coroutine functions like `fetchA`) are declared, loosely but
 * with their asyncio types, in one shared prelude (prelude.d.ts below). A
 * failure names the source file and line of the example.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { snippetCompilerOptions } from "./doc-snippets.js";
import { scratchDir } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

interface Example {
  /** The source file, relative to the repository (`src/core/tasks.ts`). */
  file: string;
  /** The line of the opening fence. */
  line: number;
  source: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return sourceFiles(path);
      return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
    });
}

/** Each ```ts block inside a doc comment of `path`, with the line of its fence. */
function examplesOf(path: string): Example[] {
  const text = readFileSync(path, "utf8");
  const found: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const first = text.slice(0, comment.index).split("\n").length;
    const lines = comment[0].split("\n").map((l) => l.replace(/^\s*\*( |$)/, ""));
    for (let i = 0; i < lines.length; i++) {
      if (!/^\s*```ts\s*$/.test(lines[i]!)) continue;
      const end = lines.findIndex((l, j) => j > i && /^\s*```\s*$/.test(l));
      if (end < 0) throw new Error(`${relative(root, path)}:${first + i}: unclosed ts block`);
      found.push({
        file: relative(root, path),
        line: first + i,
        source: lines.slice(i + 1, end).join("\n"),
      });
      i = end;
    }
  }
  return found;
}

const examples = sourceFiles(join(root, "src")).flatMap(examplesOf);

/**
 * The names examples use without declaring them: the objects of the running
 * program (typed as their asyncio classes) and the user's own helpers.
 */
const PRELUDE = `import type * as asyncio from "asyncio-ts";
import type * as testing from "asyncio-ts/testing";
declare global {
  type UserCoroutineFunction = (...args: any[]) => asyncio.Coroutine<any>;
  // The running program's asyncio objects.
  const loop: asyncio.AbstractEventLoop;
  const reader: asyncio.StreamReader;
  const writer: asyncio.StreamWriter;
  const task: asyncio.Task<any>;
  const tasks: asyncio.Task<any>[];
  const fut: asyncio.Future<any>;
  const queue: asyncio.Queue<any>;
  const q: asyncio.Queue<any>;
  const lock: asyncio.Lock;
  const event: asyncio.Event;
  const ready: asyncio.Event;
  const cond: asyncio.Condition;
  const sem: asyncio.Semaphore;
  const barrier: asyncio.Barrier;
  const proc: asyncio.Process;
  // The one example of callSoonThreadsafe hands work over from a Node server's event.
  const server: asyncio.Server & { on(event: string, listener: (...args: any[]) => void): unknown };
  const transport: asyncio.Transport;
  const readTransport: asyncio.ReadTransport;
  const subprocessTransport: asyncio.SubprocessTransport;
  const udp: asyncio.DatagramTransport;
  const protocol: asyncio.StreamReaderProtocol;
  const executor: asyncio.QueueExecutor;
  const pool: asyncio.WorkerPoolExecutor;
  const runner: asyncio.Runner;
  // A Handle, or a coroutine function (a client-connected callback in the streams' examples).
  const handle: asyncio.Handle & UserCoroutineFunction;
  const group: asyncio.ExceptionGroup;
  const ctx: asyncio.Context;
  const requestId: asyncio.ContextVar<any>;
  const requestIdVar: asyncio.ContextVar<any>;
  const currentUser: asyncio.ContextVar<any>;
  const trace: asyncio.Trace;
  const tracer: asyncio.Tracer;
  const step: asyncio.TraceStep;
  const ref: asyncio.StepRef;
  const ticks: asyncio.AsyncGenerator<any>;
  const agen: asyncio.AsyncGenerator<any>;
  const echo: asyncio.AsyncGenerator<any, any>;
  const ticker: (...args: any[]) => asyncio.AsyncGenerator<any>;
  const clock: testing.MockClock;
  // The testing entry's names, in blocks that use them without importing.
  const MockClock: typeof testing.MockClock;
  const asyncTest: typeof testing.asyncTest;
  const AsyncTestError: typeof testing.AsyncTestError;
  const waitAllTasksBlocked: typeof testing.waitAllTasksBlocked;
  const runTest: typeof testing.runTest;
  const test: typeof import("vitest").test;
  const expect: typeof import("vitest").expect;
  // The user's own coroutine functions.
  const main: UserCoroutineFunction;
  const work: UserCoroutineFunction;
  const worker: UserCoroutineFunction & { run(...args: any[]): Promise<any> };
  const job: UserCoroutineFunction;
  const download: UserCoroutineFunction;
  const fetchA: UserCoroutineFunction;
  const fetchB: UserCoroutineFunction;
  const fetchUser: UserCoroutineFunction;
  const fetchPage: UserCoroutineFunction;
  const fetchThing: UserCoroutineFunction;
  const fetchPrice: UserCoroutineFunction;
  const fetchOrders: UserCoroutineFunction;
  const fetchFlaky: UserCoroutineFunction;
  const connect: UserCoroutineFunction;
  const heartbeat: UserCoroutineFunction;
  const step1: UserCoroutineFunction;
  const step2: UserCoroutineFunction;
  const startUp: UserCoroutineFunction;
  const setUp: UserCoroutineFunction;
  const saveToDatabase: UserCoroutineFunction;
  const runAll: UserCoroutineFunction;
  const reconnect: UserCoroutineFunction;
  const readHeader: UserCoroutineFunction;
  const readBody: UserCoroutineFunction;
  const readFile: (path: string) => Promise<any>;
  const portedSendfile: UserCoroutineFunction;
  const longRunningTask: UserCoroutineFunction;
  const logRemote: UserCoroutineFunction;
  const handleGet: UserCoroutineFunction;
  const handlePost: UserCoroutineFunction;
  const handleJob: UserCoroutineFunction;
  const copyInChunks: UserCoroutineFunction;
  const cachedLookup: UserCoroutineFunction;
  const writeRecord: UserCoroutineFunction;
  // A coroutine function, or the Future an awaited-by example unlinks.
  const inner: UserCoroutineFunction & asyncio.Future<any>;
  const handler: UserCoroutineFunction;
  // The user's plain values and types.
  const items: any[];
  const urls: string[];
  const addresses: any[];
  let data: any, url: string, item: any, error: any, id: any, file: any, attempts: any;
  let results: any, key: any, cert: any, ca: any, record: any, metrics: any, counter: any;
  let fired: any, done: any, callback: any, arg: any, a: any, b: any, c: any;
  let context: any, graph: any, udpSocket: any, add: any;
  let suppressing: any, retrying: any, failFast: any;
  type User = any;
  type Job = any;
  type Connection = any;
  type Socket = any;
  type TestEnv = any;
  type Countdown = any;
  const Countdown: new (...args: any[]) => any;
  const socket: import("node:net").Socket;
  class ExpectedError extends Error {}
}
`;

/**
 * The module an example becomes. A block with its own imports or exports (an
 * eslint.config.js, a test file) is a module already; any other is a fragment,
 * wrapped in a function. Either way the block's lines follow `offset` header
 * lines one for one.
 */
function moduleOf(example: Example): { code: string; offset: number } {
  const source = example.source
    .replace(/\{ \.\.\. \}/g, "{ /* ... */ }")
    .replace(/^(\s*)\.\.\.\s*$/gm, "$1// ...");
  const header: string[] = [];
  if (!/^import\b.*\basyncio\b.* from /m.test(source)) {
    header.push('import * as asyncio from "asyncio-ts";');
  }
  if (/^(import|export)\b/m.test(source)) {
    return { code: [...header, source, ""].join("\n"), offset: header.length };
  }
  header.push(
    /\bawait\b/.test(source)
      ? "export async function example(): Promise<void> {"
      : "export function* example(): asyncio.Coroutine<void> {",
  );
  return { code: [...header, source, "}", ""].join("\n"), offset: header.length };
}

const dir = scratchDir("asyncio-ts-doc-examples-");

test("the doc comments have examples", () => {
  expect(examples.length).toBeGreaterThanOrEqual(600);
});

test("every doc-comment example type-checks against the package's types", async () => {
  const offsets: number[] = [];
  const files = examples.map((example, i) => {
    const file = join(dir, `example-${i}.ts`);
    const { code, offset } = moduleOf(example);
    offsets.push(offset);
    writeFileSync(file, code);
    return file;
  });
  writeFileSync(join(dir, "prelude.d.ts"), PRELUDE);
  const compilerOptions = snippetCompilerOptions(root);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({ compilerOptions, files: [join(dir, "prelude.d.ts"), ...files] }),
  );
  let output = "";
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", dir], { timeout: 60_000 });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
    // Point at the source: example-N.ts(L,C) is the line below the fence, less the header.
    output = output.replace(/\S*example-(\d+)\.ts\((\d+),(\d+)\)/g, (_, i, l, c) => {
      const example = examples[Number(i)]!;
      return `${example.file}:${example.line + Number(l) - offsets[Number(i)]!}:${c}`;
    });
  }
  expect(output).toBe("");
}, 60_000);
