/**
 * What a bundler or minifier must not change: the Python names of classes
 * (reprs, error names, trace labels), their JavaScript names (a class's
 * `name`, the label a console gives its instances) and the frames of a
 * Task's stack. A
 * minifier renames classes and functions, so nothing may come from
 * `constructor.name` or a function's name; a bundle puts asyncio-ts and the
 * program in one file, so its own frames cannot be found by file. The
 * browser test runs the real bundles; these pin the mechanisms.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { captureStack, className, parseStack } from "../src/core/kernel/index.js";
import { minifiedBundle, scratchDir } from "./helpers.js";

const exported = Object.entries(asyncio as Record<string, unknown>);

/** Classes whose name reaches output: errors, Futures, Handles and the primitives with reprs. */
function printsItsName(value: unknown): value is new (...args: never[]) => object {
  if (typeof value !== "function" || value.prototype === undefined) return false;
  const bases = [Error, asyncio.Future, asyncio.Handle, asyncio.Queue, asyncio.Lock, asyncio.Event];
  const more = [asyncio.Condition, asyncio.Semaphore, asyncio.Barrier];
  return [...bases, ...more].some((base) => value === base || value.prototype instanceof base);
}

describe("Python names", () => {
  test("every exported class whose name is printed declares it", () => {
    const named = exported.filter(([, value]) => printsItsName(value));
    expect(named.length).toBeGreaterThan(30);
    for (const [name, cls] of named) {
      expect(Object.hasOwn(cls as object, "pythonName"), `${name} declares pythonName`).toBe(true);
      expect((cls as { pythonName?: string }).pythonName).toBe(name);
    }
  });

  test("a renamed class still prints its declared name; a subclass without one prints its own", () => {
    // What a minifier does to a class: its JavaScript name is gone.
    const Minified = class extends asyncio.Queue<number> {
      static override readonly pythonName = "Queue";
    };
    Object.defineProperty(Minified, "name", { value: "z" });
    expect(className(new Minified())).toBe("Queue");
    class MyQueue extends asyncio.Queue<number> {}
    const loop = new asyncio.EventLoop();
    asyncio.setEventLoop(loop);
    try {
      expect(String(new MyQueue())).toBe("<MyQueue maxsize=0>");
    } finally {
      asyncio.setEventLoop(null);
      loop.close();
    }
    class MyError extends asyncio.RuntimeError {}
    expect(new MyError("x").name).toBe("MyError");
    expect(new asyncio.CancelledError().name).toBe("CancelledError");
    expect(new asyncio.ExceptionGroup("m", [new Error("e")]).name).toBe("ExceptionGroup");
  });
});

describe("JavaScript names", () => {
  const dir = scratchDir("asyncio-ts-names-");

  test("in a minified bundle, every exported class keeps its name and its instances' console label", async () => {
    // The Node entry exports every class the browser entry does, and more.
    const file = join(dir, "min.mjs");
    await minifiedBundle(join(import.meta.dirname, "..", "src", "index.ts"), file);
    const minified = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    // Protocols are made to be subclassed, and a subclass has a name of its own; a tag on
    // them would change what `String(protocol)` says of every user's protocol.
    const classes = Object.entries(minified).filter(
      (entry): entry is [string, { name: string; prototype: object }] =>
        typeof entry[1] === "function" &&
        /^class\b/.test(Function.prototype.toString.call(entry[1])) &&
        !entry[0].endsWith("Protocol"),
    );
    expect(classes.length).toBeGreaterThan(60);
    // The minifier did rename them: their source says another name.
    const renamed = classes.filter(([name, cls]) => !String(cls).startsWith(`class ${name} `));
    expect(renamed.length).toBeGreaterThan(classes.length / 2);
    const subclasses = classes.filter(
      ([, cls]) => Object.getPrototypeOf(cls) !== Function.prototype,
    );
    expect(subclasses.length).toBeGreaterThan(40);
    for (const [name, cls] of classes) expect(cls.name, `${name}.name`).toBe(name);
    // What V8 labels a subclass's instance by (a Task, a Queue, an error); see named().
    for (const [name, cls] of subclasses) {
      expect(Object.prototype.toString.call(Object.create(cls.prototype))).toBe(`[object ${name}]`);
    }
  });

  test("a user's subclass is named by its own name; a base class's instances print as before", () => {
    class MyQueue extends asyncio.Queue<number> {}
    expect(MyQueue.name).toBe("MyQueue");
    expect(asyncio.Queue.name).toBe("Queue");
    expect(Object.getOwnPropertyDescriptor(MyQueue.prototype, Symbol.toStringTag)).toBe(undefined);
    // Tracer has no toString of its own: no tag changes what it says.
    expect(String(Object.create(asyncio.Tracer.prototype))).toBe("[object Object]");
  });
});

describe("stack frames without module URLs", () => {
  test("a minified bundle's trace: frames stop at the Task's resume, host frames go", () => {
    const trace = [
      "Error",
      "    at gn (https://example.com/app.min.js:1:9000)",
      "    at Generator.next (<anonymous>)",
      "    at kn (https://example.com/app.min.js:1:9100)",
      "    at Generator.next (<anonymous>)",
      "    at yn (https://example.com/app.min.js:1:9200)",
      "    at Generator.next (<anonymous>)",
      "    at $._resumeCoroutine (https://example.com/app.min.js:1:4000)",
      "    at $._runAndHandleResult (https://example.com/app.min.js:1:3900)",
    ].join("\n");
    expect(parseStack(trace).map((f) => f.functionName)).toEqual(["yn", "kn", "gn"]);
  });

  test("Gecko's format (name@file:line:col) parses the same way: outermost first, the resume frame and below dropped", () => {
    const trace = ["leaf@app.js:3:5", "main@app.js:9:7", "_resumeCoroutine@app.js:1:1"].join("\n");
    expect(parseStack(trace).map((f) => `${f.functionName}:${f.lineNumber}`)).toEqual([
      "main:9",
      "leaf:3",
    ]);
  });

  test("captureStack drops its callers' frames by count", () => {
    function inner(): string | undefined {
      return captureStack(1);
    }
    function outer(): string | undefined {
      return inner();
    }
    const first = (captureStackOf(outer) ?? "").split("\n")[0];
    expect(first).toMatch(/at outer /);
  });
});

function captureStackOf(f: () => string | undefined): string | undefined {
  return f();
}
