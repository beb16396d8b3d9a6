/**
 * A call that blocks the thread, inside a coroutine: flake8-async's ASYNC2xx
 * (blocking HTTP, subprocess, file and sleep calls in an `async def`). The
 * loop runs every Task on one thread, so while `fs.readFileSync` or
 * `execSync` runs, no other Task, timer or I/O callback does. A loop that
 * spins on the clock (`while (Date.now() < end) {}`, JavaScript's
 * `time.sleep`) is one too, and on a virtual-time loop it never ends.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import { isEventLoop } from "../asyncio-types.js";
import { blockingCall } from "../blocking-calls.js";
import { isInCoroutine } from "../coroutine-function.js";
import { createRule } from "../create-rule.js";
import { containsSuspension, findInFunction } from "../suspension.js";

type MessageId = "blockingCall" | "busyWait";
type Options = [{ allow?: string[] }];

export const noBlockingCall = createRule<Options, MessageId>({
  name: "no-blocking-call",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow calls that block the event loop's thread inside a coroutine (flake8-async ASYNC2xx)",
      requiresTypeChecking: true,
      pythonAnalogue: "flake8-async ASYNC210-251: blocking calls in an async function",
    },
    messages: {
      blockingCall:
        "`{{name}}` blocks the thread inside a coroutine: until it returns, no other Task, timer or I/O callback runs. Use {{instead}}.",
      busyWait:
        "This loop waits for the clock without suspending, so nothing else runs meanwhile (and on a virtual clock it never ends). Sleep instead: `yield* asyncio.sleep(seconds)`.",
    },
    schema: [
      {
        type: "object",
        properties: {
          allow: {
            type: "array",
            items: { type: "string" },
            description: "Names to allow, as messages print them (`fs.existsSync`).",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: [] }],
  },
  defaultOptions: [{ allow: [] }],
  create(context, [{ allow = [] }]) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const allowed = new Set(allow);

    /** `Date.now()`, `performance.now()`, `process.hrtime()`, `new Date()`, `loop.time()`. */
    const readsClock = (node: TSESTree.Node): boolean => {
      if (node.type === AST_NODE_TYPES.NewExpression) {
        return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === "Date";
      }
      if (node.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = node.callee;
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = callee.property.type === AST_NODE_TYPES.Identifier ? callee.property.name : "";
      const owner = callee.object.type === AST_NODE_TYPES.Identifier ? callee.object.name : "";
      if (method === "now") return owner === "Date" || owner === "performance";
      if (method === "hrtime") return owner === "process";
      if (method === "bigint")
        return context.sourceCode.getText(callee.object) === "process.hrtime";
      return method === "time" && isEventLoop(services.getTypeAtLocation(callee.object), checker);
    };

    const checkLoop = (
      node: TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement,
    ): void => {
      if (node.test === null || containsSuspension(node)) return;
      if (findInFunction(node.test, readsClock).length === 0) return;
      if (!isInCoroutine(node, services) || allowed.has("busy-wait")) return;
      context.report({ node, messageId: "busyWait" });
    };

    return {
      CallExpression(node) {
        const blocking = blockingCall(node, services);
        if (blocking === undefined || allowed.has(blocking.name)) return;
        if (!isInCoroutine(node, services)) return;
        context.report({ node, messageId: "blockingCall", data: { ...blocking } });
      },
      WhileStatement: checkLoop,
      DoWhileStatement: checkLoop,
      ForStatement: checkLoop,
    };
  },
});
