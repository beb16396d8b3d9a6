/**
 * `BaseExceptionGroup` / `ExceptionGroup` (PEP 654) as `AggregateError`s.
 *
 * `message` is the bare message, `exceptions` the members. As in Python,
 * `new BaseExceptionGroup(msg, errors)` gives an `ExceptionGroup` when no member
 * is a `BaseException`, and an `ExceptionGroup` refuses to hold one.
 */
import { BaseException, className, ValueError } from "./kernel/index.js";

/** A test on a member: an error class, several classes, or a predicate. */
export type ExceptionMatcher =
  | (abstract new (
      ...args: never[]
    ) => unknown)
  | ReadonlyArray<abstract new (...args: never[]) => unknown>
  | ((e: unknown) => boolean);

export class BaseExceptionGroup extends AggregateError {
  /** The class name Python prints (reprs, error names); declared, so minifiers cannot change it. */
  static readonly pythonName: string = "BaseExceptionGroup";
  declare readonly exceptions: readonly unknown[];

  constructor(message: string, exceptions: readonly unknown[]) {
    if (typeof message !== "string") {
      throw new TypeError("argument 1 must be str");
    }
    if (!Array.isArray(exceptions) || exceptions.length === 0) {
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

  override get name(): string {
    return className(this);
  }

  /** Python's `str(eg)`: the message and the member count. */
  override toString(): string {
    const n = this.exceptions.length;
    return `${this.name}: ${this.message} (${n} sub-exception${n === 1 ? "" : "s"})`;
  }

  /** A group of the same kind and message holding `exceptions` (Python's `derive`). */
  derive(exceptions: readonly unknown[]): BaseExceptionGroup {
    return new BaseExceptionGroup(this.message, exceptions);
  }

  /** The members matching `condition`, with the nesting kept; `undefined` if none. */
  subgroup(condition: ExceptionMatcher): BaseExceptionGroup | undefined {
    return this.split(condition)[0];
  }

  /** `[matching, rest]`, each a group with the nesting kept, or `undefined` when empty. */
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
    return [this.deriveWithMeta(match), this.deriveWithMeta(rest)];
  }

  private deriveWithMeta(exceptions: unknown[]): BaseExceptionGroup | undefined {
    if (exceptions.length === 0) return undefined;
    const group = this.derive(exceptions);
    if (this.cause !== undefined) group.cause = this.cause;
    return group;
  }
}

/** A group whose members are all ordinary errors (not `BaseException`s). */
export class ExceptionGroup extends BaseExceptionGroup {
  static override readonly pythonName: string = "ExceptionGroup";
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
