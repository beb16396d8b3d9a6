/**
 * How a message names a value: CPython names a coroutine by its function
 * ("coroutine 'send_message' was never awaited"), so a call is named by its
 * callee, anything else by its (shortened) source text.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";

export function describeValue(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): string {
  const named = node.type === AST_NODE_TYPES.CallExpression ? node.callee : node;
  return `'${shorten(sourceCode.getText(named))}'`;
}

/** `text` on one line, cut to a length a message can carry. */
export function shorten(text: string, max = 40): string {
  const line = text.replace(/\s+/g, " ");
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
