/**
 * Context variables (PEP 567): `ContextVar`, `Token`, `Context`, `copyContext`.
 *
 * A Context's mapping is treated as immutable: `ContextVar.set` replaces the
 * current Context's map with an updated copy. So `copyContext()` is one small
 * allocation sharing the map, which matters because every scheduled callback
 * takes a copy.
 *
 * Tasks go further: a Task created during another Task's step borrows that
 * Task's Context object instead of a copy of it (at 100,000 TaskGroup
 * children the copies cost about 15% of the time, mostly in the garbage
 * collector, since every pending Task kept one alive). The borrower keeps the
 * map it was created with (`_borrowed`), which is its Context's content, and
 * takes a Context of its own (a copy of that map) before anything could tell
 * the difference: before its step if the lender changed the Context since,
 * before its own first write, when its Context is asked for (`getContext()`,
 * `currentContext()`), or when anything is entered on top of it. The lender
 * never notices: it keeps its Context and writes it in place.
 *
 * Invariants:
 * - a Context is entered at most once at a time; `_user` is who entered it
 *   (a Task's step, or OTHER for a Handle or `Context.run`), null otherwise;
 * - a borrowing Task's `_borrowed` map is the content of its Context: it
 *   enters the lent Context only while that Context's map is still this one;
 * - a Context entered by a borrowing Task's step is the current one (nothing
 *   is entered on top of it), so it can always be swapped for the Task's own;
 * - a borrowing Task writes only after taking its own Context.
 */
import { AttributeError, LookupError, RuntimeError, ValueError } from "./exceptions.js";
import { inspectCustom } from "./inspect.js";
import { reprValue } from "./repr.js";

export type VarMap = ReadonlyMap<ContextVar<unknown>, unknown>;

const EMPTY: VarMap = new Map();
const MISSING: unique symbol = Symbol("MISSING");

/** A mapping of context variables to values; one is current at any moment. */
/** What enters a Context: a Task's step (which may borrow it), or OTHER. */
export interface ContextUser {
  _context: Context;
  /** The map a borrowing Task was created with; null once its Context is its own. */
  _borrowed: VarMap | null;
}

/** Entering for a Handle's run or `Context.run`: never a borrower. */
export const OTHER: ContextUser = { _context: undefined as unknown as Context, _borrowed: null };

/**
 * A mapping of context variables to their values. One Context is current at
 * any moment: each Task runs in its own (a copy of its creator's), and each
 * callback in the one it was scheduled with, so a `ContextVar.set` in one Task
 * is never seen by another. Read-only as a map (`get`, `has`, `keys`...); only
 * `ContextVar.set` inside `run` changes it.
 *
 * @python `contextvars.Context` — https://docs.python.org/3/library/contextvars.html#contextvars.Context
 * @example
 * ```ts
 * const ctx = asyncio.copyContext();
 * ctx.run(() => requestId.set("r-42")); // changes ctx only, not the current Context
 * console.log(ctx.get(requestId), requestId.get()); // "r-42" "-"
 * ```
 */
export class Context implements Iterable<ContextVar<unknown>> {
  /** @internal */ _vars: VarMap;
  /** @internal Who entered it; null when it is not entered. */
  _user: ContextUser | null = null;

  constructor(vars: VarMap = EMPTY) {
    this._vars = vars;
  }

  /**
   * Calls `fn(...args)` with this Context current, then restores the previous one.
   *
   * A RuntimeError if the Context is already entered (by this or another caller), as in Python.
   *
   * @python `contextvars.Context.run` — https://docs.python.org/3/library/contextvars.html#contextvars.Context.run
   * @example
   * ```ts
   * ctx.run(() => requestId.get())
   * ```
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    const previous = enterContext(this, OTHER);
    try {
      return fn(...args);
    } finally {
      exitContext(previous);
    }
  }

  /**
   * A new Context with the same values (a shallow copy).
   *
   * @python `contextvars.Context.copy` — https://docs.python.org/3/library/contextvars.html#contextvars.Context.copy
   * @example
   * ```ts
   * const snapshot = asyncio.copyContext().copy();
   * ```
   */
  copy(): Context {
    return new Context(this._vars);
  }

