// Trace formatting shared by the TypeScript scenarios (twin of ../_trace.py).
// Every function prints exactly what its Python twin prints:
//   fmtTime(t)    '%.3f' of a number
//   now()         fmtTime(loop.time() - start), start set by startClock()
//   describe(e)   'ClassName: message', or 'ClassName' when the message is
//                 empty; a group: 'ExceptionGroup: message [sub1, sub2]'
//   show(v)       a small Python-like repr: 'str', 1, True, None, [a, b]
//   report        an exception handler: 'handler: MESSAGE -> describe(exc)'
// and the Python built-in exceptions that JavaScript lacks and asyncio-ts
// does not export (KeyError it exports), named so that describe() prints
// Python's class names.

import * as asyncio from "../../src/index.js";

let start = 0;

export function fmtTime(t: number): string {
  return (t + 0).toFixed(3);
}

export function startClock(): void {
  start = asyncio.getRunningLoop().time();
}

export function now(): string {
  return fmtTime(asyncio.getRunningLoop().time() - start);
}

function className(e: object): string {
  const ctor = (e as { constructor?: { name?: unknown } }).constructor;
  if (typeof ctor?.name === "string" && ctor.name !== "") return ctor.name;
  const name = (e as { name?: unknown }).name;
  return typeof name === "string" ? name : "Object";
}

export function describe(e: unknown): string {
  if (e === null || typeof e !== "object") return `<thrown ${String(e)}>`;
  const name = className(e);
  if (e instanceof asyncio.BaseExceptionGroup) {
    const subs = (e.exceptions as unknown[]).map(describe).join(", ");
    return `${name}: ${e.message} [${subs}]`;
  }
  const message = (e as { message?: unknown }).message;
  const msg = message === undefined ? "" : String(message);
  return msg === "" ? name : `${name}: ${msg}`;
}

export function show(v: unknown): string {
  if (v === undefined || v === null) return "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  if (v instanceof Error) return describe(v);
  return String(v);
}

export function report(_loop: unknown, context: { message?: string; exception?: unknown }): void {
  const exc = context.exception;
  const suffix = exc === undefined || exc === null ? "" : ` -> ${describe(exc)}`;
  console.log(`handler: ${context.message}${suffix}`);
}

/** Python's KeyError (str(KeyError('k')) is "'k'"), as asyncio-ts exports it. */
export { KeyError } from "../../src/index.js";

/** Python's ZeroDivisionError. */
export class ZeroDivisionError extends Error {
  override name = "ZeroDivisionError";
}
