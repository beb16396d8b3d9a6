/**
 * A `yield*` in the clean-up of a cancelled coroutine, not shielded:
 * flake8-async's ASYNC102. asyncio's cancellation is an event, not a state
 * (trio's and anyio's): a CancelledError is thrown in once, and a `yield*`
 * in the `finally` that it runs through does suspend and resume. But any
 * second cancellation interrupts it halfway: a TaskGroup cancelling its
 * remaining children, `asyncio.run` cancelling the Tasks left at exit, a
 * timeout or `waitFor` around the caller, a second `task.cancel()`. What
 * must finish (closing a connection, releasing a lease) belongs in
 * `yield* asyncio.shield(cleanup())`, which runs to its end as a Task of its
 * own even if the wait for it is cancelled. A warning: often the clean-up
 * is short and a second cancellation unlikely.
 *
 * Reported in a coroutine: a `yield`/`yield*` directly inside a `finally`
 * whose `try` block suspends, and inside the branch of a `catch` that the
 * CancelledError takes (`if (e instanceof asyncio.CancelledError) {...}`),
 * unless its argument involves `shield(...)`.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import { asyncioReference } from "../asyncio-reference.js";
import { type CancelledPath, cancelledPath } from "../cancelled-path.js";
import { isInCoroutine } from "../coroutine-function.js";
import { createRule } from "../create-rule.js";
import { describeValue } from "../describe.js";
import { nameOf } from "../names.js";
import { containsSuspension, findInFunction } from "../suspension.js";

type MessageId = "inFinally" | "inCancelledCatch" | "shieldIt";

export const requireShieldInFinally = createRule<[], MessageId>({
  name: "require-shield-in-finally",
  meta: {
    type: "suggestion",
    hasSuggestions: true,
    docs: {
      description:
        "Require `shield` around what a cancelled coroutine awaits while it cleans up (flake8-async ASYNC102)",
      requiresTypeChecking: true,
      pythonAnalogue: "flake8-async ASYNC102 await-in-finally-or-cancelled",
    },
    messages: {
      inFinally:
        "This `yield*` in a finally can be cut short: if the Task is cancelled again while it waits (a TaskGroup or a timeout cancelling, `asyncio.run` shutting down), {{name}} stops halfway. Shield what must finish: `yield* asyncio.shield(...)`.",
      inCancelledCatch:
        "This `yield*` runs while the Task is being cancelled; a second cancellation stops {{name}} halfway. Shield what must finish: `yield* asyncio.shield(...)`.",
      shieldIt: "Shield it: `yield* {{shield}}(...)`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);

    const reported = new Set<TSESTree.Node>();
    const check = (region: TSESTree.Node, messageId: "inFinally" | "inCancelledCatch"): void => {
      const waits = findInFunction(region, (n) => n.type === AST_NODE_TYPES.YieldExpression);
      for (const wait of waits as TSESTree.YieldExpression[]) {
        const argument = wait.argument;
        if (reported.has(wait) || (argument !== null && isShielded(argument))) continue;
        reported.add(wait);
        const shield = asyncioReference(context.sourceCode.ast, services, "shield");
        context.report({
          node: wait,
          messageId,
          data: {
            name:
              argument === null
                ? "the turn it gives the loop"
                : describeValue(argument, context.sourceCode),
          },
          suggest:
            shield === undefined || argument === null || !wait.delegate
              ? []
              : [
                  {
                    messageId: "shieldIt",
                    data: { shield },
                    fix: (fixer) =>
                      fixer.replaceText(
                        argument,
                        `${shield}(${context.sourceCode.getText(argument)})`,
                      ),
                  },
                ],
        });
      }
    };

    return {
      TryStatement(node) {
        if (!containsSuspension(node.block) || !isInCoroutine(node, services)) return;
        if (node.finalizer !== null) check(node.finalizer, "inFinally");
        const clause = node.handler;
        const param = clause?.param;
        if (clause == null || param?.type !== AST_NODE_TYPES.Identifier) return;
        for (const branch of cancelledBranches(clause.body, () =>
          cancelledPath(param.name, services),
        )) {
          check(branch, "inCancelledCatch");
        }
      },
    };
  },
});

/** `shield(...)` anywhere in what is awaited: `shield(x)`, `waitFor(shield(x), 5)`. */
function isShielded(argument: TSESTree.Expression): boolean {
  return (
    findInFunction(
      argument,
      (n) => n.type === AST_NODE_TYPES.CallExpression && nameOf(n.callee) === "shield",
    ).length > 0
  );
}

/** The branches of the `if`s in `body` that a CancelledError takes because the test names CancelledError (or BaseException). */
function cancelledBranches(
  body: TSESTree.BlockStatement,
  newPath: () => CancelledPath,
): TSESTree.Statement[] {
  const ifs = findInFunction(body, (n) => n.type === AST_NODE_TYPES.IfStatement);
  const branches: TSESTree.Statement[] = [];
  for (const node of ifs as TSESTree.IfStatement[]) {
    const path = newPath();
    const taken = path.decide(node.test);
    if (!path.explicit) continue;
    if (taken === true) branches.push(node.consequent);
    else if (taken === false && node.alternate !== null) branches.push(node.alternate);
  }
  return branches;
}
