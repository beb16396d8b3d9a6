/**
 * The Node bundles (dist/bundle/, scripts/build-bundles.mjs), which the
 * package's `node` export condition loads: a program importing several
 * entries sees one copy of each class, asyncio-ts's own frames stay out of
 * a Task's stack, the worker pool finds its script, source maps lead to the
 * shipped src/, and a program sees the same as with tsc's files.
 */
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "..");
const bundle = join(root, "dist", "bundle");
const program = join(root, "test", "fixtures", "node-bundle-program.mjs");

/** The fixture's transcript with asyncio-ts loaded from `entries`. */
async function transcript(entries: string[], nodeOptions: string[] = []): Promise<string[]> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...nodeOptions, program, ...entries],
    { cwd: root, timeout: 20_000 },
  );
  return stdout.trimEnd().split("\n");
}

const exported = ["asyncio-ts", "asyncio-ts/core", "asyncio-ts/testing"];
const tscFiles = ["index.js", "core/index.js", "testing/index.js"].map(
  (file) => `../../dist/src/${file}`,
);

describe("the Node bundles", () => {
  test("the package's exports lead Node to them", () => {
    for (const [entry, file] of [
      [".", "index.js"],
      ["./core", "core.js"],
      ["./testing", "testing.js"],
    ] as const) {
      const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
      const target = manifest.exports[entry].node;
      expect(typeof target === "string" ? target : target.default).toBe(`./dist/bundle/${file}`);
    }
  });

  test("a program importing every entry sees one class of each, and what it sees with tsc's files", async () => {
    const [bundled, unbundled] = await Promise.all([transcript(exported), transcript(tscFiles)]);
    expect(bundled).toEqual([
      "one CancelledError: true",
      "one EventLoop: true",
      "testing's loop is an asyncio.EventLoop: true",
      "getRunningLoop() is it: true",
      "a cancelled Task raises asyncio.CancelledError: true",
      "stack: middle > leaf",
      "repr: <Task pending name='Task-6' coro=<middle() running at …> wait_for=<Future pending cb=[Task.task_wakeup()]>>",
      "toThread: 49",
      "first own frame: js",
    ]);
    expect(unbundled).toEqual(bundled);
  }, 30_000);

  test("with --enable-source-maps, tracebacks name the TypeScript sources", async () => {
    const lines = await transcript(exported, ["--enable-source-maps"]);
    expect(lines.at(-1)).toBe("first own frame: src/*.ts");
  }, 30_000);

  test("sleep's coroutine is still named sleep in the bundle (asyncio-ts ps names a sleeping Task's coroutine by it)", async () => {
    const bundled = (await import(join(bundle, "index.js"))) as typeof import("asyncio-ts");
    const error = await bundled.run(bundled.sleep("1" as never)).catch((e: unknown) => e);
    expect((error as Error).message).toBe("sleep() argument 'delay' must be a number, not '1'");
    // Below the shared check (arg-check.ts).
    expect((error as Error).stack?.split("\n")[2]).toMatch(/^ {4}at sleep \(/);
  });

  test("every source map names only files the package ships", () => {
    const maps = readdirSync(bundle).filter((file) => file.endsWith(".js.map"));
    expect(maps.length).toBeGreaterThanOrEqual(4);
    for (const file of maps) {
      const { sources } = JSON.parse(readFileSync(join(bundle, file), "utf8")) as {
        sources: string[];
      };
      for (const source of sources) {
        const path = resolve(dirname(join(bundle, file)), source);
        expect(path.startsWith(join(root, "src")), source).toBe(true);
        expect(existsSync(path), source).toBe(true);
      }
    }
  });

  test("the entries import shared chunks and node:module, nothing from tsc's tree", () => {
    // Node's other modules are required on first use (src/node/lazy-builtins.ts):
    // an ES import of one has Node read all its exports, running its lazy getters.
    for (const file of readdirSync(bundle).filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(join(bundle, file), "utf8");
      // Static imports and re-exports, one line or several: `import {\n  a,\n  b\n} from "x";`.
      const imports = [...code.matchAll(/^(?:import|export)\b[^;]*?["']([^"']+)["'];$/gm)].map(
        (m) => m[1]!,
      );
      // A dynamic import() of a path would load tsc's tree; the one dynamic
      // import is of an optional peer package by name (bullmq, ioredis:
      // node/distributed/load-engine.ts).
      expect(code).not.toMatch(/\bimport\(\s*["'`.]|\brequire\(/);
      // worker.js has a second: the job modules it serves (served-modules.ts).
      const dynamicImports = file === "worker.js" ? 2 : 1;
      expect(code.match(/\bimport\(/g)?.length ?? 0).toBeLessThanOrEqual(dynamicImports);
      // worker.js is `asyncio-ts worker`'s (src/cli/main.ts), which no
      // program importing "asyncio-ts" loads: Node's modules it may import,
      // and the library from index.js, the copy its job modules import.
      const allowed =
        file === "worker.js"
          ? /^(node:[a-z_]+|\.\/index\.js)$/
          : /^(node:module|\.\/asyncio-ts-[A-Z0-9]{8}\.js)$/;
      for (const specifier of imports) {
        expect(specifier, `${file} imports ${specifier}`).toMatch(allowed);
      }
    }
  });

  test("the bundles are ASCII, without tsc's comments (V8 holds other text as two-byte)", () => {
    for (const file of readdirSync(bundle).filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(join(bundle, file), "utf8");
      expect(code.match(/[^\t\n\r -~]/g), file).toBeNull();
      // A JSDoc comment of the sources (esbuild keeps those on class members).
      expect(code, file).not.toMatch(/\/\*\*\s/);
    }
  });

  test("a user's bundler drops what a program does not use: the sources' @__PURE__ annotations are kept", async () => {
    // Barrier's class is kept by its static field, `name = named(this, "Barrier")`,
    // unless the call is marked pure; nothing else refers to it.
    const output = await esbuild.build({
      stdin: {
        contents: `import { run, sleep } from ${JSON.stringify(join(bundle, "index.js"))}; run(sleep(0));`,
        resolveDir: root,
      },
      bundle: true,
      platform: "node",
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const code = output.outputFiles[0]!.text;
    expect(code).toContain('"Task"');
    expect(code).not.toContain('"Barrier"');
  });
});
