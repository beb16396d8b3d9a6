/**
 * A `catch` in a coroutine that can swallow CancelledError: flake8-async's
 * ASYNC103 (a cancellation caught and not re-raised) and ASYNC104 (a return
 * or another exception in its place). In Python `except Exception:` lets
 * CancelledError through (it is a BaseException); a JavaScript `catch` takes
 * everything, so `except Exception:` ported as `catch (e)` makes a cancelled
 * Task carry on as if nothing happened, and `TaskGroup`, `timeout` and
 * `waitFor`, which cancel to stop work, wait for it forever or misreport.
 *
 * Reported: a catch clause in a coroutine whose `try` block has a
 * suspension point (where a cancellation arrives), unless every path a
 * CancelledError takes through it ends in `throw e` (cancelled-path.ts tells
 * which `instanceof` tests it passes). (A `return` or `throw` in a `finally`
 * drops a cancellation too; ESLint's no-unsafe-finally and Biome's
 * noUnsafeFinally report that in any function.)
 *
 * Not reported: a catch that calls `uncancel()` (`currentTask()!.uncancel()`),
 * which is how CPython's documentation says to swallow a cancellation on
 * purpose. And a catch that tests for CancelledError by name around a try
 * block that awaits only Tasks and Futures. There the CancelledError is most
 * likely that Task's outcome, and CPython's documentation itself cancels a
 * Task and then catches its CancelledError (`task.cancel(); try: await task
 * except asyncio.CancelledError: ...`).
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import { asyncioReference } from "../asyncio-reference.js";
import { asyncioKind } from "../asyncio-types.js";
import { cancelledPath } from "../cancelled-path.js";
import { completions } from "../completions.js";
import { isInCoroutine } from "../coroutine-function.js";
import { createRule } from "../create-rule.js";
import { containsSuspension, findInFunction } from "../suspension.js";

type MessageId = "swallowed" | "handledNotRethrown" | "rethrowCancelled";

export const noSwallowedCancellation = createRule<[], MessageId>({
  name: "no-swallowed-cancellation",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description:
        "Require a catch in a coroutine to rethrow CancelledError (flake8-async ASYNC103/104)",
      requiresTypeChecking: true,
      pythonAnalogue: "flake8-async ASYNC103 no-reraise-cancelled, ASYNC104 cancelled-not-raised",
    },
    messages: {
      swallowed:
        "This catch swallows asyncio.CancelledError: the try block suspends, so a cancellation can arrive there, and not every path rethrows it. Python's `except Exception:` lets cancellation through; a JavaScript catch takes everything. Start the catch with `if ({{param}} instanceof asyncio.CancelledError) throw {{param}};`.",
      handledNotRethrown:
        "This catch handles asyncio.CancelledError without rethrowing it: the Task carries on as if it had not been cancelled, and whoever cancelled it (a TaskGroup, a timeout, waitFor) waits or misreports. Rethrow it after the clean-up (`throw {{param}}`).",
      rethrowCancelled:
        "Rethrow a CancelledError first: `if ({{param}} instanceof {{cancelledError}}) throw {{param}};`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();

    /** Inserts the rethrow at the start of the catch body (naming the error `e` if the catch did not). */
    const suggestRethrow = (
      clause: TSESTree.CatchClause,
    ): TSESLint.SuggestionReportDescriptor<MessageId>[] => {
      const cancelledError = asyncioReference(context.sourceCode.ast, services, "CancelledError");
      const param = clause.param;
      if (cancelledError === undefined) return [];
      if (param !== null && param.type !== AST_NODE_TYPES.Identifier) return [];
      const name = param?.name ?? "e";
      const open = context.sourceCode.getFirstToken(clause.body)!;
      const check = `if (${name} instanceof ${cancelledError}) throw ${name};`;
      return [
        {
          messageId: "rethrowCancelled",
          data: { param: name, cancelledError },
          fix: (fixer) => {
            const insert = fixer.insertTextAfter(open, ` ${check}`);
            if (param !== null) return insert;
            const keyword = context.sourceCode.getFirstToken(clause)!;
            return [fixer.insertTextAfter(keyword, ` (${name})`), insert];
          },
        },
      ];
    };

    /** True when every suspension point in `block` is a `yield*` of a Task or a Future. */
    const awaitsOnlyFutures = (block: TSESTree.BlockStatement): boolean =>
      findInFunction(block, (n) => n.type === AST_NODE_TYPES.YieldExpression).every((n) => {
        const wait = n as TSESTree.YieldExpression;
        if (!wait.delegate || wait.argument === null) return false;
        const kind = asyncioKind(services.getTypeAtLocation(wait.argument), checker);
        return kind === "task" || kind === "future";
      });

    /** True when `body` calls a method named `uncancel`: the cancellation is swallowed on purpose. */
    const callsUncancel = (body: TSESTree.BlockStatement): boolean =>
      findInFunction(
        body,
        (n) =>
          n.type === AST_NODE_TYPES.CallExpression &&
          n.callee.type === AST_NODE_TYPES.MemberExpression &&
          n.callee.property.type === AST_NODE_TYPES.Identifier &&
          n.callee.property.name === "uncancel",
      ).length > 0;

    return {
      TryStatement(node) {
        const clause = node.handler;
        if (clause === null || !containsSuspension(node.block) || !isInCoroutine(node, services)) {
          return;
        }
        const param = clause.param;
        const caught = param?.type === AST_NODE_TYPES.Identifier ? param.name : undefined;
        const path = cancelledPath(caught, services);
        const swallows = [...completions(clause.body, path)].some((c) => c !== "rethrow");
        const explicit = path.explicit;
        if (
          !swallows ||
          (explicit && awaitsOnlyFutures(node.block)) ||
          callsUncancel(clause.body)
        ) {
          return;
        }
        context.report({
          node: clause,
          loc: context.sourceCode.getFirstToken(clause)!.loc,
          messageId: explicit ? "handledNotRethrown" : "swallowed",
          data: { param: caught ?? "e" },
          suggest: explicit ? [] : suggestRethrow(clause),
        });
      },
    };
  },
});
