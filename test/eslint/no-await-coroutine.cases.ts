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
  ],
  invalid: [
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
