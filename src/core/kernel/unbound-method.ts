/**
 * Methods a Python program hands to the loop as callbacks:
 * `loop.call_later(1, fut.set_result, "done")`, `loop.call_soon(event.set)`,
 * `loop.call_later(5, loop.stop)`. Python binds a method to its object when
 * the attribute is read; JavaScript does not, so the same line ported as is
 * schedules a function that later runs without its object and fails inside
 * asyncio-ts ("Cannot read properties of undefined"), reported by the
 * exception handler far from the line that scheduled it, while whatever
 * waited for the Future or the Event waits for ever.
 *
 * So the methods Python programs pass most carry their name under a
 * symbol (a few: each costs bundle bytes), and the loop's
 * `callSoon`, `callLater` and `callAt` refuse one at once, saying how to bind
 * it. A bound method (`fut.setResult.bind(fut)`) or an arrow function carries
 * no mark. `named(this, "Future", [], ["setResult", ...])` (class-name.ts)
 * marks a class's methods, in the static field that names the class, so a
 * bundler still drops an unused class.
 */

/** The key of the mark: the method's Python-style name, `Future.setResult`. */
const RECEIVER: unique symbol = Symbol();

/** A function that may be one of the marked methods. */
interface MaybeMarked {
  readonly [RECEIVER]?: string;
}

/** Marks `method` as the method `qualname`, which needs its object. */
export function markMethod(method: object, qualname: string): void {
  (method as { [RECEIVER]?: string })[RECEIVER] = qualname;
}

/**
 * The built-in methods that stand for Python's in the commonest such lines,
 * `task.add_done_callback(background_tasks.discard)` (the asyncio docs' own
 * idiom) and `loop.call_soon(results.append, x)`: `set.delete`, `list.push`.
 * Unbound, each throws at every call, and the Set keeps every Task. Built-ins
 * are compared, not marked: a library does not write on them.
 */
function builtinName(callback: object): string | undefined {
  if (callback === Set.prototype.delete) return "Set.delete";
  if (callback === Array.prototype.push) return "Array.push";
  return undefined;
}

/**
 * The TypeError for `callback` given to `scheduler` when it is a marked
 * method or one of the built-ins above, which would run without its object;
 * else undefined.
 */
export function unboundMethodError(callback: object, scheduler: string): TypeError | undefined {
  const qualname = (callback as MaybeMarked)[RECEIVER] ?? builtinName(callback);
  if (qualname === undefined) return undefined;
  return new TypeError(
    `${scheduler}() got ${qualname} unbound: bind it, or pass an arrow function`,
  );
}
