/**
 * What a job throws in a worker, carried to the thread that awaits it.
 *
 * Structured clone alone loses too much of an error: a subclass comes back as
 * a plain `Error` named "Error" (only the built-in names survive), its own
 * properties (`code`, `errno`…) are dropped, an AggregateError loses its
 * `errors`, and a DOMException arrives as `{}`. So the worker sends a record
 * of the error (name, message, stack, cause, errors, and every own property
 * that can be cloned) and the awaiting side rebuilds it (rebuild-thrown.ts,
 * kept apart so the worker's script does not load the classes it looks up).
 * A thrown value that is not an Error (`throw "x"`, `throw null`) crosses as
 * itself.
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

function cloneable(value: unknown): boolean {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
}
