/**
 * A `return` inside an `asyncWith` or `asyncFor` body that means less than it
 * says. In Python, `return` inside `async with` or `async for` leaves the
 * function; ported, the body is a function of its own, so `return` leaves
 * only the body, and the function goes on after `yield* asyncWith(...)`.
 *
 * - `return value` in an asyncWith body whose result is dropped (the
 *   `yield* asyncio.asyncWith(...)` is a statement): the value is lost.
 *   Write `return yield* asyncio.asyncWith(...)`.
 * - a bare `return` in the middle of an asyncWith or asyncFor body when code
 *   follows the call: that code still runs (in asyncFor, `return` goes on
 *   to the next item, Python's `continue`; `return false` is `break`).
 *   Option `bareReturn: false` turns this check off.
 *
 * asyncWith and asyncFor are recognised by name, called with a function
 * body, so a project's own helpers of those names are held to the same.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import { isFunctionNode } from "../coroutine-function.js";
import { createRule } from "../create-rule.js";
import { nameOf } from "../names.js";
import { findInFunction } from "../suspension.js";

type MessageId = "valueDropped" | "bareReturn" | "returnResult";
type Options = [{ bareReturn?: boolean }];

const BODIES = new Set(["asyncWith", "asyncFor"]);

export const noDroppedBodyReturn = createRule<Options, MessageId>({
  name: "no-dropped-body-return",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description:
        "Disallow a `return` in an asyncWith/asyncFor body that cannot do what Python's `return` in `async with`/`async for` does",
      requiresTypeChecking: true,
      pythonAnalogue: "`return` inside `async with` / `async for`, which leaves the function",
    },
    messages: {
      valueDropped:
        "This `return` leaves only the {{call}} body, and its value is dropped: the result of `yield* {{call}}(...)` is not used. In Python, `return` inside `async {{python}}` leaves the function: write `return yield* {{call}}(...)`.",
      bareReturn:
        "This `return` leaves only the {{call}} body{{iteration}}; the code after `yield* {{call}}(...)` still runs. In Python, `return` inside `async {{python}}` leaves the function: return a value from the body and test it after the call.",
      returnResult: "Return what the body returns: `return yield* {{call}}(...)`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          bareReturn: {
            type: "boolean",
            description:
              "Also report a bare `return` in the middle of a body when code follows the call.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ bareReturn: true }],
  },
  defaultOptions: [{ bareReturn: true }],
  create(context, [{ bareReturn = true }]) {
    // Type information is not needed, but asked for so the rule runs where the others do.
    ESLintUtils.getParserServices(context);
    return {
      CallExpression(node) {
        const call = nameOf(node.callee);
        const body = node.arguments[1];
        if (
          call === undefined ||
          !BODIES.has(call) ||
          body === undefined ||
          !isFunctionNode(body)
        ) {
          return;
        }
        const statement = droppedStatement(node);
        const python = call === "asyncWith" ? "with" : "for";
        const written = context.sourceCode.getText(node.callee);
        const returns = findInFunction(body.body, (n) => n.type === AST_NODE_TYPES.ReturnStatement);
        for (const ret of returns as TSESTree.ReturnStatement[]) {
          if (ret.argument !== null && call === "asyncWith" && statement !== undefined) {
            context.report({
              node: ret,
              messageId: "valueDropped",
              data: { call: written, python },
              suggest: [
                {
                  messageId: "returnResult",
                  data: { call: written },
                  fix: (fixer) => fixer.insertTextBefore(statement, "return "),
                },
              ],
            });
          } else if (
            ret.argument === null &&
            bareReturn &&
            follows(ret) &&
            somethingFollows(node)
          ) {
            const iteration = call === "asyncFor" ? " and goes on with the next item" : "";
            context.report({
              node: ret,
              messageId: "bareReturn",
              data: { call: written, python, iteration },
            });
          }
        }
      },
    };
  },
});

/** The statement `yield* call(...);` when the call's result is dropped. */
function droppedStatement(call: TSESTree.CallExpression): TSESTree.ExpressionStatement | undefined {
  const wait = call.parent;
  if (wait.type !== AST_NODE_TYPES.YieldExpression || !wait.delegate) return undefined;
  return wait.parent.type === AST_NODE_TYPES.ExpressionStatement ? wait.parent : undefined;
}

/** True when some code of the function around the call can run after it. */
function somethingFollows(call: TSESTree.CallExpression): boolean {
  let at: TSESTree.Node = call;
  while (at.parent && at.type !== AST_NODE_TYPES.ExpressionStatement) {
    if (isFunctionNode(at.parent)) return false;
    at = at.parent;
  }
  return follows(at);
}

/**
 * Whether more of the enclosing function runs after `node` finishes: a
 * statement after it, or a loop around it going round again. (A `return`
 * that is the body's last statement changes nothing.)
 */
function follows(node: TSESTree.Node): boolean {
  for (let at: TSESTree.Node = node; ; ) {
    const parent = at.parent;
    if (!parent || isFunctionNode(parent)) return false;
    if (parent.type === AST_NODE_TYPES.BlockStatement || parent.type === AST_NODE_TYPES.Program) {
      const index = (parent.body as TSESTree.Node[]).indexOf(at);
      if (index < parent.body.length - 1) return true;
    }
    if (isLoop(parent)) return true;
    at = parent;
  }
}

function isLoop(node: TSESTree.Node): boolean {
  return (
    node.type === AST_NODE_TYPES.WhileStatement ||
    node.type === AST_NODE_TYPES.DoWhileStatement ||
    node.type === AST_NODE_TYPES.ForStatement ||
    node.type === AST_NODE_TYPES.ForInStatement ||
    node.type === AST_NODE_TYPES.ForOfStatement
  );
}
