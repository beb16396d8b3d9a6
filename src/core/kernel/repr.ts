/** Short descriptions of values for error messages and reprs (Python's `repr` where it helps). */

export function describeCallback(callback: unknown, args: readonly unknown[]): string {
  const name = typeof callback === "function" ? callback.name || "<anonymous>" : String(callback);
  return `${name}(${args.map(reprValue).join(", ")})`;
}

export function reprValue(value: unknown): string {
  if (typeof value === "string") return `'${value}'`;
  if (value === undefined) return "None";
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "True" : "False";
  // Python's `<function f at 0x…>` without the address: a bare name reads as a string's contents.
  if (typeof value === "function") return `<function ${value.name || "<anonymous>"}>`;
  if (value instanceof Error) {
    // An error may say how its arguments print (a KeyError: its message is its key's repr already).
    const own = (value as { _reprArgs?: unknown })._reprArgs;
    const args = typeof own === "string" ? own : value.message ? reprValue(value.message) : "";
    return `${value.name}(${args})`;
  }
  if (Array.isArray(value)) return `[${value.map(reprValue).join(", ")}]`;
  if (typeof value === "object") {
    const s = String(value);
    if (s === "[object Object]") return "{...}";
    // Python's default `<X object at 0x…>` for what has no repr of its own (a Promise, a generator).
    const plain = /^\[object (\w+)\]$/.exec(s);
    return plain === null ? s : `<${plain[1]} object>`;
  }
  return String(value);
}

/**
 * Python's `repr(float)` of a number: JavaScript does not tell `2` from
 * `2.0`, so use this where Python always has a float (loop times, deadlines).
 */
export function reprFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  // Both print the shortest round-tripping digits; they differ on when to use an exponent.
  const [digits, exp] = x.toExponential().split("e") as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 16) return `${digits}e${exp[0]}${exp.slice(1).padStart(2, "0")}`;
  return Object.is(x, -0) ? "-0.0" : Number.isInteger(x) ? `${x}.0` : `${x}`;
}
