/**
 * Contexts (PEP 567): `Context`, `copyContext`, and which Context is current
 * (context-var.ts has `ContextVar` and `Token`, which read and write it).
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
import { named } from "./class-name.js";
import type { ContextVar } from "./context-var.js";
import { RuntimeError } from "./exceptions.js";
import { inspectCustom } from "./inspect.js";

export type VarMap = ReadonlyMap<ContextVar<unknown>, unknown>;

const EMPTY: VarMap = new Map();
/** A variable's value when it has none (`Token.MISSING`, a ContextVar without a default). */
export const MISSING: unique symbol = Symbol("MISSING");

/** A mapping of context variables to values; one is current at any moment. */
/** What enters a Context: a Task's step (which may borrow it), or OTHER. */
export interface ContextUser {
  /** @internal */ _context: Context;
  /** @internal The map a borrowing Task was created with; null once its Context is its own. */
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
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "Context");
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

// Exported for context-var.ts: a live binding, read where it is used.
export let current = new Context();

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
export function ownCurrent(): Context {
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
