/**
 * `BaseExceptionGroup` / `ExceptionGroup` (PEP 654) as `AggregateError`s.
 *
 * `message` is the bare message, `exceptions` the members. As in Python,
 * `new BaseExceptionGroup(msg, errors)` gives an `ExceptionGroup` when no member
 * is a `BaseException`, and an `ExceptionGroup` refuses to hold one.
 */
import type { ExceptStarGroup } from "./except-star.js";
import { BaseException, className, named, ValueError } from "./kernel/index.js";

/**
 * A test on a member: an error class, several classes, or a predicate. `E`
 * is what the classes make (`exceptStar` types a clause's group by it).
 *
 * @python `BaseExceptionGroup.split` (its `condition`) — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup.split
 * @example
 * ```ts
 * const timeouts: asyncio.ExceptionMatcher = asyncio.TimeoutError;
 * const network: asyncio.ExceptionMatcher = [asyncio.OSError, asyncio.TimeoutError];
 * const fatal: asyncio.ExceptionMatcher = (e) => e instanceof Error && e.message.includes("fatal");
 * const [matched, rest] = group.split(network);
 * ```
 */
export type ExceptionMatcher<E = unknown> =
  | (abstract new (
      ...args: never[]
    ) => E)
  | ReadonlyArray<abstract new (...args: never[]) => E>
  | ((e: unknown) => boolean);

/**
 * Several errors raised together (PEP 654), as a TaskGroup raises its
 * children's failures: an `AggregateError` whose `message` is the bare
 * message and `exceptions` the members. `new BaseExceptionGroup(msg, errors)`
 * gives an `ExceptionGroup` when no member is a `BaseException`, as in Python.
 *
 * @python `BaseExceptionGroup` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup
 * @example
 * ```ts
 * try {
 *   yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
 *     tg.createTask(fetchA());
 *     tg.createTask(fetchB());
 *   });
 * } catch (e) {
 *   if (!(e instanceof asyncio.BaseExceptionGroup)) throw e;
 *   for (const error of e.exceptions) console.error(error);
 * }
 * ```
 */
export class BaseExceptionGroup extends AggregateError {
  /**
   * The class name Python prints (reprs, error names); declared, so minifiers cannot change it.
   *
   * @python no counterpart: Python reads `type(eg).__name__`, which no minifier renames — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup
   * @example
   * ```ts
   * console.log(asyncio.ExceptionGroup.pythonName); // "ExceptionGroup"
   * ```
   */
  static readonly pythonName = /* @__PURE__ */ named(this, "BaseExceptionGroup");
  /**
   * The members, frozen, in the order given (nested groups stay groups).
   *
   * @python `BaseExceptionGroup.exceptions` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup.exceptions
   * @example
   * ```ts
   * const group = new asyncio.ExceptionGroup("two failed", [new Error("a"), new Error("b")]);
   * console.log(group.exceptions.length); // 2
   * ```
   */
  declare readonly exceptions: readonly unknown[];

  constructor(message: string, exceptions: readonly unknown[]) {
    if (typeof message !== "string") {
      throw new TypeError("argument 1 must be str");
    }
    if (!Array.isArray(exceptions)) {
      throw new TypeError("second argument (exceptions) must be a sequence");
    }
    if (exceptions.length === 0) {
      throw new ValueError("second argument (exceptions) must be a non-empty sequence");
    }
    super(exceptions, message);
    // Not enumerable: Node prints an AggregateError's members already (as `[errors]`),
    // and an enumerable copy would print every member twice.
    Object.defineProperty(this, "exceptions", { value: Object.freeze([...exceptions]) });
    if (new.target === BaseExceptionGroup && !exceptions.some(isBaseExceptionOnly)) {
      // Python's BaseExceptionGroup.__new__ picks the narrower class.
      // biome-ignore lint/correctness/noConstructorReturn: mirrors BaseExceptionGroup.__new__
      return new ExceptionGroup(message, exceptions);
    }
  }

  /**
   * The Python class name, `BaseExceptionGroup` or `ExceptionGroup`.
   *
   * @python no counterpart: Python's `type(eg).__name__` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup
   * @example
   * ```ts
   * console.log(new asyncio.ExceptionGroup("failed", [new Error("x")]).name); // "ExceptionGroup"
   * ```
   */
  override get name(): string {
    return className(this);
  }

  /**
   * Python's `str(eg)`: the message and the member count.
   *
   * @python `BaseExceptionGroup.__str__` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup
   * @example
   * ```ts
   * const group = new asyncio.ExceptionGroup("failed", [new Error("a"), new Error("b")]);
   * console.log(String(group)); // "ExceptionGroup: failed (2 sub-exceptions)"
   * ```
   */
  override toString(): string {
    const n = this.exceptions.length;
    return `${this.name}: ${this.message} (${n} sub-exception${n === 1 ? "" : "s"})`;
  }

