/**
 * Which code runs inside a coroutine. A coroutine function is a generator
 * function (or generator method) whose checked return type is a coroutine:
 * it yields only what a Task accepts (Futures, through `yield*`, and bare
 * `yield`s) or nothing at all: declared `: Coroutine<T>`, or inferred from
 * its body. A generator that yields values (`function* range()`) is not one.
 * A generator with no `yield` in it at all counts: as a plain generator it
 * would produce nothing, and `function* main() { asyncio.sleep(1); }` is the
 * very mistake the rules look for.
 *
 * Code inside a nested function or arrow runs when that function is called,
 * not in the coroutine, so "inside a coroutine" means: the nearest enclosing
 * function is a coroutine function.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import type ts from "typescript";
import { isCoroutine } from "./asyncio-types.js";

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === AST_NODE_TYPES.FunctionDeclaration ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression
  );
}

/** The function `node` runs in, or undefined at a module's top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (isFunctionNode(at)) return at;
  }
  return undefined;
}

const verdicts = new WeakMap<FunctionNode, boolean>();

export function isCoroutineFunction(
  fn: FunctionNode,
  services: ParserServicesWithTypeInformation,
): boolean {
  if (!fn.generator) return false;
  let verdict = verdicts.get(fn);
  if (verdict === undefined) {
    verdict = check(fn, services);
    verdicts.set(fn, verdict);
  }
  return verdict;
}

function check(fn: FunctionNode, services: ParserServicesWithTypeInformation): boolean {
  const checker = services.program.getTypeChecker();
  const declaration = services.esTreeNodeToTSNodeMap.get(fn) as ts.SignatureDeclaration;
  const signature = checker.getSignatureFromDeclaration(declaration);
  return (
    signature !== undefined && isCoroutine(checker.getReturnTypeOfSignature(signature), checker)
  );
}

/** True when the nearest function around `node` is a coroutine function. */
export function isInCoroutine(
  node: TSESTree.Node,
  services: ParserServicesWithTypeInformation,
): boolean {
  const fn = enclosingFunction(node);
  return fn !== undefined && isCoroutineFunction(fn, services);
}
