/**
 * What a job throws in a worker, carried to the thread that awaits it.
 *
 * Structured clone alone loses too much of an error: a subclass comes back as
 * a plain `Error` named "Error" (only the built-in names survive), its own
 * properties (`code`, `errno`…) are dropped, an AggregateError loses its
 * `errors`, and a DOMException arrives as `{}`. So the worker sends a record
 * of the error (name, message, stack, cause, errors, and every own property
 * that can be cloned) and the awaiting side rebuilds it: the built-in class
 * of that name where there is one (`instanceof RangeError` still holds), an
 * `Error` carrying the subclass's `name` otherwise. A thrown value that is
 * not an Error (`throw "x"`, `throw null`) crosses as itself.
 */

/** A thrown value in a form structured clone carries whole. */
export type ThrownRecord =
  | { readonly kind: "value"; readonly value: unknown }
  | {
      readonly kind: "error";
      readonly dom: boolean;
      readonly name: string;
      readonly message: string;
      readonly stack: string | undefined;
      readonly props: Readonly<Record<string, unknown>>;
      readonly cause?: ThrownRecord;
      readonly errors?: readonly ThrownRecord[];
    };

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

/** In the worker: `thrown` as a record (errors nested in cause/errors too). */
export function recordThrown(thrown: unknown, depth = 0): ThrownRecord {
  if (!(thrown instanceof Error) || depth > 8) return { kind: "value", value: thrown };
  const aggregate = thrown instanceof AggregateError && Array.isArray(thrown.errors);
  const props: Record<string, unknown> = {};
  for (const key of Object.keys(thrown)) {
    if (key === "cause" || (aggregate && key === "errors")) continue;
    const value = (thrown as unknown as Record<string, unknown>)[key];
    if (cloneable(value)) props[key] = value;
  }
  return {
    kind: "error",
    dom: typeof DOMException === "function" && thrown instanceof DOMException,
    name: String(thrown.name),
    message: String(thrown.message),
    stack: typeof thrown.stack === "string" ? thrown.stack : undefined,
    props,
    ...("cause" in thrown ? { cause: recordThrown(thrown.cause, depth + 1) } : {}),
    ...(aggregate
      ? { errors: (thrown.errors as unknown[]).map((e) => recordThrown(e, depth + 1)) }
      : {}),
  };
}

/** On the awaiting side: the value `record` describes. */
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
    error = new (builtIns[record.name] ?? Error)(record.message, options);
  }
  if (error.name !== record.name) define(error, "name", record.name);
  if (record.stack !== undefined) define(error, "stack", record.stack);
  Object.assign(error, record.props);
  return error;
}

function define(error: Error, key: string, value: unknown): void {
  Object.defineProperty(error, key, { value, writable: true, configurable: true });
}

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