  /**
   * A group of the same kind and message holding `exceptions` (Python's `derive`).
   *
   * `split` and `subgroup` make their parts with it: override it in a subclass to keep the subclass.
   *
   * @python `BaseExceptionGroup.derive` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup.derive
   * @example
   * ```ts
   * class HttpErrors extends asyncio.ExceptionGroup {
   *   override derive(exceptions: readonly unknown[]) {
   *     return new HttpErrors(this.message, exceptions);
   *   }
   * }
   * ```
   */
  derive(exceptions: readonly unknown[]): BaseExceptionGroup {
    return new BaseExceptionGroup(this.message, exceptions);
  }

  /**
   * The members matching `condition`, with the nesting kept; `undefined` if none.
   * With error classes, the group's members are typed by them (what `except*` gets).
   *
   * @python `BaseExceptionGroup.subgroup` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup.subgroup
   * @example
   * ```ts
   * const timeouts = group.subgroup(asyncio.TimeoutError);
   * if (timeouts !== undefined) console.log(`${timeouts.exceptions.length} timed out`);
   * ```
   */
  subgroup(condition: (e: unknown) => boolean): BaseExceptionGroup | undefined;
  subgroup<C extends abstract new (...args: never[]) => unknown>(
    condition: C | readonly C[],
  ): ExceptStarGroup<InstanceType<C>> | undefined;
  subgroup(condition: ExceptionMatcher): BaseExceptionGroup | undefined;
  subgroup(condition: ExceptionMatcher): BaseExceptionGroup | undefined {
    return this.split(condition)[0];
  }

  /**
   * `[matching, rest]`, each a group with the nesting kept, or `undefined` when empty.
   * With error classes, `matching`'s members are typed by them (what `except*` gets).
   *
   * @python `BaseExceptionGroup.split` — https://docs.python.org/3/library/exceptions.html#BaseExceptionGroup.split
   * @example
   * ```ts
   * const [network, others] = group.split([asyncio.OSError, asyncio.TimeoutError]);
   * if (others !== undefined) throw others;
   * ```
   */
  split(
    condition: (e: unknown) => boolean,
  ): [BaseExceptionGroup | undefined, BaseExceptionGroup | undefined];
  split<C extends abstract new (...args: never[]) => unknown>(
    condition: C | readonly C[],
  ): [ExceptStarGroup<InstanceType<C>> | undefined, BaseExceptionGroup | undefined];
  split(
    condition: ExceptionMatcher,
  ): [BaseExceptionGroup | undefined, BaseExceptionGroup | undefined];
  split(
    condition: ExceptionMatcher,
  ): [BaseExceptionGroup | undefined, BaseExceptionGroup | undefined] {
    const test = toPredicate(condition);
    if (test(this)) return [this, undefined];
    const match: unknown[] = [];
    const rest: unknown[] = [];
    for (const e of this.exceptions) {
      if (e instanceof BaseExceptionGroup) {
        const [m, r] = e.split(test);
        if (m !== undefined) match.push(m);
        if (r !== undefined) rest.push(r);
      } else if (test(e)) {
        match.push(e);
      } else {
        rest.push(e);
      }
    }
    return [this._deriveWithMeta(match), this._deriveWithMeta(rest)];
  }

  private _deriveWithMeta(exceptions: unknown[]): BaseExceptionGroup | undefined {
    if (exceptions.length === 0) return undefined;
    const group = this.derive(exceptions);
    if (this.cause !== undefined) group.cause = this.cause;
    return group;
  }
}

/**
 * A group whose members are all ordinary errors (not `BaseException`s).
 *
 * Holding a `BaseException` (a CancelledError, say) raises TypeError, as in Python.
 *
 * @python `ExceptionGroup` — https://docs.python.org/3/library/exceptions.html#ExceptionGroup
 * @example
 * ```ts
 * throw new asyncio.ExceptionGroup("validation failed", [
 *   new asyncio.ValueError("bad email"),
 *   new asyncio.ValueError("bad age"),
 * ]);
 * ```
 */
export class ExceptionGroup extends BaseExceptionGroup {
  static override readonly pythonName = /* @__PURE__ */ named(this, "ExceptionGroup");
  constructor(message: string, exceptions: readonly unknown[]) {
    super(message, exceptions);
    if (exceptions.some(isBaseExceptionOnly)) {
      throw new TypeError("Cannot nest BaseExceptions in an ExceptionGroup");
    }
  }

  override derive(exceptions: readonly unknown[]): BaseExceptionGroup {
    return new ExceptionGroup(this.message, exceptions);
  }
}

/** True for what Python derives from `BaseException` but not from `Exception`. */
export function isBaseExceptionOnly(e: unknown): boolean {
  return (
    e instanceof BaseException ||
    (e instanceof BaseExceptionGroup && !(e instanceof ExceptionGroup))
  );
}

function toPredicate(condition: ExceptionMatcher): (e: unknown) => boolean {
  if (Array.isArray(condition)) {
    const classes = condition as ReadonlyArray<abstract new (...args: never[]) => unknown>;
    return (e) => classes.some((c) => e instanceof c);
  }
  if (isClass(condition)) return (e) => e instanceof condition;
  return condition as (e: unknown) => boolean;
}

/** Error classes are matched with `instanceof`; any other function is a predicate. */
function isClass(f: unknown): f is abstract new (...args: never[]) => unknown {
  return typeof f === "function" && (f === Error || f.prototype instanceof Error);
}
