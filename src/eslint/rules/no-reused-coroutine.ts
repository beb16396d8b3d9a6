/**
 * A coroutine object driven twice: CPython's `RuntimeError: cannot reuse
 * already awaited coroutine`. A coroutine is a generator, and a generator
 * runs once: `yield*` of a finished one gives `undefined` at once, so a
 * port that awaits the same object twice, or awaits it and then hands it to
 * `createTask`, `run`, `gather`…, gets `undefined` where Python raises
 * (asyncio-ts raises the RuntimeError only where two Tasks drive it at once:
 * docs/porting.md, "A coroutine object is awaited once").
 *
 * Straight-line code only, no flow analysis: in one function, a use of a
 * variable holding a coroutine is reported when an earlier use of it runs
 * on every path to it (not in another branch of an `if`, a `? :`, a `&&`, a
 * loop's body, a `catch` or a `try` with a `catch`), with no assignment to
 * the variable between them. A variable assigned in a nested function is
 * left alone, and so are uses in nested functions, which run when called.
 */
import type {
  ParserServicesWithTypeInformation,
  TSESLint,
  TSESTree,
} from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import { someNode } from "../ast-walk.js";
import { isCoroutineValue } from "../asyncio-types.js";
import { enclosingFunction, type FunctionNode, isFunctionNode } from "../coroutine-function.js";
import { createRule } from "../create-rule.js";
import { declaredSymbol } from "../declared-symbol.js";
import { nameOf } from "../names.js";

type MessageId = "reusedCoroutine";

/**
 * The functions and methods of asyncio-ts that drive a coroutine given to
 * them (wrap it in a Task, or run it in the caller's): by name, an import
 * alias resolved. `gather.from` is told apart from `Array.from` below.
 */
const DRIVERS = new Set([
  "createTask",
  "ensureFuture",
  "run",
  "gather",
  "waitFor",
  "shield",
  "asCompleted",
  "runUntilComplete",
  "runCoroutineThreadsafe",
  "Task",
]);

/** One use of the variable that drives its coroutine. */
interface Drive {
  /** The identifier. */
  node: TSESTree.Identifier;
  /** The call it is handed to, or undefined for `yield*`. */
  call: TSESTree.CallExpression | TSESTree.NewExpression | undefined;
}

