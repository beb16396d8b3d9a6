/**
 * The checks at an API's entry that a caller's wrong argument meets there,
 * named by the API and the argument, rather than deep inside (a `waitFor(aw,
 * { timeout: 1 })` once failed in the timer heap, "when must be a number"),
 * or not at all (`new Queue({ maxsize: 5 })` made an unbounded queue).
 * CPython fails on these too, with a TypeError from the first comparison
 * ("'<=' not supported between instances of 'dict' and 'int'"). One helper
 * serves every call site, so each costs a call and its names, not a message.
 * Entry only: no check runs per step.
 */
import { ValueError } from "./exceptions.js";
import { reprValue } from "./repr.js";

/**
 * `value` is a number (or, when `orNull`, null or undefined too), else
 * TypeError naming `api()` and its argument `arg`, with a hint when it is a
 * plain object: an options object where the argument is positional, the
 * JavaScript habit. NaN: ValueError, CPython's words for `sleep(nan)` (a NaN
 * deadline would break the timer heap's order, as it does CPython's).
 */
export function checkNumber(value: unknown, api: string, arg: string, orNull?: boolean): void {
  if (typeof value !== "number") {
    if (orNull && value == null) return;
    const got = reprValue(value);
    throw new TypeError(
      `${api}() argument '${arg}' must be a number${orNull ? " or null" : ""}, not ${got}${
        got === "{...}" ? " (a positional argument, not an options object)" : ""
      }`,
    );
  }
  if (Number.isNaN(value)) throw new ValueError(`Invalid ${arg}: NaN (not a number)`);
}

/** `options` is an object or undefined, else TypeError (`createTask(coro, "name")`, `wait(fs, 1)`). */
export function checkOptions(options: unknown, api: string): void {
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new TypeError(`${api}() options must be an object, not ${reprValue(options)}`);
  }
}
