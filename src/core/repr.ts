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
  if (typeof value === "function") return value.name || "<anonymous>";
  if (value instanceof Error)
    return `${value.name}(${value.message ? reprValue(value.message) : ""})`;
  if (Array.isArray(value)) return `[${value.map(reprValue).join(", ")}]`;
  if (typeof value === "object") {
    const s = String(value);
    return s === "[object Object]" ? "{...}" : s;
  }
  return String(value);
}
