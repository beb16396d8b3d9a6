/**
 * `await` on a coroutine: in an `async function` (or a module's top level)
 * `await asyncio.sleep(0.5)` compiles, and evaluates at once to the inert
 * generator, since a generator is not a Promise. Python would run the
 * coroutine; here nothing runs. Futures and Tasks are PromiseLike, so
 * `await task` from async code is right and is not reported.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import { ESLintUtils } from "@typescript-eslint/utils";
import { asyncioReference } from "../asyncio-reference.js";
import { asyncioKind } from "../asyncio-types.js";
import { createRule } from "../create-rule.js";
import { describeValue } from "../describe.js";

type MessageId = "awaitCoroutine" | "runIt";

export const noAwaitCoroutine = createRule<[], MessageId>({
  name: "no-await-coroutine",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description:
        "Disallow `await` on a coroutine, which gives back the generator without running it",
      requiresTypeChecking: true,
      pythonAnalogue: "`await coro` in an `async def`, which in Python would run it",
    },
    messages: {
      awaitCoroutine:
        "`await` does not run the coroutine {{name}}: a generator is not a Promise, so this gives back the generator at once. From async code, run it with `await asyncio.run(...)`, or hand it to a loop that is running with `await asyncio.runCoroutineThreadsafe(..., loop)`; or make this function a coroutine (`function*`, `yield*`) and await Promises in it with `yield* asyncio.fromPromise(...)`.",
      runIt: "Run it on a new event loop: `await {{run}}(...)`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      AwaitExpression(node) {
        const argument = node.argument;
        if (asyncioKind(services.getTypeAtLocation(argument), checker) !== "coroutine") return;
        const text = context.sourceCode.getText(argument);
        const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
        const run = asyncioReference(context.sourceCode.ast, services, "run");
        if (run !== undefined) {
          suggest.push({
            messageId: "runIt",
            data: { run },
            fix: (fixer) => fixer.replaceText(argument, `${run}(${text})`),
          });
        }
        context.report({
          node,
          messageId: "awaitCoroutine",
          data: { name: describeValue(argument, context.sourceCode) },
          suggest,
        });
      },
    };
  },
});
