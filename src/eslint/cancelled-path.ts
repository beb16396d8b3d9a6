/**
 * The path a CancelledError takes through a `catch (e)` body: on it,
 * `e instanceof asyncio.CancelledError` is true, and so is `e instanceof
 * asyncio.BaseException` or `e instanceof Error` (CancelledError extends
 * both); `e instanceof ValueError`, or any other class, is false. So
 * `if (!(e instanceof ValueError)) throw e;` (a port of `except
 * ValueError:`) lets cancellation through, and `if (e instanceof Error)
 * return;` (a port of `except Exception:`) does not, as in Python it would.
 * A type guard (`isBase(e): e is asyncio.BaseException`) is read the same way.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import ts from "typescript";
import type { PathFacts } from "./completions.js";
import { nameOf } from "./names.js";

export interface CancelledPath extends PathFacts {
  /** Set once a condition tested for CancelledError itself (or BaseException) and took that branch. */
  readonly explicit: boolean;
}

/** CancelledError, and the classes above it, by their names. */
const ANCESTORS = new Set(["CancelledError", "BaseException"]);
const GLOBAL_ANCESTORS = new Set(["Error", "Object"]);

export function cancelledPath(
  caught: string | undefined,
  services: ParserServicesWithTypeInformation,
): CancelledPath {
  const checker = services.program.getTypeChecker();
  let explicit = false;

  /** Whether a CancelledError is an instance of the class `node` evaluates to. */
  const isAncestor = (node: TSESTree.Expression): boolean | undefined => {
    const instances = services
      .getTypeAtLocation(node)
      .getConstructSignatures()
      .map((s) => checker.getReturnTypeOfSignature(s));
    return instances.length === 0 ? byName(node) : includesCancelledError(instances[0]!);
  };

  /** Whether `type` (an instance type, maybe a union) takes in a CancelledError. */
  const includesCancelledError = (type: ts.Type): boolean => {
    const parts = type.isUnion() ? type.types : [type];
    return parts.some((part) => {
      const symbol = part.getSymbol();
      if (symbol === undefined) return false;
      const name = symbol.getName();
      if (symbol.flags & ts.SymbolFlags.Class && symbol.exports?.has("pythonName" as ts.__String)) {
        if (ANCESTORS.has(name)) explicit = true;
        return ANCESTORS.has(name);
      }
      return GLOBAL_ANCESTORS.has(name) && declaredInDefaultLib(symbol);
    });
  };

  /** `isBase(e)` declared `(e: unknown) => e is asyncio.BaseException`: decided by its predicate's type. */
  const byPredicate = (call: TSESTree.CallExpression): boolean | undefined => {
    const signature = checker.getResolvedSignature(services.esTreeNodeToTSNodeMap.get(call));
    const predicate = signature && checker.getTypePredicateOfSignature(signature);
    if (predicate?.kind !== ts.TypePredicateKind.Identifier || predicate.type === undefined) {
      return undefined;
    }
    const argument = call.arguments[predicate.parameterIndex];
    if (argument?.type !== AST_NODE_TYPES.Identifier || argument.name !== caught) return undefined;
    return includesCancelledError(predicate.type);
  };

  const declaredInDefaultLib = (symbol: ts.Symbol): boolean =>
    (symbol.declarations ?? []).some((d) =>
      services.program.isSourceFileDefaultLibrary(d.getSourceFile()),
    );

  /** Untyped code: trust the name. */
  const byName = (node: TSESTree.Expression): boolean | undefined => {
    const name = nameOf(node);
    if (name === undefined) return undefined;
    if (ANCESTORS.has(name)) explicit = true;
    return ANCESTORS.has(name) || GLOBAL_ANCESTORS.has(name) ? true : undefined;
  };

  const decide = (node: TSESTree.Expression): boolean | undefined => {
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === "boolean" ? node.value : undefined;
      case AST_NODE_TYPES.UnaryExpression: {
        if (node.operator !== "!") return undefined;
        const inner = decide(node.argument);
        return inner === undefined ? undefined : !inner;
      }
      case AST_NODE_TYPES.LogicalExpression: {
        const left = decide(node.left);
        const right = decide(node.right);
        if (node.operator === "&&") {
          return left === false || right === false ? false : left && right ? true : undefined;
        }
        if (node.operator === "||") {
          return left === true || right === true
            ? true
            : left === false && right === false
              ? false
              : undefined;
        }
        return undefined;
      }
      case AST_NODE_TYPES.CallExpression:
        return byPredicate(node);
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== "instanceof") return undefined;
        if (node.left.type !== AST_NODE_TYPES.Identifier || node.left.name !== caught)
          return undefined;
        return isAncestor(node.right);
      default:
        return undefined;
    }
  };

  return {
    caught,
    decide,
    neverReturns: (call) => (services.getTypeAtLocation(call).flags & ts.TypeFlags.Never) !== 0,
    get explicit() {
      return explicit;
    },
  };
}
