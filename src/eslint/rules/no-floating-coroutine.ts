/**
 * A coroutine or Future created and dropped: CPython's "coroutine ... was
 * never awaited", typescript-eslint's no-floating-promises. Also a coroutine
 * returned by a coroutine without being awaited (`return g()` for Python's
 * `return await g()`), and one that `yield*` gives back and drops. A coroutine is an
 * inert generator until something drives it, so `asyncio.sleep(1);` or
 * `sendMessage("x");` does nothing at all; a dropped Future loses its result
 * and its exception. Tasks have their own rule (no-dropped-task): a Task runs
 * whether or not anyone keeps it.
 */
import type {
  ParserServicesWithTypeInformation,
  TSESLint,
  TSESTree,
} from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import ts from "typescript";
import { asyncioReference } from "../asyncio-reference.js";
import { type AsyncioKind, asyncioKind, isEmitCall } from "../asyncio-types.js";
import {
  enclosingFunction,
  type FunctionNode,
  isCoroutineFunction,
  isInCoroutine,
} from "../coroutine-function.js";
import { createRule } from "../create-rule.js";
import { describeValue, shorten } from "../describe.js";
import { findInFunction } from "../suspension.js";
import { isUnreadVariable } from "../unread-variable.js";

type MessageId =
  | "droppedCoroutine"
  | "droppedEmit"
  | "unrunCoroutine"
  | "droppedFuture"
  | "unreadCoroutine"
  | "unreadFuture"
  | "voidCallback"
  | "bareYield"
  | "bareYieldFuture"
  | "returnedCoroutine"
  | "awaitedCoroutine"
  | "awaitIt"
  | "returnAwaited"
  | "runIt";

