/**
 * `ContextVar` and `Token` (PEP 567), which read and write the current
 * Context (contextvars.ts, whose header has the rules of borrowing).
 *
 * A module of their own, apart from Context: every program needs Contexts,
 * few need variables, and bundlers drop a module nothing uses whole but keep
 * any class declaring `[inspectCustom]` in a module they keep (esbuild
 * cannot tell that computed key has no side effect).
 */
import { named } from "./class-name.js";
import { type Context, current, MISSING, ownCurrent } from "./contextvars.js";
import { AttributeError, LookupError, RuntimeError, ValueError } from "./exceptions.js";
import { inspectCustom } from "./inspect.js";
import { reprValue } from "./repr.js";

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
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "Token");
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
  /** @internal Declared: a minifier renames the class (class-name.ts). */
  static readonly name = /* @__PURE__ */ named(this, "ContextVar");
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
   * @internal A setter only to raise Python's error: without one, assigning
   * a getter throws JavaScript's TypeError (strict mode) or is silently
   * ignored. In the class body, not installed after it, so a bundle that
   * never uses ContextVar drops the class.
   */
  set name(_value: string) {
    throw new AttributeError("readonly attribute");
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
