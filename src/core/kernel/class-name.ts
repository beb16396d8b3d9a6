/**
 * The names Python prints for classes (`type(x).__name__`), in reprs, error
 * names and trace labels.
 *
 * A class's JavaScript name cannot carry them: minifiers rename classes (a
 * minified `CancelledError` is `u`) and bundlers rename on collisions
 * (`_ExceptionGroup`). So asyncio-ts's classes declare their name as a static
 * string, `static readonly pythonName = "Queue"`, which no minifier touches and
 * which tree-shaking still drops with an unused class. A subclass that
 * declares none (a user's `class MyQueue extends Queue`) is named by its own
 * JavaScript name, as Python names a subclass by its own name.
 */

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
