import { noAwaitCoroutine } from "../../src/eslint/rules/no-await-coroutine.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string => `${header}${body}`;

ruleTester.run("no-await-coroutine", noAwaitCoroutine, {
  valid: [
    code(`async function main() { await asyncio.run(asyncio.sleep(0.5)); }`),
    // Futures and Tasks are PromiseLike: awaiting them from async code works.
    code(
      `async function f(t: asyncio.Task<number>, fut: asyncio.Future<string>) { await t; await fut; }`,
    ),
    code(`async function f(p: Promise<number>) { await p; }`),
    // Promise.all of Promises, Tasks (PromiseLike) and plain values.
    code(
      `async function f(p: Promise<number>, t: asyncio.Task<number>, ts: asyncio.Task<number>[]) { await Promise.all([p, t, 1, ...ts]); await Promise.race(ts); }`,
    ),
    code(`function* main() { yield* asyncio.gather(asyncio.sleep(1), asyncio.sleep(2)); }`),
  ],
  invalid: [
    {
      // A generator is not a Promise: Promise.all settles with it unrun.
      code: code(
        `function* work(): asyncio.Coroutine<number> { yield* asyncio.sleep(1); return 1; }
         function* main() { const all = yield* asyncio.fromPromise(Promise.all([work(), Promise.resolve(2)])); return all; }`,
      ),
      errors: [
        { messageId: "promiseCombinator", data: { method: "all", what: "the coroutine 'work'" } },
      ],
    },
    {
      code: code(
        `function* work(n: number): asyncio.Coroutine<number> { yield* asyncio.sleep(n); return n; }
         export async function f(ns: number[]) { const more = ns.map(work); return [await Promise.race(ns.map(work)), await Promise.allSettled([work(0), ...more])]; }`,
      ),
      errors: [
        {
          messageId: "promiseCombinator",
          data: { method: "race", what: "the coroutines in 'ns.map'" },
        },
        {
          messageId: "promiseCombinator",
          data: { method: "allSettled", what: "the coroutine 'work'" },
        },
        {
          messageId: "promiseCombinator",
          data: { method: "allSettled", what: "the coroutines in 'more'" },
        },
      ],
    },
    {
      code: code(`async function main() { await asyncio.sleep(0.5); }`),
      errors: [
        {
          messageId: "awaitCoroutine",
          data: { name: "'asyncio.sleep'" },
          suggestions: [
            {
              messageId: "runIt",
              output: code(`async function main() { await asyncio.run(asyncio.sleep(0.5)); }`),
            },
          ],
        },
      ],
    },
    {
      // At a module's top level.
      code: code(
        `function* main(): asyncio.Coroutine<void> { yield* asyncio.sleep(1); }\nawait main();`,
      ),
      errors: [
        {
          messageId: "awaitCoroutine",
          suggestions: [
            {
              messageId: "runIt",
              output: code(
                `function* main(): asyncio.Coroutine<void> { yield* asyncio.sleep(1); }\nawait asyncio.run(main());`,
              ),
            },
          ],
        },
      ],
    },
    {
      // Without an asyncio-ts import there is nothing to suggest.
      code: `function* work() { return 1; }\nasync function main() { await work(); }\nexport {};`,
      errors: [{ messageId: "awaitCoroutine", suggestions: [] }],
    },
  ],
});
