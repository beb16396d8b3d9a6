/**
 * Values written as a TypeScript program writes them, for the labels of a
 * trace: `sendMessage("John Doe")`, `"Completed message to John Doe"`.
 * Traces label calls and results in the program's own language (double
 * quotes, as the seed programs and the tutorial write them), where reprs
 * follow Python's (`result='a'`). Long or deep values are cut: a trace keeps
 * words, not the values themselves.
 */
import { errorClassName } from "../core/kernel/index.js";

const MAX_CHARS = 80;
const MAX_ITEMS = 4;
const MAX_DEPTH = 2;

/** `value` as a literal, at most about 80 characters. */
export function literal(value: unknown): string {
  return cut(write(value, 0));
}

/** A call as written: `sendMessage("John Doe", 2)`. */
export function callLiteral(name: string, args: readonly unknown[]): string {
  return `${name}(${args.map((a) => cut(write(a, 1))).join(", ")})`;
}

function write(value: unknown, depth: number): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value.length > MAX_CHARS ? `${value.slice(0, MAX_CHARS)}…` : value);
    case "bigint":
      return `${value}n`;
    case "function":
      return value.name || "<anonymous>";
    case "symbol":
      return value.toString();
    case "object":
      if (value === null) return "null";
      if (value instanceof Error) {
        return `${errorClassName(value)}(${value.message ? JSON.stringify(value.message) : ""})`;
      }
      if (depth >= MAX_DEPTH) return Array.isArray(value) ? "[…]" : "{…}";
      if (Array.isArray(value)) return `[${items(value, depth)}]`;
      if (
        Object.getPrototypeOf(value) === Object.prototype ||
        Object.getPrototypeOf(value) === null
      ) {
        const entries = Object.entries(value);
        const shown = entries
          .slice(0, MAX_ITEMS)
          .map(([k, v]) => `${key(k)}: ${write(v, depth + 1)}`);
        if (entries.length > MAX_ITEMS) shown.push("…");
        return shown.length === 0 ? "{}" : `{ ${shown.join(", ")} }`;
      }
      // Futures, Tasks and the like print their repr; other objects their class.
      return String(value) === "[object Object]"
        ? `${value.constructor?.name ?? "Object"} {…}`
        : String(value);
    default:
      return Object.is(value, -0) ? "-0" : String(value);
  }
}

function items(values: readonly unknown[], depth: number): string {
  const shown = values.slice(0, MAX_ITEMS).map((v) => write(v, depth + 1));
  if (values.length > MAX_ITEMS) shown.push("…");
  return shown.join(", ");
}

function key(k: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k);
}

function cut(text: string): string {
  const chars = Array.from(text);
  return chars.length > MAX_CHARS + 4 ? `${chars.slice(0, MAX_CHARS).join("")}…` : text;
}
