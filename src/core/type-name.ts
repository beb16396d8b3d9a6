/** Python's `type(value).__name__`, for the messages that name what they were given. */
import { className, isCoroutine } from "./kernel/index.js";

export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "bigint") return "int";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "function") return "function";
  if (isCoroutine(value)) return "coroutine";
  return className(value);
}
