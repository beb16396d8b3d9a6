/**
 * A Task created and not kept: ruff's RUF006 and flake8-async's ASYNC120
 * ("store a reference to the return value of asyncio.create_task"). The Task
 * runs (asyncio-ts's loop keeps pending Tasks alive, where CPython's keeps
 * only weak references), but nothing can await it, cancel it or see how it
 * ended: an exception is only logged as "Task exception was never
 * retrieved". A TaskGroup's `tg.createTask(...)` is not reported: the group
 * keeps its Tasks and waits for them.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import { asyncioKind, isTaskGroup } from "../asyncio-types.js";
import { createRule } from "../create-rule.js";
import { describeValue } from "../describe.js";
import { isUnreadVariable } from "../unread-variable.js";

type MessageId = "droppedTask" | "unreadTask";

export const noDroppedTask = createRule<[], MessageId>({
  name: "no-dropped-task",
  meta: {
    type: "suggestion",
    docs: {
      description: "Require a reference to every Task that `createTask` starts (ruff RUF006)",
      requiresTypeChecking: true,
      pythonAnalogue:
        "ruff RUF006 / flake8-async ASYNC120: store a reference to create_task's result",
    },
    messages: {
      droppedTask:
        'The Task {{name}} starts is not kept: nothing can await or cancel it, and an exception it raises is only logged ("Task exception was never retrieved"). Keep it (and await it), or create it in a TaskGroup.',
      unreadTask:
        "The Task in '{{name}}' is never awaited or used: nothing can cancel it or see how it ended.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const isTask = (node: TSESTree.Node): boolean =>
      asyncioKind(services.getTypeAtLocation(node), checker) === "task";

    /** `tg.createTask(...)`: the TaskGroup holds the Task. */
    const isGroupsTask = (node: TSESTree.Expression): boolean => {
      const call = node.type === AST_NODE_TYPES.ChainExpression ? node.expression : node;
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = call.callee;
      return (
        callee.type === AST_NODE_TYPES.MemberExpression &&
        isTaskGroup(services.getTypeAtLocation(callee.object), checker)
      );
    };

    return {
      ExpressionStatement(node) {
        const expression = node.expression;
        if (expression.type === AST_NODE_TYPES.AssignmentExpression) return;
        if (expression.type === AST_NODE_TYPES.UnaryExpression) return; // `void createTask(...)`
        if (expression.type === AST_NODE_TYPES.AwaitExpression) return;
        if (expression.type === AST_NODE_TYPES.YieldExpression) return;
        if (!isTask(expression) || isGroupsTask(expression)) return;
        context.report({
          node: expression,
          messageId: "droppedTask",
          data: { name: describeValue(expression, context.sourceCode) },
        });
      },
      VariableDeclarator(node) {
        if (node.init === null || node.id.type !== AST_NODE_TYPES.Identifier) return;
        if (!isTask(node.id) || !isUnreadVariable(node, context.sourceCode)) return;
        context.report({ node: node.id, messageId: "unreadTask", data: { name: node.id.name } });
      },
    };
  },
});
