import { noReusedCoroutine } from "../../src/eslint/rules/no-reused-coroutine.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string =>
  `${header}function* work(): asyncio.Coroutine<number> { yield* asyncio.sleep(1); return 1; }\n${body}`;

/** The error of a use whose earlier use is on `line` of the case (the first line after the two of `code`). */
const reused = (name: string, how: string, line: number) => ({
  messageId: "reusedCoroutine" as const,
  data: { name, how, line: line + 2 },
});
const AWAITED = "awaited (`yield*`)";

ruleTester.run("no-reused-coroutine", noReusedCoroutine, {
  valid: [
    code(`function* main() { const c = work(); yield* c; }`),
    // A new coroutine for each run.
    code(`function* main() { yield* work(); yield* work(); }`),
    code(`function* main() { let c = work(); yield* c; c = work(); yield* c; }`),
    code(`function* main() {
      let c = work();
      const t = asyncio.createTask(c);
      c = work();
      yield* c;
      yield* t;
    }`),
    // The Task is what is awaited twice, not the coroutine.
    code(`function* main() { const t = asyncio.createTask(work()); yield* t; yield* t; }`),
    // In different branches: only one runs.
    code(
      `function* main(fast: boolean) { const c = work(); if (fast) { yield* c; } else { yield* asyncio.createTask(c); } }`,
    ),
    code(
      `function* main(fast: boolean) { const c = work(); return fast ? yield* c : yield* asyncio.shield(c); }`,
    ),
    // The first one may not run before the second: not straight-line code, not reported.
    code(
      `function* main(fast: boolean) { const c = work(); if (fast) { yield* c; return; } yield* c; }`,
    ),
    code(
      `function* main() { const c = work(); try { yield* asyncio.sleep(1); yield* c; } catch { } yield* c; }`,
    ),
    code(
      `function* main(n: number) { const c = work(); for (let i = 0; i < n; i++) { yield* c; break; } yield* c; }`,
    ),
    // A break may skip the first: a do-while body, a labelled block.
    code(
      `function* main(skip: boolean) { const c = work(); do { if (skip) break; yield* c; } while (false); if (skip) yield* c; }`,
    ),
    code(
      `function* main(skip: boolean) { const c = work(); block: { if (skip) break block; yield* c; return; } yield* c; }`,
    ),
    // gather and asCompleted wrap an argument given twice once, as CPython's do.
    code(`function* main() { const c = work(); return yield* asyncio.gather(c, c); }`),
    code(
      `function* main() { const c = work(); for (const f of asyncio.asCompleted([c, c])) yield* f; }`,
    ),
    // Not driven: looked at, stored, compared.
    code(
      `function* main() { const c = work(); console.log(asyncio.isCoroutine(c)); const all = [c]; yield* c; return all; }`,
    ),
    // A use in a nested function runs when that function is called.
    code(
      `function* main() { const c = work(); yield* asyncio.sleep(0); const later = () => asyncio.createTask(c); yield* c; return later; }`,
    ),
    // Reassigned by a closure: not followed.
    code(
      `function* main() { let c = work(); const renew = () => { c = work(); }; yield* c; renew(); yield* c; }`,
    ),
    code(
      `function* main(x: number) { const c = work(); switch (x) { case 1: yield* c; break; default: yield* asyncio.createTask(c); } }`,
    ),
    code(
      `function* main(ok: boolean) { const c = work(); const v = ok && (yield* c); return v || (yield* c); }`,
    ),
    // A value that is no coroutine.
    code(`function* main(t: asyncio.Task<number>) { yield* t; yield* asyncio.shield(t); }`),
    code(`function* main() { const it = [1, 2][Symbol.iterator](); const a = [...it]; return a; }`),
  ],
  invalid: [
    {
      // A do-while body and a labelled block with no break run whole.
      code: code(`function* main() {
        const c = work();
        do { yield* c; } while (false);
        block: { yield* asyncio.sleep(0); yield* c; }
      }`),
      errors: [reused("c", AWAITED, 3)],
    },
    {
      // CPython: RuntimeError: cannot reuse already awaited coroutine.
      code: code(`function* main() {
        const c = work();
        const a = yield* c;
        const b = yield* c;
        return a + b;
      }`),
      errors: [reused("c", AWAITED, 3)],
    },
    {
      code: code(`function* main() {
        const c = work();
        yield* c;
        return yield* asyncio.createTask(c);
      }`),
      errors: [reused("c", AWAITED, 3)],
    },
    {
      // createTask twice: two Tasks on one coroutine.
      code: code(`function* main() {
        const c = work();
        const t1 = asyncio.createTask(c);
        const t2 = asyncio.createTask(c);
        return yield* asyncio.gather(t1, t2);
      }`),
      errors: [reused("c", "given to 'asyncio.createTask'", 3)],
    },
    {
      // gather(task, coro) where task = createTask(coro).
      code: code(`function* main() {
        const c = work();
        const t = asyncio.createTask(c);
        return yield* asyncio.gather(t, c);
      }`),
      errors: [reused("c", "given to 'asyncio.createTask'", 3)],
    },
    {
      // Each later use is reported, against the first that ran before it.
      code: code(`function* main() {
        const c = work();
        yield* c;
        yield* asyncio.waitFor(c, 1);
        yield* asyncio.shield(c);
        yield* asyncio.ensureFuture(c);
      }`),
      errors: [reused("c", AWAITED, 3), reused("c", AWAITED, 3), reused("c", AWAITED, 3)],
    },
    {
      // A TaskGroup's createTask, the Task constructor, asCompleted and gather.from drive it too.
      code: code(`function* main(tg: asyncio.TaskGroup) {
        const c = work();
        tg.createTask(c);
        new asyncio.Task(c);
        for (const f of asyncio.asCompleted([c])) yield* f;
        yield* asyncio.gather.from([c]);
      }`),
      errors: [
        reused("c", "given to 'tg.createTask'", 3),
        reused("c", "given to 'tg.createTask'", 3),
        reused("c", "given to 'tg.createTask'", 3),
      ],
    },
    {
      // Imported by name, under another name.
      code: `import { createTask as spawn, type Coroutine } from "asyncio-ts";
function* work(): Coroutine<number> { return 1; }
function* main() { const c = work(); const t = spawn(c); yield* c; return t; }`,
      errors: [reused("c", "given to 'spawn'", 1)],
    },
    {
      // A parameter, and a use inside a later branch: the first use ran on every path to it.
      code: code(`function* main(c: asyncio.Coroutine<number>, again: boolean) {
        yield* c;
        if (again) {
          yield* c;
        }
      }`),
      errors: [reused("c", AWAITED, 2)],
    },
    {
      // A loop after the first use: its first turn already reuses the coroutine.
      code: code(`function* main(n: number) {
        const c = work();
        yield* c;
        for (let i = 0; i < n; i++) yield* c;
      }`),
      errors: [reused("c", AWAITED, 3)],
    },
    {
      // A `try` without `catch` runs on, or leaves the function; `&&` runs its left side; `as` is looked through.
      code: code(`function* main(ok: boolean) {
        const c = work();
        try { yield* (c as asyncio.Coroutine<number>); } finally { console.log("done"); }
        return ok && (yield* c);
      }`),
      errors: [reused("c", AWAITED, 3)],
    },
    {
      // Two variables, each reported on its own.
      code: code(`function* main() {
        const a = work(), b = work();
        const ta = asyncio.ensureFuture(a);
        yield* b;
        yield* asyncio.gather(a, b, ta);
      }`),
      errors: [reused("a", "given to 'asyncio.ensureFuture'", 3), reused("b", AWAITED, 4)],
    },
    {
      // run() twice at a module's top level.
      code: code(`const c = work();
await asyncio.run(c);
await asyncio.run(c);`),
      errors: [reused("c", "given to 'asyncio.run'", 2)],
    },
    {
      // A reassignment after the second use does not excuse it.
      code: code(`function* main() {
        let c = work();
        yield* c;
        yield* c;
        c = work();
        yield* c;
      }`),
      errors: [reused("c", AWAITED, 3)],
    },
  ],
});
