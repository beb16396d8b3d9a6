/**
 * What the type checker says a value is, in asyncio-ts's terms: a coroutine,
 * a Future, a Task, a TaskGroup. Types, not names: `sleep`, `lock.acquire()`
 * or a user's `fetchAll()` are recognised by what they return.
 *
 * asyncio-ts's classes declare `static pythonName` (their Python name, kept
 * through minifiers); a class of the right name with that static member is
 * asyncio-ts's, whether it comes from the package's declarations or from the
 * sources (this repository lints itself through a path mapping). The few
 * without one (TaskGroup, EventLoop) are told by their name and methods.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

/** The methods that tell asyncio-ts's classes without a `pythonName` from others of the same name. */
const SIGNATURE_METHODS: Record<string, readonly string[]> = {
  TaskGroup: ["createTask", "aenter", "aexit"],
  EventLoop: ["callSoon", "runUntilComplete", "time"],
};

function isAsyncioClass(symbol: ts.Symbol | undefined, name: string): boolean {
  if (symbol?.getName() !== name || (symbol.flags & ts.SymbolFlags.Class) === 0) return false;
  if (symbol.exports?.has("pythonName" as ts.__String) === true) return true;
  const methods = SIGNATURE_METHODS[name];
  return methods !== undefined && methods.every((m) => symbol.members?.has(m as ts.__String));
}

/** The parts of a union or intersection, or the type itself. */
function parts(type: ts.Type): readonly ts.Type[] {
  return type.isUnionOrIntersection() ? type.types : [type];
}

/** True for an instance of asyncio-ts's class `name` or of a subclass of it (a user's Task subclass too). */
export function isInstanceOf(type: ts.Type, name: string, checker: ts.TypeChecker): boolean {
  const seen = new Set<ts.Type>();
  const visit = (t: ts.Type): boolean => {
    const target = isReference(t) ? t.target : t;
    if (seen.has(target)) return false;
    seen.add(target);
    if (isAsyncioClass(target.getSymbol(), name)) return true;
    return target.isClassOrInterface() && (checker.getBaseTypes(target) ?? []).some(visit);
  };
  return parts(type).some(visit);
}

function isReference(type: ts.Type): type is ts.TypeReference {
  return (
    (type.flags & ts.TypeFlags.Object) !== 0 &&
    ((type as ts.ObjectType).objectFlags & ts.ObjectFlags.Reference) !== 0
  );
}

export const isFuture = (type: ts.Type, checker: ts.TypeChecker): boolean =>
  isInstanceOf(type, "Future", checker);

export const isTask = (type: ts.Type, checker: ts.TypeChecker): boolean =>
  isInstanceOf(type, "Task", checker);

export const isTaskGroup = (type: ts.Type, checker: ts.TypeChecker): boolean =>
  isInstanceOf(type, "TaskGroup", checker);

export const isEventLoop = (type: ts.Type, checker: ts.TypeChecker): boolean =>
  isInstanceOf(type, "EventLoop", checker);

const NOTHING = ts.TypeFlags.Undefined | ts.TypeFlags.Void | ts.TypeFlags.Never;
const UNKNOWABLE = ts.TypeFlags.Any | ts.TypeFlags.Unknown;

/**
 * What a generator-like `type` yields (the `T` of `Generator<T, R, N>`, read
 * from its `next()` so hand-written iterator classes count too), or
 * undefined when it is not one. Futures are iterators but not coroutines.
 */
function yieldTypeOf(type: ts.Type, checker: ts.TypeChecker): ts.Type | undefined {
  if ((type.flags & (UNKNOWABLE | NOTHING)) !== 0 || isFuture(type, checker)) return undefined;
  const next = type.getProperty("next");
  if (next === undefined || type.getProperty("throw") === undefined) return undefined;
  if (type.getProperty("return") === undefined) return undefined;
  const signature = checker.getTypeOfSymbol(next).getCallSignatures()[0];
  if (signature === undefined) return undefined;
  for (const result of parts(checker.getReturnTypeOfSignature(signature))) {
    const done = result.getProperty("done");
    const value = result.getProperty("value");
    if (done === undefined || value === undefined) continue;
    // `done?: false` reads as `false | undefined`.
    const isYield = checker.getNonNullableType(checker.getTypeOfSymbol(done));
    if (checker.typeToString(isYield) === "false") {
      return checker.getTypeOfSymbol(value);
    }
  }
  return undefined;
}

/**
 * A coroutine: a generator whose yields are what a Task accepts (Futures, or
 * `undefined` for a bare `yield`), or that never yields. What `yield*` awaits
 * and what is inert until awaited.
 */
export function isCoroutine(type: ts.Type, checker: ts.TypeChecker): boolean {
  const yielded = yieldTypeOf(type, checker);
  if (yielded === undefined || (yielded.flags & UNKNOWABLE) !== 0) return false;
  return parts(yielded).every((t) => (t.flags & NOTHING) !== 0 || isFuture(t, checker));
}

/**
 * A call of an async generator body's `emit`: a generator yielding
 * asyncio-ts's `Emitted<T>` brand, which emits only when `yield*` drives it
 * (Python's `yield x` is `yield* emit(x)`).
 */
export function isEmitCall(type: ts.Type, checker: ts.TypeChecker): boolean {
  const yielded = yieldTypeOf(type, checker);
  return yielded !== undefined && parts(yielded).some(isEmitted);
}

function isEmitted(type: ts.Type): boolean {
  const symbol = type.getSymbol();
  if (symbol?.getName() !== "Emitted" || (symbol.flags & ts.SymbolFlags.Interface) === 0) {
    return false;
  }
  // The brand `readonly [EMITTED]: T`, keyed by a unique symbol.
  return type.getProperties().some((p) => p.getName().startsWith("__@EMITTED"));
}

/** What a value of `type` is, for the rules that look at values left unused. */
export type AsyncioKind = "coroutine" | "task" | "future";

/** The kind of a value of `type`, or undefined when it is not an asyncio value. */
function kindOf(type: ts.Type, checker: ts.TypeChecker): AsyncioKind | undefined {
  if (isCoroutine(type, checker)) return "coroutine";
  if (isTask(type, checker)) return "task";
  return isFuture(type, checker) ? "future" : undefined;
}

/**
 * What every non-nullish part of `type` is (`Task | undefined` is a task),
 * the most alarming kind first when they differ; undefined when some part is
 * not an asyncio value.
 */
export function asyncioKind(type: ts.Type, checker: ts.TypeChecker): AsyncioKind | undefined {
  const nonNullable = checker.getNonNullableType(type);
  if ((nonNullable.flags & (UNKNOWABLE | NOTHING)) !== 0) return undefined;
  const kinds = new Set<AsyncioKind | undefined>();
  for (const part of nonNullable.isUnion() ? nonNullable.types : [nonNullable]) {
    kinds.add(kindOf(part, checker));
  }
  if (kinds.has(undefined)) return undefined;
  if (kinds.has("coroutine")) return "coroutine";
  return kinds.has("future") ? "future" : "task";
}

/** True when the value of `node` is a coroutine, by its type. */
export function isCoroutineValue(
  node: TSESTree.Node,
  services: ParserServicesWithTypeInformation,
): boolean {
  const checker = services.program.getTypeChecker();
  return asyncioKind(services.getTypeAtLocation(node), checker) === "coroutine";
}
