/**
 * The package's types, as projects that install it see them: a browser
 * project (TypeScript's `bundler` resolution, DOM, no @types/node) gets the
 * core and tools alone (and `asyncio-ts/testing`) and type-checks; a Node project (`nodenext`, with
 * @types/node) gets the Node layer too. Each case is a scratch project whose
 * node_modules/asyncio-ts links to this repository, so the package.json
 * `exports` map decides, as it does for an installed copy.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), "asyncio-ts-types-"));
  mkdirSync(join(project, "node_modules", "@types"), { recursive: true });
  symlinkSync(root, join(project, "node_modules", "asyncio-ts"), "dir");
  symlinkSync(
    join(root, "node_modules", "@types", "node"),
    join(project, "node_modules", "@types", "node"),
    "dir",
  );
  writeFileSync(join(project, "package.json"), '{ "type": "module" }\n');
});

afterAll(() => {
  rmSync(project, { recursive: true, force: true });
});

/** Type-checks `source` under `options`; returns tsc's diagnostics ("" when clean). */
async function typeCheck(source: string, options: Record<string, unknown>): Promise<string> {
  writeFileSync(join(project, "main.ts"), source);
  const compilerOptions = { target: "ES2022", strict: true, skipLibCheck: false, noEmit: true };
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({ compilerOptions: { ...compilerOptions, ...options }, files: ["main.ts"] }),
  );
  try {
    await promisify(execFile)(process.execPath, [tsc, "-p", project]);
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
`;

describe("the package's types", () => {
  test("a browser project without @types/node type-checks the core and tools", async () => {
    expect(await typeCheck(program, browser)).toBe("");
  }, 60_000);

  test("a browser project does not see the Node layer", async () => {
    const out = await typeCheck(
      'import * as asyncio from "asyncio-ts";\nvoid asyncio.openConnection;\n',
      browser,
    );
    expect(out).toMatch(/Property 'openConnection' does not exist/);
  }, 60_000);

  test("a Node project sees the Node layer", async () => {
    const source = `${program}\nvoid asyncio.openConnection;\nvoid asyncio.createSubprocessExec;\n`;
    expect(await typeCheck(source, node)).toBe("");
  }, 60_000);
});
