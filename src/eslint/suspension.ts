/**
 * Suspension points: where a coroutine gives control back to its Task, and
 * so where a cancellation can arrive (a `yield*` of a coroutine, a Future or
 * a Task, or a bare `yield`). Only those of the function itself count: a
 * `yield` inside a nested function suspends that function, not this one.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { children } from "./ast-walk.js";
import { isFunctionNode } from "./coroutine-function.js";

/** The nodes inside `node` (itself included) that `test` accepts, not looking into nested functions. */
export function findInFunction(
  node: TSESTree.Node,
  test: (node: TSESTree.Node) => boolean,
): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  const visit = (at: TSESTree.Node): void => {
    if (test(at)) found.push(at);
    for (const child of children(at)) if (!isFunctionNode(child)) visit(child);
  };
  visit(node);
  return found;
}

/** True when `node` holds a suspension point of the function it is in. */
export function containsSuspension(node: TSESTree.Node): boolean {
  return findInFunction(node, (n) => n.type === AST_NODE_TYPES.YieldExpression).length > 0;
}