  /**
   * The value of `variable` in this Context, else `defaultValue` (`undefined` if not given).
   *
   * @python `contextvars.Context.get` — https://docs.python.org/3/library/contextvars.html#contextvars.Context.get
   * @example
   * ```ts
   * const ctx = asyncio.copyContext();
   * const id = ctx.get(requestId, "unknown");
   * ```
   */
  get<T>(variable: ContextVar<T>): T | undefined;
  get<T, D>(variable: ContextVar<T>, defaultValue: D): T | D;
  get<T, D>(variable: ContextVar<T>, defaultValue?: D): T | D | undefined {
    return this._vars.has(variable) ? (this._vars.get(variable) as T) : defaultValue;
  }

  /**
   * Whether `variable` has a value in this Context (Python's `var in ctx`).
   *
   * @python `contextvars.Context.__contains__` (`var in ctx`) — https://docs.python.org/3/library/contextvars.html#contextvars.Context
   * @example
   * ```ts
   * if (asyncio.copyContext().has(requestId)) console.log("request scoped");
   * ```
   */
  has(variable: ContextVar<unknown>): boolean {
    return this._vars.has(variable);
  }

  /**
   * How many variables have a value in this Context (Python's `len(ctx)`).
   *
   * @python `contextvars.Context.__len__` (Python's len of a Context) — https://docs.python.org/3/library/contextvars.html#contextvars.Context
   * @example
   * ```ts
   * console.log(asyncio.copyContext().size); // how many variables are set
   * ```
   */
  get size(): number {
    return this._vars.size;
  }

  /**
   * The variables that have a value in this Context.
   *
   * @python `contextvars.Context.keys` — https://docs.python.org/3/library/contextvars.html#contextvars.Context.keys
   * @example
   * ```ts
   * for (const variable of asyncio.copyContext().keys()) console.log(variable.name);
   * ```
   */
  keys(): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  /**
   * The values of the variables set in this Context.
   *
   * @python `contextvars.Context.values` — https://docs.python.org/3/library/contextvars.html#contextvars.Context.values
   * @example
   * ```ts
   * console.log([...asyncio.copyContext().values()]);
   * ```
   */
  values(): IterableIterator<unknown> {
    return this._vars.values();
  }

  /**
   * The `[variable, value]` pairs of this Context (Python's `items()`).
   *
   * @python `contextvars.Context.items` — https://docs.python.org/3/library/contextvars.html#contextvars.Context.items
   * @example
   * ```ts
   * for (const [variable, value] of asyncio.copyContext().entries()) {
   *   console.log(variable.name, value);
   * }
   * ```
   */
  entries(): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this._vars.entries();
  }

  /**
   * Iterates over the variables set in this Context, as `keys()` does.
   *
   * @python `contextvars.Context.__iter__` — https://docs.python.org/3/library/contextvars.html#contextvars.Context
   * @example
   * ```ts
   * const names = [...asyncio.copyContext()].map((variable) => variable.name);
   * ```
   */
  [Symbol.iterator](): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * `<Context>` (CPython's repr without its address).
   *
   * @python `contextvars.Context.__repr__` — https://docs.python.org/3/library/contextvars.html#contextvars.Context
   * @example
   * ```ts
   * console.log(String(asyncio.copyContext())); // <Context>
   * ```
   */
  toString(): string {
    return "<Context>";
  }
}

let current = new Context();

/**
 * The Context code runs in now (Python's `contextvars.copy_context()` copies
 * it); never a borrowed one, since the caller may keep it.
 */
export function currentContext(): Context {
  return current._user?._borrowed != null ? ownCurrent() : current;
}

/**
 * Enters `ctx` for `user` as `Context.run` does (an error if it is already
 * entered) and returns the Context to restore with `exitContext`; a Task's
 * step or a Handle's run goes between the two.
 */
export function enterContext(ctx: Context, user: ContextUser): Context {
  // A borrowed Context is never left below another one (ownContext relies on
  // it): its Task takes its own first, which also frees the lent one if it is `ctx`.
  if (current._user?._borrowed != null) ownCurrent();
  if (ctx._user !== null) {
    throw new RuntimeError(`cannot enter context: ${ctx} is already entered`);
  }
  ctx._user = user;
  const previous = current;
  current = ctx;
  return previous;
}

/** Leaves the Context entered last (maybe replaced by a borrower's own since), making `previous` current. */
export function exitContext(previous: Context): void {
  current._user = null;
  current = previous;
}

/**
 * What a new Task runs in: the current Context, borrowed, when it is the
 * `creator` Task's step that entered it, else a copy.
 */
export function contextForNewTask(creator: ContextUser | null, task: ContextUser): Context {
  const vars = current._vars;
  if (creator !== null && current._user === creator) {
    task._borrowed = vars;
    return current;
  }
  task._borrowed = null;
  return new Context(vars);
}

