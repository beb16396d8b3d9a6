/**
 * How a block of statements can end, on one path of interest: normally (the
 * code after it runs), by rethrowing the caught error, by a `break` or
 * `continue` (a jump, which leaves the block), by a `return`, or by throwing
 * something else. Conditions the caller can decide on that
 * path (`e instanceof asyncio.CancelledError` when `e` is a CancelledError)
 * prune the branches not taken; the others count both ways.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import { nameOf } from "./names.js";

export type Completion = "normal" | "rethrow" | "jump" | "return" | "throw";

export interface PathFacts {
  /** The name the caught error is bound to, if any. */
  caught: string | undefined;
  /** What `condition` evaluates to on this path, or undefined when it cannot be told. */
  decide(condition: TSESTree.Expression): boolean | undefined;
  /** True for a call that never returns (its type is `never`). */
  neverReturns(call: TSESTree.CallExpression): boolean;
}

export function completions(node: TSESTree.Statement, facts: PathFacts): Set<Completion> {
  switch (node.type) {
    case AST_NODE_TYPES.BlockStatement:
      return sequence(node.body, facts);
    case AST_NODE_TYPES.ThrowStatement:
      return new Set([isCaught(node.argument, facts) ? "rethrow" : "throw"]);
    case AST_NODE_TYPES.ReturnStatement:
      return new Set(["return"]);
    case AST_NODE_TYPES.BreakStatement:
    case AST_NODE_TYPES.ContinueStatement:
      return new Set(["jump"]);
    case AST_NODE_TYPES.IfStatement: {
      const taken = facts.decide(node.test);
      const then = taken === false ? new Set<Completion>() : completions(node.consequent, facts);
      if (taken === true) return then;
      const otherwise = node.alternate ? completions(node.alternate, facts) : new Set(["normal"]);
      return union(then, otherwise as Set<Completion>);
    }
    case AST_NODE_TYPES.WhileStatement:
    case AST_NODE_TYPES.DoWhileStatement:
    case AST_NODE_TYPES.ForStatement:
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return loop(node, facts);
    case AST_NODE_TYPES.LabeledStatement:
      return landJumps(completions(node.body, facts));
    case AST_NODE_TYPES.SwitchStatement: {
      const ends = new Set<Completion>();
      for (const kase of node.cases) for (const c of sequence(kase.consequent, facts)) ends.add(c);
      if (!node.cases.some((kase) => kase.test === null)) ends.add("normal");
      return landJumps(ends);
    }
    case AST_NODE_TYPES.TryStatement:
      return tryCompletions(node, facts);
    case AST_NODE_TYPES.ExpressionStatement:
      return new Set([expressionCompletion(node.expression, facts)]);
    default:
      return new Set(["normal"]);
  }
}

function sequence(statements: readonly TSESTree.Statement[], facts: PathFacts): Set<Completion> {
  let ends = new Set<Completion>(["normal"]);
  for (const statement of statements) {
    if (!ends.has("normal")) break; // the rest is unreachable on this path
    ends.delete("normal");
    ends = union(ends, completions(statement, facts));
  }
  return ends;
}

type Loop =
  | TSESTree.WhileStatement
  | TSESTree.DoWhileStatement
  | TSESTree.ForStatement
  | TSESTree.ForInStatement
  | TSESTree.ForOfStatement;

/** A loop ends normally when its test fails or a `break` leaves it; `while (true)` only by the latter. */
function loop(node: Loop, facts: PathFacts): Set<Completion> {
  const body = completions(node.body, facts);
  const endless =
    (node.type === AST_NODE_TYPES.ForStatement && node.test === null) ||
    ((node.type === AST_NODE_TYPES.WhileStatement ||
      node.type === AST_NODE_TYPES.DoWhileStatement) &&
      facts.decide(node.test) === true);
  const ends = new Set<Completion>([...body].filter((c) => c !== "jump" && c !== "normal"));
  if (!endless || body.has("jump")) ends.add("normal");
  return ends;
}

/** A `try` inside the block: its `catch` takes whatever its block throws; a `finally` that cannot finish overrides the rest. */
function tryCompletions(node: TSESTree.TryStatement, facts: PathFacts): Set<Completion> {
  let ends = completions(node.block, facts);
  if (node.handler !== null) {
    ends.delete("rethrow");
    ends.delete("throw");
    const param = node.handler.param;
    const shadowed = param?.type === AST_NODE_TYPES.Identifier && param.name === facts.caught;
    ends = union(
      ends,
      completions(node.handler.body, shadowed ? { ...facts, caught: undefined } : facts),
    );
  }
  if (node.finalizer !== null) {
    const last = completions(node.finalizer, facts);
    if (!last.has("normal")) return last;
    last.delete("normal");
    ends = union(ends, last);
  }
  return ends;
}

function expressionCompletion(expression: TSESTree.Expression, facts: PathFacts): Completion {
  const call = calledIn(expression);
  if (call === undefined) return "normal";
  if (rethrowsUnmatched(call, facts)) return "rethrow";
  if (!facts.neverReturns(call)) return "normal";
  // `reraise(e)` typed `never` rethrows; `fail("...")` throws something else.
  return call.arguments.some((a) => isCaught(a, facts)) ? "rethrow" : "throw";
}

/** The call a statement makes: `f(e)` or `yield* f(e)`. */
function calledIn(expression: TSESTree.Expression): TSESTree.CallExpression | undefined {
  const inner =
    expression.type === AST_NODE_TYPES.YieldExpression && expression.delegate
      ? expression.argument
      : expression;
  return inner?.type === AST_NODE_TYPES.CallExpression ? inner : undefined;
}

/**
 * `exceptStar(e, ...)` / `yield* exceptStarAsync(e, ...)`, Python's
 * `except*`: it handles the parts its clauses match and throws the rest, so
 * a CancelledError goes on (unless a clause names it, which is rare enough
 * to leave out).
 */
function rethrowsUnmatched(call: TSESTree.CallExpression, facts: PathFacts): boolean {
  const name = nameOf(call.callee);
  const first = call.arguments[0];
  return (
    (name === "exceptStar" || name === "exceptStarAsync") &&
    first !== undefined &&
    isCaught(first, facts)
  );
}

function isCaught(node: TSESTree.Node, facts: PathFacts): boolean {
  return (
    facts.caught !== undefined &&
    node.type === AST_NODE_TYPES.Identifier &&
    node.name === facts.caught
  );
}

function landJumps(ends: Set<Completion>): Set<Completion> {
  if (ends.delete("jump")) ends.add("normal");
  return ends;
}

function union<T>(a: Set<T>, b: Set<T>): Set<T> {
  return new Set([...a, ...b]);
}
