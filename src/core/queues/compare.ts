/**
 * Python's ordering of the values a PriorityQueue usually holds, as a
 * three-way comparator: numbers (with bigints and booleans, which Python
 * counts as ints), strings by code point, and arrays compared element-wise
 * like tuples (the first unequal pair decides, else the shorter is smaller).
 * Anything else, or a mix such as a string against a number, raises
 * TypeError with Python's message.
 */
import { typeName } from "../type-name.js";

/**
 * Negative when `a` comes first, positive when `b` does, zero when neither.
 *
 * @python no counterpart: Python orders with `<`; a PriorityQueue of other values takes a comparator — https://docs.python.org/3/library/asyncio-queue.html#asyncio.PriorityQueue
 * @example
 * ```ts
 * const byDeadline: asyncio.Comparator<Job> = (a, b) => a.deadline - b.deadline;
 * const jobs = new asyncio.PriorityQueue<Job>(0, { compare: byDeadline });
 * ```
 */
export type Comparator<T> = (a: T, b: T) => number;

/**
 * PriorityQueue's default order (Python's `<` on numbers, strings and tuples).
 *
 * @python no counterpart: Python's own `<` on numbers, strings and tuples, which heapq uses — https://docs.python.org/3/library/asyncio-queue.html#asyncio.PriorityQueue
 * @example
 * ```ts
 * [[2, "b"], [1, "z"], [2, "a"]].sort(asyncio.pythonCompare); // [[1, "z"], [2, "a"], [2, "b"]]
 * ```
 */
export function pythonCompare(a: unknown, b: unknown): number {
  if (isNumeric(a) && isNumeric(b)) {
    // bigint and number compare exactly with < and >; NaN is neither.
    const x = typeof a === "boolean" ? Number(a) : a;
    const y = typeof b === "boolean" ? Number(b) : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === "string" && typeof b === "string") return compareStrings(a, b);
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] === b[i]) continue;
      const c = pythonCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  throw new TypeError(
    `'<' not supported between instances of '${pythonTypeName(a)}' and '${pythonTypeName(b)}'`,
  );
}

function isNumeric(v: unknown): v is number | bigint | boolean {
  return typeof v === "number" || typeof v === "bigint" || typeof v === "boolean";
}

/** By code point, as Python compares str (JavaScript's `<` compares UTF-16 units). */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  return a.codePointAt(i)! - b.codePointAt(i)!;
}

/** Python's type name, a JavaScript array being the tuple a priority queue's entry is. */
function pythonTypeName(v: unknown): string {
  return Array.isArray(v) ? "tuple" : typeName(v);
}