/**
 * The Context `task` enters for its step: the lent one while it still holds
 * what the Task borrowed, else (from now on) one of its own.
 */
export function contextToEnter(task: ContextUser): Context {
  const borrowed = task._borrowed;
  const ctx = task._context;
  if (borrowed === null || (ctx._vars === borrowed && ctx._user === null)) return ctx;
  return ownContext(task);
}

/** Gives a borrowing `task` a Context of its own (a copy of what it borrowed); returns its Context. */
export function ownContext(task: ContextUser): Context {
  const borrowed = task._borrowed;
  if (borrowed === null) return task._context;
  // Entered by its step, it is the current Context: replace that too.
  if (task._context._user === task) return ownCurrent();
  task._borrowed = null;
  task._context = new Context(borrowed);
  return task._context;
}

/** The current Context belongs to a borrowing Task's step: give it its own, entered in its place. */
function ownCurrent(): Context {
  const lent = current;
  const task = lent._user!;
  const own = new Context(task._borrowed!);
  lent._user = null;
  own._user = task;
  task._borrowed = null;
  task._context = own;
  current = own;
  return own;
}

/**
 * A shallow copy of the current Context.
 *
 * @python `contextvars.copy_context` — https://docs.python.org/3/library/contextvars.html#contextvars.copy_context
 * @example
 * ```ts
 * const ctx = asyncio.copyContext();
 * asyncio.getRunningLoop().callSoon(() => console.log(requestId.get()), { context: ctx });
 * ```
 */
export function copyContext(): Context {
  return new Context(current._vars);
}

/**
 * What `ContextVar.set` returns; `reset(token)` restores the value before that `set`.
 *
 * @python `contextvars.Token` — https://docs.python.org/3/library/contextvars.html#contextvars.Token
 * @example
 * ```ts
 * const token = requestId.set("r-1");
 * try {
 *   yield* handle();
 * } finally {
 *   requestId.reset(token); // back to what it was before set()
 * }
 * ```
 */
export class Token<T> {
  /**
   * The marker `oldValue` holds when the variable had no value before `set`.
   *
   * @python `contextvars.Token.MISSING` — https://docs.python.org/3/library/contextvars.html#contextvars.Token.MISSING
   * @example
   * ```ts
   * const token = requestId.set("r-1");
   * if (token.oldValue === asyncio.Token.MISSING) console.log("was not set before");
   * ```
   */
  static readonly MISSING: typeof MISSING = MISSING;
  /** @internal */ _used = false;

  constructor(
    /**
     * The ContextVar whose `set` made this Token (also readable as `var`, Python's name).
     *
     * @python `contextvars.Token.var` — https://docs.python.org/3/library/contextvars.html#contextvars.Token.var
     * @example
     * ```ts
     * const token = requestId.set("r-1");
     * console.log(token.variable === requestId); // true
     * ```
     */
    readonly variable: ContextVar<T>,
    /**
     * The variable's value before `set`, or `Token.MISSING` if it had none.
     *
     * @python `contextvars.Token.old_value` — https://docs.python.org/3/library/contextvars.html#contextvars.Token.old_value
     * @example
     * ```ts
     * const token = requestId.set("r-2");
     * console.log(token.oldValue); // the previous value, or Token.MISSING
     * ```
     */
    readonly oldValue: T | typeof MISSING,
    /** @internal */ readonly _context: Context,
  ) {}

  /**
   * The ContextVar whose `set` made this Token (Python's name for `variable`).
   *
   * @python `contextvars.Token.var` — https://docs.python.org/3/library/contextvars.html#contextvars.Token.var
   * @example
   * ```ts
   * const token = requestId.set("r-1");
   * console.log(token.var.name); // "requestId"
   * ```
   */
  get var(): ContextVar<T> {
    return this.variable;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr (`<Token used var=...>` once reset), without addresses.
   *
   * @python `contextvars.Token.__repr__` — https://docs.python.org/3/library/contextvars.html#contextvars.Token
   * @example
   * ```ts
   * console.log(String(requestId.set("x"))); // <Token var=<ContextVar name='requestId' default='-'>>
   * ```
   */
  toString(): string {
    return `<Token${this._used ? " used" : ""} var=${this.variable}>`;
  }
}

/**
 * A variable whose value depends on the current Context: each Task sees the
 * values of the Context copied when it was created.
 *
 * @python `contextvars.ContextVar` — https://docs.python.org/3/library/contextvars.html#contextvars.ContextVar
 * @example
 * ```ts
 * const requestId = new asyncio.ContextVar<string>("requestId", { default: "-" });
 * requestId.set("r1");
 * ```
 */
export class ContextVar<T> {
  readonly #name: string;
  readonly #default: T | typeof MISSING;