export const noFloatingCoroutine = createRule<[], MessageId>({
  name: "no-floating-coroutine",
  meta: {
    type: "problem",
    hasSuggestions: true,
    fixable: "code",
    docs: {
      description:
        "Require coroutines and Futures to be awaited (CPython's 'coroutine ... was never awaited')",
      requiresTypeChecking: true,
      pythonAnalogue: "RuntimeWarning: coroutine '...' was never awaited",
    },
    messages: {
      droppedCoroutine:
        'The coroutine {{name}} is created and dropped, so its body never runs (CPython: "coroutine was never awaited"). Await it with `yield*`, or start it with `createTask`.',
      droppedEmit:
        "`{{text}}` without `yield*` emits nothing: `emit` makes a generator that only `yield*` runs, and this one is dropped. Python's `yield x` is `yield* emit(x)`.",
      unrunCoroutine:
        'The coroutine {{name}} is created and dropped, so its body never runs (CPython: "coroutine was never awaited"): nothing runs a coroutine but an event loop. Run it with `await asyncio.run(...)`, as Python\'s `asyncio.run(main())`; on a loop that is already running, with `await asyncio.runCoroutineThreadsafe(..., loop)`.',
      droppedFuture:
        "The Future {{name}} is dropped: its result, and any exception it ends with, is never retrieved. Await it with `yield*`, or keep it.",
      unreadCoroutine:
        "The coroutine in '{{name}}' is never awaited or used, so its body never runs (CPython: \"coroutine was never awaited\").",
      unreadFuture:
        "The Future in '{{name}}' is never awaited or used: its result, and any exception it ends with, is lost.",
      voidCallback:
        "This callback returns the coroutine {{name}} to a caller that ignores what it returns, so its body never runs. Schedule it with `createTask` (`() => asyncio.createTask(...)`), or make the callback a coroutine the caller awaits.",
      bareYield:
        '`yield` hands the coroutine {{name}} itself to the Task, which fails with "yield was used instead of yield* for generator"; `yield*` awaits it.',
      bareYieldFuture:
        '`yield` hands the {{kind}} {{name}} to the Task without awaiting it, which fails with "yield was used instead of yield*"; `yield*` awaits it.',
      returnedCoroutine:
        "This coroutine returns the coroutine {{name}} without awaiting it: its body runs only if the caller awaits what it gets back. Python's `return await g()` is `return yield* g()`.",
      awaitedCoroutine:
        '`yield*` awaits {{name}}, and what it gives back is another coroutine, dropped here, so that one never runs (CPython: "coroutine was never awaited"). {{name}} returns a coroutine where it meant to await it (`return yield* …`).',
      awaitIt: "Await it: `yield* {{text}}`.",
      returnAwaited: "Await it before returning: `return yield* {{text}}`.",
      runIt: "Run it to completion on a new event loop: `await {{run}}({{text}})`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    const kindOf = (node: TSESTree.Node): AsyncioKind | undefined =>
      asyncioKind(services.getTypeAtLocation(node), checker);

    /** Reports the part of a statement's expression that is dropped, looking through `a && b`, `c ? a : b`, `(a, b)`. */
    const checkDropped = (node: TSESTree.Expression, statement: boolean): void => {
      switch (node.type) {
        case AST_NODE_TYPES.YieldExpression:
          // `yield* f();` where f gives back a coroutine it did not await.
          if (node.delegate && node.argument !== null && kindOf(node) === "coroutine") {
            context.report({
              node,
              messageId: "awaitedCoroutine",
              data: { name: describeValue(node.argument, context.sourceCode) },
            });
          }
          return;
        case AST_NODE_TYPES.AssignmentExpression: // stored, not dropped
        case AST_NODE_TYPES.AwaitExpression: // no-await-coroutine's case
        case AST_NODE_TYPES.UnaryExpression: // `void coro()`: dropped on purpose
          return;
        case AST_NODE_TYPES.LogicalExpression:
          checkDropped(node.right, false);
          return;
        case AST_NODE_TYPES.ConditionalExpression:
          checkDropped(node.consequent, false);
          checkDropped(node.alternate, false);
          return;
        case AST_NODE_TYPES.SequenceExpression:
          for (const item of node.expressions) checkDropped(item, false);
          return;
      }
      if (statement && isEmitCall(services.getTypeAtLocation(node), checker)) {
        const text = shorten(context.sourceCode.getText(node));
        context.report({
          node,
          messageId: "droppedEmit",
          data: { text },
          suggest: [
            {
              messageId: "awaitIt",
              data: { text },
              fix: (fixer) => fixer.insertTextBefore(node, "yield* "),
            },
          ],
        });
        return;
      }
      const kind = kindOf(node);
      if (kind === "coroutine" || kind === "future") {
        context.report({
          node,
          messageId:
            kind === "future"
              ? "droppedFuture"
              : outsideAnyLoop(node)
                ? "unrunCoroutine"
                : "droppedCoroutine",
          data: { name: describeValue(node, context.sourceCode) },
          suggest: statement ? suggestions(node, context, services) : [],
        });
      }
    };

    /**
     * A generator that yields coroutines on purpose (to hand a list to
     * `gather`) is not a coroutine; one that also awaits asyncio values with
     * `yield*`, or is written where a coroutine function is expected, is.
     * A generator that yields Futures or Tasks on purpose (`gather(...tasks())`)
     * has the type of a coroutine, so for those only a `yield*` of an asyncio
     * value in the body, or a declared `Coroutine<T>`, tells.
     */
    const awaitsAsyncio = (node: TSESTree.YieldExpression, yieldsFuture: boolean): boolean => {
      const fn = enclosingFunction(node);
      if (fn === undefined) return false;
      if (yieldsFuture ? declaresCoroutine(fn) : isCoroutineFunction(fn, services)) return true;
      const awaits = findInFunction(
        fn.body,
        (n) =>
          n.type === AST_NODE_TYPES.YieldExpression &&
          n.delegate &&
          n.argument !== null &&
          kindOf(n.argument) !== undefined,
      );
      return awaits.length > 0;
    };

    return {
      ExpressionStatement(node) {
        checkDropped(node.expression, true);
      },
      VariableDeclarator(node) {
        if (node.init === null || node.id.type !== AST_NODE_TYPES.Identifier) return;
        const kind = kindOf(node.id);
        if (kind !== "coroutine" && kind !== "future") return;
        if (!isUnreadVariable(node, context.sourceCode)) return;
        context.report({
          node: node.id,
          messageId: kind === "coroutine" ? "unreadCoroutine" : "unreadFuture",
          data: { name: node.id.name },
        });
      },
      ArrowFunctionExpression(node) {
        if (node.body.type === AST_NODE_TYPES.BlockStatement) return;
        if (kindOf(node.body) !== "coroutine" || !returnsVoid(node, services)) return;
        context.report({
          node: node.body,
          messageId: "voidCallback",
          data: { name: describeValue(node.body, context.sourceCode) },
        });
      },
      ReturnStatement(node) {
        const value = node.argument;
        if (value === null || value.type === AST_NODE_TYPES.YieldExpression) return;
        if (kindOf(value) !== "coroutine" || !isInCoroutine(node, services)) return;
        // A coroutine declared to give back a coroutine
        // (`: Coroutine<Coroutine<T>>`) returns one on purpose: TypeScript has
        // checked the value against that type. Only a written annotation
        // counts: a body's type inferred from its return (asyncWith's R) says nothing.
        if (enclosingFunction(node)?.returnType !== undefined) {
          const expected = checker.getContextualType(
            services.esTreeNodeToTSNodeMap.get(value) as ts.Expression,
          );
          if (expected !== undefined && asyncioKind(expected, checker) === "coroutine") return;
        }
        const text = context.sourceCode.getText(value);
        context.report({
          node: value,
          messageId: "returnedCoroutine",
          data: { name: describeValue(value, context.sourceCode) },
          suggest: [
            {
              messageId: "returnAwaited",
              data: { text: shorten(text) },
              fix: (fixer) => fixer.insertTextBefore(value, "yield* "),
            },
          ],
        });
      },
      YieldExpression(node) {
        if (node.delegate || node.argument === null) return;
        const kind = kindOf(node.argument);
        if (kind === undefined || !awaitsAsyncio(node, kind !== "coroutine")) return;
        const yieldToken = context.sourceCode.getFirstToken(node)!;
        context.report({
          node,
          messageId: kind === "coroutine" ? "bareYield" : "bareYieldFuture",
          data: {
            name: describeValue(node.argument, context.sourceCode),
            kind: kind === "task" ? "Task" : "Future",
          },
          fix: (fixer) => fixer.insertTextAfter(yieldToken, "*"),
        });
      },
    };
  },
});

/**
 * True when the arrow is written where a callback's result is ignored: its
 * expected return type is `void`, or `unknown` as for the loop's callbacks.
 */
function returnsVoid(
  node: TSESTree.ArrowFunctionExpression,
  services: ParserServicesWithTypeInformation,
): boolean {
  const checker = services.program.getTypeChecker();
  const expected = checker.getContextualType(services.esTreeNodeToTSNodeMap.get(node));
  if (expected === undefined) return false;
  const signatures = expected.getCallSignatures();
  return (
    signatures.length > 0 && signatures.every((s) => (s.getReturnType().flags & IGNORED) !== 0)
  );
}

const IGNORED = ts.TypeFlags.Void | ts.TypeFlags.Unknown;

/**
 * True where `node` runs outside any coroutine and outside the loop's
 * callbacks: a module's top level, where the commonest dropped coroutine is
 * `main();` written for `await asyncio.run(main());`, and an async function
 * (what no-await-coroutine tells async code: `asyncio.run`, or
 * `runCoroutineThreadsafe` onto a loop that runs). A plain function may be a
 * callback the loop runs, where `createTask` is the fix.
 */
function outsideAnyLoop(node: TSESTree.Node): boolean {
  const fn = enclosingFunction(node);
  return fn === undefined || fn.async;
}

/** True when `fn` is declared to return a `Coroutine<T>` (`asyncio.Coroutine<T>` or an imported `Coroutine<T>`). */
function declaresCoroutine(fn: FunctionNode): boolean {
  const annotation = fn.returnType?.typeAnnotation;
  if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return false;
  const name = annotation.typeName;
  const last = name.type === AST_NODE_TYPES.TSQualifiedName ? name.right : name;
  return last.type === AST_NODE_TYPES.Identifier && last.name === "Coroutine";
}

type Suggestion = TSESLint.SuggestionReportDescriptor<MessageId>;

/** Inside a coroutine: await it. At the top level of a module or in an async function: `await asyncio.run(...)`. */
function suggestions(
  node: TSESTree.Expression,
  context: Readonly<TSESLint.RuleContext<MessageId, []>>,
  services: ParserServicesWithTypeInformation,
): Suggestion[] {
  const text = context.sourceCode.getText(node);
  if (isInCoroutine(node, services)) {
    return [
      {
        messageId: "awaitIt",
        data: { text: shorten(text) },
        fix: (fixer) => fixer.insertTextBefore(node, "yield* "),
      },
    ];
  }
  const fn = enclosingFunction(node);
  const canAwait = fn === undefined ? context.sourceCode.ast.sourceType === "module" : fn.async;
  const run = asyncioReference(context.sourceCode.ast, services, "run");
  if (!canAwait || run === undefined || node.type !== AST_NODE_TYPES.CallExpression) return [];
  return [
    {
      messageId: "runIt",
      data: { run, text: shorten(text) },
      fix: (fixer) => fixer.replaceText(node, `await ${run}(${text})`),
    },
  ];
}
