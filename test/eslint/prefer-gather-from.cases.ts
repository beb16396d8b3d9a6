import { preferGatherFrom } from "../../src/eslint/rules/prefer-gather-from.js";
import { header, ruleTester } from "./rule-tester.js";

const code = (body: string): string => `${header}${body}`;

const worker = `function* work(i: number): asyncio.Coroutine<number> { yield* asyncio.sleep(0); return i; }\n`;

ruleTester.run("prefer-gather-from", preferGatherFrom, {
  valid: [
    code(`${worker}function* f() { yield* asyncio.gather(work(1), work(2)); }`),
    // An array literal or a tuple: the code shows how long it is.
    code(`${worker}function* f() { yield* asyncio.gather(...[work(1), work(2)]); }`),
    code(
      `${worker}function* f(pair: [asyncio.Coroutine<number>, asyncio.Coroutine<number>]) { yield* asyncio.gather(...pair); }`,
    ),
    code(`${worker}function* f(xs: number[]) { yield* asyncio.gather.from(xs.map(work)); }`),
    // Another function named gather.
    code(
      `function gather(...xs: number[]) { return xs.length; }\nconst xs = [1, 2];\ngather(...xs);`,
    ),
    code(`${worker}function* f(xs: number[]) { Math.max(...xs); }`),
  ],
  invalid: [
    {
      code: code(
        `${worker}function* f(xs: number[]) { const coros = xs.map(work); yield* asyncio.gather(...coros); }`,
      ),
      errors: [
        {
          messageId: "spreadGather",
          data: { callee: "asyncio.gather", array: "coros" },
          suggestions: [
            {
              messageId: "useFrom",
              output: code(
                `${worker}function* f(xs: number[]) { const coros = xs.map(work); yield* asyncio.gather.from(coros); }`,
              ),
            },
          ],
        },
      ],
    },
    {
      // The options object goes along.
      code: code(
        `${worker}function* f(ts: asyncio.Task<number>[]) { yield* asyncio.gather(...ts, { returnExceptions: true }); }`,
      ),
      errors: [
        {
          messageId: "spreadGather",
          suggestions: [
            {
              messageId: "useFrom",
              output: code(
                `${worker}function* f(ts: asyncio.Task<number>[]) { yield* asyncio.gather.from(ts, { returnExceptions: true }); }`,
              ),
            },
          ],
        },
      ],
    },
    {
      // A named import; mixed arguments are reported without a suggestion.
      code: `import { gather, sleep } from "asyncio-ts";\nfunction* f(rest: asyncio.Coroutine<void>[]) { yield* gather(sleep(1), ...rest); }\nimport type * as asyncio from "asyncio-ts";`,
      errors: [
        { messageId: "spreadGather", data: { callee: "gather", array: "rest" }, suggestions: [] },
      ],
    },
  ],
});
