/**
 * `await` on a coroutine: in an `async function` (or a module's top level)
 * `await asyncio.sleep(0.5)` compiles, and evaluates at once to the inert
 * generator, since a generator is not a Promise. Python would run the
 * coroutine; here nothing runs. Futures and Tasks are PromiseLike, so
 * `await task` from async code is right and is not reported. The same holds
 * for coroutines handed to `Promise.all` (and `allSettled`, `race`, `any`),
 * which settles with them unrun: what `gather` is for.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import ts from "typescript";
import { asyncioReference } from "../asyncio-reference.js";
import { asyncioKind, isCoroutineValue } from "../asyncio-types.js";
import { createRule } from "../create-rule.js";
import { describeValue } from "../describe.js";

type MessageId = "awaitCoroutine" | "promiseCombinator" | "runIt";

/** The combinators of Promise that wait for the values they are given. */
const COMBINATORS = new Set(["all", "allSettled", "race", "any"]);

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
      promiseCombinator:
        "`Promise.{{method}}` does not run {{what}}: it waits for Promises, and a generator is not one: it settles at once, with nothing run. Run coroutines together with `yield* asyncio.gather(...)` in a coroutine; from async code, run that coroutine: `await asyncio.run(main())`, where `main` gathers them (`asyncio.run(asyncio.gather(...))` fails: gather needs a running loop).",
      runIt: "Run it on a new event loop: `await {{run}}(...)`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const isCoroutine = (node: TSESTree.Node): boolean => isCoroutineValue(node, services);
    /** An array or tuple of coroutines. */
    const holdsCoroutines = (node: TSESTree.Node): boolean => {
      const type = services.getTypeAtLocation(node);
      const item = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
      return item !== undefined && asyncioKind(item, checker) === "coroutine";
    };
    return {
      CallExpression(node) {
        const method = promiseCombinator(node);
        const list = node.arguments[0];
        if (method === undefined || list === undefined) return;
        const report = (coroutine: TSESTree.Node, many: boolean): void => {
          const name = describeValue(coroutine, context.sourceCode);
          context.report({
            node: coroutine,
            messageId: "promiseCombinator",
            data: { method, what: many ? `the coroutines in ${name}` : `the coroutine ${name}` },
          });
        };
        if (list.type === AST_NODE_TYPES.ArrayExpression) {
          for (const item of list.elements) {
            if (item?.type === AST_NODE_TYPES.SpreadElement) {
              if (holdsCoroutines(item.argument)) report(item.argument, true);
            } else if (item !== null && isCoroutine(item)) {
              report(item, false);
            }
          }
        } else if (holdsCoroutines(list)) {
          report(list, true);
        }
      },
      AwaitExpression(node) {
        const argument = node.argument;
        if (!isCoroutine(argument)) return;
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

/** `all` for `Promise.all(...)` (and the other combinators), else undefined. */
function promiseCombinator(node: TSESTree.CallExpression): string | undefined {
  const callee = node.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed) return undefined;
  if (callee.object.type !== AST_NODE_TYPES.Identifier || callee.object.name !== "Promise") {
    return undefined;
  }
  const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : "";
  return COMBINATORS.has(method) ? method : undefined;
}
