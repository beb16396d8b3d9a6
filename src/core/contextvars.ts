/**
 * Context variables (PEP 567): `ContextVar`, `Token`, `Context`, `copyContext`.
 *
 * A Context's mapping is treated as immutable: `ContextVar.set` replaces the
 * current Context's map with an updated copy. So `copyContext()` is one small
 * allocation sharing the map, which matters because every Task and every
 * scheduled callback takes a copy.
 */
import { LookupError, RuntimeError, ValueError } from "./exceptions.js";

type VarMap = ReadonlyMap<ContextVar<unknown>, unknown>;

const EMPTY: VarMap = new Map();
const MISSING: unique symbol = Symbol("MISSING");

/** A mapping of context variables to values; one is current at any moment. */
export class Context implements Iterable<ContextVar<unknown>> {
  /** @internal */ _vars: VarMap;
  /** @internal */ _entered = false;

  constructor(vars: VarMap = EMPTY) {
    this._vars = vars;
  }

  /**
   * Calls `fn(...args)` with this Context current, then restores the previous one.
   * @example ctx.run(() => requestId.get())
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    const previous = enterContext(this);
    try {
      return fn(...args);
    } finally {
      exitContext(this, previous);
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

  toString(): string {
    return `<Context object with ${this._vars.size} variables>`;
  }
}

let current = new Context();

/** The Context code runs in now (Python's `contextvars.copy_context()` copies it). */
export function currentContext(): Context {
  return current;
}

/**
 * Enters `ctx` as `Context.run` does (an error if it is already entered) and
 * returns the previous Context; a Task's step runs between this and `exitContext`.
 */
export function enterContext(ctx: Context): Context {
  if (ctx._entered) {
    throw new RuntimeError(`cannot enter context: ${ctx} is already entered`);
  }
  ctx._entered = true;
  const previous = current;
  current = ctx;
  return previous;
}

/** Leaves `ctx`, entered with `enterContext`, making `previous` current again. */
export function exitContext(ctx: Context, previous: Context): void {
  ctx._entered = false;
  current = previous;
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
  readonly name: string;
  readonly #default: T | typeof MISSING;

  constructor(name: string, options?: { default?: T }) {
    if (typeof name !== "string") throw new TypeError("context variable name must be a str");
    this.name = name;
    this.#default =
      options !== undefined && "default" in options ? (options.default as T) : MISSING;
  }

  /** The value in the current Context, else `defaultValue`, else the variable's default. */
  get(): T;
  get<D>(defaultValue: D): T | D;
  get<D>(...args: [D?]): T | D {
    const vars = current._vars;
    if (vars.has(this)) return vars.get(this) as T;
    if (args.length > 0) return args[0] as D;
    if (this.#default !== MISSING) return this.#default;
    throw new LookupError(`<ContextVar name='${this.name}'>`);
  }

  set(value: T): Token<T> {
    const ctx = current;
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
    if (token._context !== current) {
      throw new ValueError(`${token} was created in a different Context`);
    }
    token._used = true;
    const next = new Map(current._vars);
    if (token.oldValue === MISSING) next.delete(this);
    else next.set(this, token.oldValue);
    current._vars = next;
  }

  toString(): string {
    return `<ContextVar name='${this.name}'>`;
  }
}
