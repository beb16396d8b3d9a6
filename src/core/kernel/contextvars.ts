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

export class Context implements Iterable<ContextVar<unknown>> {
  /** @internal */ _vars: VarMap;
  /** @internal Who entered it; null when it is not entered. */
  _user: ContextUser | null = null;

  constructor(vars: VarMap = EMPTY) {
    this._vars = vars;
  }

  /**
   * Calls `fn(...args)` with this Context current, then restores the previous one.
   * @example ctx.run(() => requestId.get())
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    const previous = enterContext(this, OTHER);
    try {
      return fn(...args);
    } finally {
      exitContext(previous);
    }
  }

  /** A new Context with the same values. */
  copy(): Context {
    return new Context(this._vars);
  }

  get<T>(variable: ContextVar<T>): T | undefined;
  get<T, D>(variable: ContextVar<T>, defaultValue: D): T | D;
  get<T, D>(variable: ContextVar<T>, defaultValue?: D): T | D | undefined {
    return this._vars.has(variable) ? (this._vars.get(variable) as T) : defaultValue;
  }

  has(variable: ContextVar<unknown>): boolean {
    return this._vars.has(variable);
  }

  get size(): number {
    return this._vars.size;
  }

  keys(): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  values(): IterableIterator<unknown> {
    return this._vars.values();
  }

  entries(): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this._vars.entries();
  }

  [Symbol.iterator](): IterableIterator<ContextVar<unknown>> {
    return this._vars.keys();
  }

  [inspectCustom](): string {
    return this.toString();
  }

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

/** A shallow copy of the current Context. */
export function copyContext(): Context {
  return new Context(current._vars);
}

/** What `ContextVar.set` returns; `reset(token)` restores the value before that `set`. */
export class Token<T> {
  static readonly MISSING: typeof MISSING = MISSING;
  /** @internal */ _used = false;

  constructor(
    readonly variable: ContextVar<T>,
    readonly oldValue: T | typeof MISSING,
    /** @internal */ readonly _context: Context,
  ) {}

  get var(): ContextVar<T> {
    return this.variable;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  toString(): string {
    return `<Token${this._used ? " used" : ""} var=${this.variable}>`;
  }
}

/**
 * A variable whose value depends on the current Context: each Task sees the
 * values of the Context copied when it was created.
 * @example
 * const requestId = new asyncio.ContextVar<string>("requestId", { default: "-" });
 * requestId.set("r1");
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

  /** Read-only, as in Python (assigning it raises AttributeError). */
  get name(): string {
    return this.#name;
  }

  /** The value in the current Context, else `defaultValue`, else the variable's default. */
  get(): T;
  get<D>(defaultValue: D): T | D;
  get<D>(...args: [D?]): T | D {
    const vars = current._vars;
    if (vars.has(this)) return vars.get(this) as T;
    if (args.length > 0) return args[0] as D;
    if (this.#default !== MISSING) return this.#default;
    throw new LookupError(String(this));
  }

  set(value: T): Token<T> {
    const ctx = current._user?._borrowed != null ? ownCurrent() : current;
    const vars = ctx._vars;
    const old = vars.has(this) ? (vars.get(this) as T) : MISSING;
    const next = new Map(vars);
    next.set(this, value);
    ctx._vars = next;
    return new Token(this, old, ctx);
  }

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
