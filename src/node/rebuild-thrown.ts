/**
 * On the thread that awaits a job: the error a worker threw, rebuilt from its
 * record (thrown-value.ts) as the class of that name where there is one, so
 * `instanceof` holds as it would have in the worker: JavaScript's built-in
 * errors (`RangeError`), and asyncio-ts's own Python classes (`ValueError`,
 * `KeyError`, `TimeoutError`…), which a job imports and raises as a Python
 * job raises `ValueError` for `except ValueError:` around
 * `run_in_executor`. Any other class comes back as an `Error` carrying its
 * `name`.
 */
import * as kernel from "../core/kernel/index.js";
import * as queueErrors from "../core/queues/errors.js";
import * as connectionErrors from "./streams/connection-errors.js";
import * as streamErrors from "./streams/errors.js";
import type { ThrownRecord } from "./thrown-value.js";

type ErrorClass = new (message?: string, options?: { cause?: unknown }) => Error;

// The classes structured clone itself would keep, looked up by the error's name.
const builtIns: Readonly<Record<string, ErrorClass>> = {
  Error,
  EvalError,
  RangeError,
  ReferenceError,
  SyntaxError,
  TypeError,
  URIError,
};

// asyncio-ts's Python classes, by the name they print (`pythonName`, which a
// minifier cannot change): every Error class the kernel and the modules of
// errors export (not the core's index: reading all of its exports would keep
// every class in a user's bundle, Barrier and Queue included). Their
// constructors differ (KeyError takes a key, SystemExit a code), so the error
// is made as an Error and given the class's prototype: message, stack and own
// properties (errno…) come from the record.
let pythonClasses: ReadonlyMap<string, { prototype: Error }> | undefined;

function pythonClass(name: string): { prototype: Error } | undefined {
  if (pythonClasses === undefined) {
    const classes = new Map<string, { prototype: Error }>();
    const modules = [kernel, queueErrors, connectionErrors, streamErrors];
    for (const value of modules.flatMap(Object.values)) {
      const named = value as { pythonName?: unknown; prototype?: unknown };
      if (typeof value === "function" && typeof named.pythonName === "string") {
        if (named.prototype instanceof Error)
          classes.set(named.pythonName, value as { prototype: Error });
      }
    }
    pythonClasses = classes;
  }
  return pythonClasses.get(name);
}

/** The value `record` describes. */
export function rebuildThrown(record: ThrownRecord): unknown {
  if (record.kind === "value") return record.value;
  const options = record.cause === undefined ? undefined : { cause: rebuildThrown(record.cause) };
  let error: Error;
  if (record.dom) {
    error = new DOMException(record.message, record.name);
    if (options !== undefined) define(error, "cause", options.cause);
  } else if (record.errors !== undefined) {
    error = new AggregateError(record.errors.map(rebuildThrown), record.message, options);
  } else {
    const python = pythonClass(record.name);
    error = new (builtIns[record.name] ?? Error)(record.message, options);
    if (python !== undefined) Object.setPrototypeOf(error, python.prototype);
  }
  if (error.name !== record.name) define(error, "name", record.name);
  if (record.stack !== undefined) define(error, "stack", record.stack);
  Object.assign(error, record.props);
  return error;
}

function define(error: Error, key: string, value: unknown): void {
  Object.defineProperty(error, key, { value, writable: true, configurable: true });
}
