/**
 * Python's `except*` for JavaScript's single `catch`:
 *
 * ```ts
 * try { ... } catch (e) {
 *   asyncio.exceptStar(e,
 *     [asyncio.ValueError, (group) => console.log("bad values:", group.exceptions.length)],
 *     [[TypeError, RangeError], (group) => { ... }],
 *   );
 * }
 * ```
 *
 * As in PEP 654: a bare error is matched as a one-member group; each clause
 * gets the part of the group it matches (structure kept), in clause order,
 * and every member is handled by at most one clause. What no clause matched
 * is re-thrown as the original's subgroup (a bare error unmatched is
 * re-thrown as itself); errors thrown by handlers are re-thrown together
 * with it in `ExceptionGroup("", [...thrown, rest])`, or alone when there is
 * nothing else to re-throw (as CPython does). A handler that throws the
 * group it was given (Python's bare `raise`) puts it back with the rest; for
 * a bare error that re-throws the one-member group.
 */

import { BaseExceptionGroup, type ExceptionMatcher } from "./exception-group.js";
import { type Coroutine, nameCoroutines } from "./kernel/index.js";

/**
 * The part of the group one `except*` clause matched, as its handler gets it:
 * its members are of the clause's class (or groups of them, the nesting
 * kept), as Python types `except* ValueError as eg` `ExceptionGroup[ValueError]`.
 * `split` and `subgroup` by error classes give their matching part typed so too.
 *
 * @python `except* E as eg` (`eg`, typed `ExceptionGroup[E]`) — https://docs.python.org/3/reference/compound_stmts.html#except-star
 * @example
 * ```ts
 * asyncio.exceptStar(error, [asyncio.ValueError, (group: asyncio.ExceptStarGroup<asyncio.ValueError>) => {
 *   console.log(group.exceptions.map((e) => e.message));
 * }]);
 * ```
 */
export interface ExceptStarGroup<E = unknown> extends BaseExceptionGroup {
  /** The members the clause matched: errors of its class, or groups of them. */
  readonly exceptions: readonly (E | BaseExceptionGroup)[];
}

/**
 * One `except* Matcher:` clause of `exceptStar`: what it matches, and the handler that receives the matching part of the group.
 *
 * @python `except*` (one clause) — https://docs.python.org/3/reference/compound_stmts.html#except-star
 * @example
 * ```ts
 * const clause: asyncio.ExceptStarClause<asyncio.TimeoutError> = [asyncio.TimeoutError, (group) => console.log(group.exceptions.length, "timed out")];
 * asyncio.exceptStar(error, clause);
 * ```
 */
export type ExceptStarClause<E = unknown> = readonly [
  ExceptionMatcher<E>,
  (group: ExceptStarGroup<E>) => void,
];
/**
 * One clause of `exceptStarAsync`: a matcher and a coroutine handler.
 *
 * @python `except*` (one clause whose body awaits) — https://docs.python.org/3/reference/compound_stmts.html#except-star
 * @example
 * ```ts
 * const clause: asyncio.ExceptStarCoroutineClause<asyncio.OSError> = [asyncio.OSError, function* (group) {
 *   yield* reconnect();
 * }];
 * yield* asyncio.exceptStarAsync(error, clause);
 * ```
 */
export type ExceptStarCoroutineClause<E = unknown> = readonly [
  ExceptionMatcher<E>,
  (group: ExceptStarGroup<E>) => Coroutine<void>,
];

/**
 * Handles the parts of `error` the clauses match; throws what is left.
 *
 * Python's `except*` for JavaScript's single `catch`. As in PEP 654: a bare
 * error is matched as a one-member group; each clause gets the part of the
 * group it matches, in clause order, and every member is handled by at most
 * one clause; what no clause matched is thrown again, with what the handlers threw.
 *
 * @python `except*` — https://docs.python.org/3/reference/compound_stmts.html#except-star
 * @example
 * ```ts
 * try {
 *   yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
 *     tg.createTask(fetchA());
 *     tg.createTask(fetchB());
 *   });
 * } catch (e) {
 *   asyncio.exceptStar(
 *     e,
 *     [asyncio.TimeoutError, (group) => console.log(`${group.exceptions.length} timed out`)],
 *     [[TypeError, RangeError], (group) => console.error("bugs:", group.exceptions)],
 *   ); // anything else is thrown again
 * }
 * ```
 */
