/**
 * The names of asyncio-ts's classes, which no bundler may change: the name
 * Python prints (`type(x).__name__`, in reprs, error names and trace labels)
 * and the name JavaScript shows (a class's `name`, a console's label for its
 * instances).
 *
 * A class's JavaScript name cannot carry them by itself: minifiers rename
 * classes (a minified `CancelledError` is `u`, and Chromium's DevTools label
 * a minified Future `bt {…}`), and bundlers rename on collisions
 * (`_ExceptionGroup`). So each class declares its name once, as a string no
 * minifier touches: `static readonly pythonName = named(this, "Queue")` (or
 * `static readonly name = named(this, "Tracer")` for a class Python does not
 * have, or whose Python name differs), which tree-shaking still drops with an
 * unused class. A subclass that declares none (a user's `class MyQueue extends
 * Queue`) is named by its own JavaScript name, as Python names a subclass by
 * its own name.
 */
import { nameCoroutines } from "./coroutine-qualname.js";
import { markMethod } from "./unbound-method.js";

/** A class that may declare its Python name. */
interface MaybeNamed {
  readonly name: string;
  readonly pythonName?: string;
}

/** The Python name of the class `ctor`: the `pythonName` it declares itself, else its JavaScript name. */
export function pythonNameOf(ctor: MaybeNamed): string {
  return Object.hasOwn(ctor, "pythonName") ? ctor.pythonName! : ctor.name;
}

/** The Python name of `value`'s class; `fallback` for a value without a class. */
export function className(value: unknown, fallback = "object"): string {
  const ctor = (value as { constructor?: unknown } | null | undefined)?.constructor;
  return typeof ctor === "function" ? pythonNameOf(ctor as MaybeNamed) : fallback;
}

/**
 * Makes `name` the class's JavaScript name and the label consoles give its
 * instances, in any bundle; returns it, for the static field that declares
 * it. V8 labels an instance of a base class by its constructor's `name`
 * property, and an instance of a subclass (a Task, a Queue, an error) by a
 * `Symbol.toStringTag` data property on its prototype chain before its
 * constructor's source name (`JSReceiver::GetConstructorName`), so a
 * subclass gets that tag too. A base class does not: the tag would change
 * what `String(x)` says of one without a `toString` (`[object Tracer]`). A
 * user's subclass is still labelled by its own name: V8 meets its
 * constructor first. Each call carries a `@__PURE__` annotation (with no
 * type annotation on the field, or tsc drops the comment), so a bundler
 * still drops the class when it is not used.
 *
 * `coroutines` lists the class's generator methods, which are named with
 * it as Python's `__qualname__` names them (`Lock.acquire`), for reprs,
 * traces and `asyncio-ts ps` (coroutine-qualname.ts).
 *
 * `callbacks` lists the methods a Python program passes to the loop as
 * callbacks (`loop.call_soon(event.set)`), which the loop refuses unbound
 * (unbound-method.ts).
 */
export function named<P extends object>(
  cls: { readonly prototype: P },
  name: string,
  coroutines: readonly (keyof P & string)[] = [],
  callbacks: readonly (keyof P & string)[] = [],
): string {
  Object.defineProperty(cls, "name", { value: name });
  if (Object.getPrototypeOf(cls) !== Function.prototype) {
    Object.defineProperty(cls.prototype, Symbol.toStringTag, { value: name });
  }
  for (const method of coroutines) {
    nameCoroutines(cls.prototype[method] as { prototype: object }, `${name}.${method}`);
  }
  for (const method of callbacks) markMethod(cls.prototype[method] as object, `${name}.${method}`);
  return name;
}