  constructor(name: string, options?: { default?: T }) {
    if (typeof name !== "string") throw new TypeError("context variable name must be a str");
    this.#name = name;
    this.#default =
      options !== undefined && "default" in options ? (options.default as T) : MISSING;
  }

  /**
   * The variable's name. Read-only, as in Python (assigning it raises AttributeError).
   *
   * @python `contextvars.ContextVar.name` — https://docs.python.org/3/library/contextvars.html#contextvars.ContextVar.name
   * @example
   * ```ts
   * const requestId = new asyncio.ContextVar<string>("requestId");
   * console.log(requestId.name); // "requestId"
   * ```
   */
  get name(): string {
    return this.#name;
  }

  /**
   * The value in the current Context, else `defaultValue`, else the variable's default.
   *
   * A LookupError when there is none of the three.
   *
   * @python `contextvars.ContextVar.get` — https://docs.python.org/3/library/contextvars.html#contextvars.ContextVar.get
   * @example
   * ```ts
   * const id = requestId.get(); // the variable's default when unset
   * const user = currentUser.get(undefined); // undefined when unset
   * ```
   */
  get(): T;
  get<D>(defaultValue: D): T | D;
  get<D>(...args: [D?]): T | D {
    const vars = current._vars;
    if (vars.has(this)) return vars.get(this) as T;
    if (args.length > 0) return args[0] as D;
    if (this.#default !== MISSING) return this.#default;
    throw new LookupError(String(this));
  }

  /**
   * Sets the variable's value in the current Context; returns a Token that
   * `reset` takes to restore the previous value.
   *
   * @python `contextvars.ContextVar.set` — https://docs.python.org/3/library/contextvars.html#contextvars.ContextVar.set
   * @example
   * ```ts
   * const token = requestId.set("r-42");
   * ```
   */
  set(value: T): Token<T> {
    const ctx = current._user?._borrowed != null ? ownCurrent() : current;
    const vars = ctx._vars;
    const old = vars.has(this) ? (vars.get(this) as T) : MISSING;
    const next = new Map(vars);
    next.set(this, value);
    ctx._vars = next;
    return new Token(this, old, ctx);
  }

  /**
   * Restores the value the variable had before the `set` that returned
   * `token`. As in Python: a RuntimeError if the token was used already, a
   * ValueError if it came from another variable or another Context.
   *
   * @python `contextvars.ContextVar.reset` — https://docs.python.org/3/library/contextvars.html#contextvars.ContextVar.reset
   * @example
   * ```ts
   * const token = requestId.set("r-42");
   * try {
   *   yield* handle();
   * } finally {
   *   requestId.reset(token);
   * }
   * ```
   */
  reset(token: Token<T>): void {
    if (!(token instanceof Token)) {
      throw new TypeError(`expected an instance of Token, got ${String(token)}`);
    }
    if (token._used) throw new RuntimeError(`${token} has already been used once`);
    if (token.variable !== this) {
      throw new ValueError(`${token} was created by a different ContextVar`);
    }
    if (current._user?._borrowed != null) ownCurrent();
    if (token._context !== current) {
      throw new ValueError(`${token} was created in a different Context`);
    }
    token._used = true;
    const next = new Map(current._vars);
    if (token.oldValue === MISSING) next.delete(this);
    else next.set(this, token.oldValue);
    current._vars = next;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /**
   * CPython's repr, without the address.
   *
   * @python `contextvars.ContextVar.__repr__` — https://docs.python.org/3/library/contextvars.html#contextvars.ContextVar
   * @example
   * ```ts
   * console.log(String(new asyncio.ContextVar("user", { default: "-" }))); // <ContextVar name='user' default='-'>
   * ```
   */
  toString(): string {
    const shown = this.#default === MISSING ? "" : ` default=${reprValue(this.#default)}`;
    return `<ContextVar name=${reprValue(this.#name)}${shown}>`;
  }
}

// A setter only to raise Python's error: without one, assigning a getter
// throws JavaScript's TypeError (strict mode) or is silently ignored.
Object.defineProperty(ContextVar.prototype, "name", {
  set(): never {
    throw new AttributeError("readonly attribute");
  },
});