export const noReusedCoroutine = createRule<[], MessageId>({
  name: "no-reused-coroutine",
  meta: {
    type: "problem",
    docs: {
      description:
        "Disallow driving one coroutine object twice (CPython's 'cannot reuse already awaited coroutine')",
      requiresTypeChecking: true,
      pythonAnalogue: "RuntimeError: cannot reuse already awaited coroutine",
    },
    messages: {
      reusedCoroutine:
        "Cannot reuse already awaited coroutine: the coroutine in '{{name}}' was already {{how}} on line {{line}}, and a coroutine object runs once, so it does not run again here (CPython raises RuntimeError \"cannot reuse already awaited coroutine\"; asyncio-ts gives `undefined`, or that RuntimeError where two Tasks drive it). Call the coroutine function again for a second run, or await the Task that runs it.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);

    const check = (variable: TSESLint.Scope.Variable): void => {
      if (variable.defs.length === 0) return;
      const references = [...variable.references].sort(
        (a, b) => a.identifier.range[0] - b.identifier.range[0],
      );
      // Assigned where it cannot be followed: a closure may reassign it at any time.
      if (references.some((r) => r.isWrite() && crossesFunction(r.identifier, variable))) return;
      let since: Drive[] = [];
      for (const reference of references) {
        const id = reference.identifier as TSESTree.Identifier;
        if (reference.isWrite()) {
          since = [];
          continue;
        }
        if (crossesFunction(id, variable)) continue;
        const call = driverOf(id, services);
        if (call === null || !isCoroutineValue(id, services)) continue;
        const drive: Drive = { node: id, call };
        const earlier = since.find((d) => alwaysBefore(d, drive));
        if (earlier !== undefined) {
          context.report({
            node: id,
            messageId: "reusedCoroutine",
            data: {
              name: id.name,
              how:
                earlier.call === undefined
                  ? "awaited (`yield*`)"
                  : `given to '${calleeText(earlier.call, context.sourceCode)}'`,
              line: earlier.node.loc.start.line,
            },
          });
        }
        since.push(drive);
      }
    };

    return {
      "Program:exit"() {
        const visit = (scope: TSESLint.Scope.Scope): void => {
          for (const variable of scope.variables) check(variable);
          for (const child of scope.childScopes) visit(child);
        };
        visit(context.sourceCode.scopeManager!.globalScope!);
      },
    };
  },
});

/**
 * The call `id` is handed to when that call drives it (`createTask(id)`,
 * `gather(a, id)`, `asCompleted([id])`), undefined for `yield* id`, null
 * for any other use.
 */
function driverOf(
  id: TSESTree.Identifier,
  services: ParserServicesWithTypeInformation,
): TSESTree.CallExpression | TSESTree.NewExpression | undefined | null {
  let at: TSESTree.Node = id;
  let parent = at.parent;
  // Through `id!` and `id as Coroutine<T>`.
  while (
    parent &&
    (parent.type === AST_NODE_TYPES.TSNonNullExpression ||
      parent.type === AST_NODE_TYPES.TSAsExpression ||
      parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
  ) {
    at = parent;
    parent = at.parent;
  }
  if (!parent) return null;
  if (parent.type === AST_NODE_TYPES.YieldExpression) return parent.delegate ? undefined : null;
  // An element of an array literal handed to the call: `asCompleted([a, id])`.
  if (parent.type === AST_NODE_TYPES.ArrayExpression) {
    at = parent;
    parent = at.parent;
  }
  if (
    !parent ||
    (parent.type !== AST_NODE_TYPES.CallExpression &&
      parent.type !== AST_NODE_TYPES.NewExpression) ||
    !parent.arguments.includes(at as TSESTree.CallExpressionArgument)
  ) {
    return null;
  }
  return isDriver(parent.callee, services) ? parent : null;
}

/** A callee that drives the coroutine it is given: DRIVERS, by declared name, and `gather.from`. */
function isDriver(
  callee: TSESTree.Expression,
  services: ParserServicesWithTypeInformation,
): boolean {
  if (callee.type === AST_NODE_TYPES.MemberExpression && nameOf(callee) === "from") {
    return declaredName(callee.object, services) === "gather";
  }
  const name = declaredName(callee, services);
  return name !== undefined && DRIVERS.has(name);
}

/** The name `node` is declared under (through an import alias), else the name it is written with. */
function declaredName(
  node: TSESTree.Node,
  services: ParserServicesWithTypeInformation,
): string | undefined {
  const target = node.type === AST_NODE_TYPES.MemberExpression ? node.property : node;
  return declaredSymbol(target, services)?.getName() ?? nameOf(node);
}

function calleeText(
  call: TSESTree.CallExpression | TSESTree.NewExpression,
  sourceCode: TSESLint.SourceCode,
): string {
  const text = sourceCode.getText(call.callee).replace(/\s+/g, "");
  return call.type === AST_NODE_TYPES.NewExpression ? `new ${text}` : text;
}

/** True when `node` is in a function nested inside the one that declares `variable`. */
function crossesFunction(node: TSESTree.Node, variable: TSESLint.Scope.Variable): boolean {
  return enclosingFunction(node) !== homeFunction(variable);
}

/** The function whose code declares `variable` (a parameter's function), undefined at top level. */
function homeFunction(variable: TSESLint.Scope.Variable): FunctionNode | undefined {
  const def = variable.defs[0]!;
  if (def.type === "Parameter" && isFunctionNode(def.node as TSESTree.Node)) {
    return def.node as FunctionNode;
  }
  return enclosingFunction(def.name);
}

/**
 * True when `first` has run on every path that reaches `second`, before it:
 * each step from `first` up to the node holding both is one its parent
 * always runs, and the branch holding `first` comes first. Two coroutines
 * handed to the same call are not a reuse: gather and asCompleted wrap an
 * argument given twice once, as CPython's do.
 */
function alwaysBefore(first: Drive, second: Drive): boolean {
  if (first.call !== undefined && first.call === second.call) return false;
  const holders = new Set<TSESTree.Node>();
  // The root's `parent` is null.
  for (let at: TSESTree.Node | undefined = second.node; at; at = at.parent) holders.add(at);
  for (let at: TSESTree.Node = first.node; at.parent; at = at.parent) {
    if (!alwaysRuns(at.parent, at)) return false;
    if (holders.has(at.parent)) return at.range[1] <= second.node.range[0];
  }
  return false;
}

/** True when `parent` always runs its child `child` when it runs itself (an early exit aside). */
function alwaysRuns(parent: TSESTree.Node, child: TSESTree.Node): boolean {
  switch (parent.type) {
    case AST_NODE_TYPES.IfStatement:
    case AST_NODE_TYPES.ConditionalExpression:
    case AST_NODE_TYPES.WhileStatement:
      return child === parent.test;
    case AST_NODE_TYPES.LogicalExpression:
    case AST_NODE_TYPES.AssignmentPattern:
      return child === parent.left;
    case AST_NODE_TYPES.ForStatement:
      return child === parent.init;
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return child === parent.right;
    case AST_NODE_TYPES.DoWhileStatement:
      // `do { if (skip) break; yield* c; } while (…)`: the rest of the body may not run.
      return child === parent.body && !jumps(child);
    case AST_NODE_TYPES.LabeledStatement:
      // `block: { if (skip) break block; yield* c; }`, likewise.
      return !jumps(child);
    case AST_NODE_TYPES.TryStatement:
      // A `try` block with a `catch` may be left before `child` runs, and go on after it.
      return child === parent.finalizer || parent.handler === null;
    case AST_NODE_TYPES.SwitchStatement:
      return child === parent.discriminant;
    case AST_NODE_TYPES.SwitchCase:
      // A case entered by falling through from the one above skips its test.
      return child !== parent.test;
    case AST_NODE_TYPES.ChainExpression:
      // After a `?.`, the rest may not run.
      return false;
    default:
      return !isFunctionNode(parent);
  }
}

/**
 * True when `node` holds a `break` or `continue` outside a nested function:
 * one may leave it (or the loop it is the body of) part way. Those that
 * leave only a loop or `switch` inside it count too, which errs towards
 * reporting less.
 */
function jumps(node: TSESTree.Node): boolean {
  return someNode(
    node,
    (n) => n.type === AST_NODE_TYPES.BreakStatement || n.type === AST_NODE_TYPES.ContinueStatement,
    (n) => !isFunctionNode(n),
  );
}