export function exceptStar<E extends readonly unknown[]>(
  error: unknown,
  // One type per clause, inferred from its matcher, so each handler's group is typed by its class.
  ...clauses: { [K in keyof E]: ExceptStarClause<E[K]> }
): void {
  const state = new ExceptStar(error);
  for (const [matcher, handler] of clauses as readonly ExceptStarClause[]) {
    const match = state.take(matcher);
    if (match === undefined) continue;
    try {
      handler(match);
    } catch (e) {
      state.raised(match, e);
    }
  }
  state.finish();
}

/**
 * `exceptStar` with coroutine handlers: `yield* asyncio.exceptStarAsync(e, [Cls, function* (g) {...}])`.
 *
 * @python `except*` (with clauses that await) — https://docs.python.org/3/reference/compound_stmts.html#except-star
 * @example
 * ```ts
 * try {
 *   yield* runAll();
 * } catch (e) {
 *   yield* asyncio.exceptStarAsync(e, [asyncio.OSError, function* (group) {
 *     yield* logRemote(group);
 *   }]);
 * }
 * ```
 */
export function exceptStarAsync<E extends readonly unknown[]>(
  error: unknown,
  ...clauses: { [K in keyof E]: ExceptStarCoroutineClause<E[K]> }
): Coroutine<void> {
  return exceptStarAsyncCoroutine(error, ...clauses);
}

// A method named as the function, with the name nameCoroutines gives (see
// sleep.ts): a Task made on exceptStarAsync() is coro=<exceptStarAsync()> in reprs,
// traces and `asyncio-ts ps`. Python has no such coroutine (`except*` is a
// clause inside the coroutine that runs it); the name is the call the
// Task was made on.
const exceptStarAsyncCoroutine = /* @__PURE__ */ nameCoroutines(
  {
    *exceptStarAsync<E extends readonly unknown[]>(
      error: unknown,
      ...clauses: { [K in keyof E]: ExceptStarCoroutineClause<E[K]> }
    ): Coroutine<void> {
      const state = new ExceptStar(error);
      for (const [matcher, handler] of clauses as readonly ExceptStarCoroutineClause[]) {
        const match = state.take(matcher);
        if (match === undefined) continue;
        try {
          yield* handler(match);
        } catch (e) {
          state.raised(match, e);
        }
      }
      state.finish();
    },
  }.exceptStarAsync,
  "exceptStarAsync",
);

/** The bookkeeping of one `try ... except*` statement. */
class ExceptStar {
  private readonly group: BaseExceptionGroup;
  private readonly naked: boolean;
  private rest: BaseExceptionGroup | undefined;
  /** Leaves of the original group to re-throw: unmatched, or re-raised bare. */
  private readonly keep = new Set<unknown>();
  private readonly thrown: unknown[] = [];

  constructor(private readonly original: unknown) {
    this.naked = !(original instanceof BaseExceptionGroup);
    this.group = this.naked
      ? new BaseExceptionGroup("", [original])
      : (original as BaseExceptionGroup);
    this.rest = this.group;
  }

  take(matcher: ExceptionMatcher): BaseExceptionGroup | undefined {
    if (this.rest === undefined) return undefined;
    const [match, rest] = this.rest.split(matcher);
    this.rest = rest;
    return match;
  }

  raised(match: BaseExceptionGroup, e: unknown): void {
    if (e === match) {
      for (const leaf of leaves(match)) this.keep.add(leaf);
    } else {
      this.thrown.push(e);
    }
  }

  finish(): void {
    if (this.rest !== undefined) for (const leaf of leaves(this.rest)) this.keep.add(leaf);
    let reraise: unknown;
    if (this.keep.size > 0) {
      if (this.naked) {
        // Unmatched, a bare error stays bare; re-raised, it comes back wrapped.
        reraise = this.rest !== undefined ? this.original : this.group;
      } else if (this.keep.size === leaves(this.group).length) {
        reraise = this.original;
      } else {
        reraise = this.group.subgroup(
          (e) => !(e instanceof BaseExceptionGroup) && this.keep.has(e),
        );
      }
    }
    const all = reraise === undefined ? this.thrown : [...this.thrown, reraise];
    if (all.length === 0) return;
    // CPython's _PyExc_PrepReraiseStar: a single error is raised as itself.
    if (all.length === 1) throw all[0];
    throw new BaseExceptionGroup("", all);
  }
}

function leaves(group: BaseExceptionGroup): unknown[] {
  const out: unknown[] = [];
  for (const e of group.exceptions) {
    if (e instanceof BaseExceptionGroup) out.push(...leaves(e));
    else out.push(e);
  }
  return out;
}
