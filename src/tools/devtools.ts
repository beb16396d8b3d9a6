/**
 * Reprs in browsers' consoles. Chrome's and Firefox's consoles show an
 * object as a tree of its fields and call no method of it, so `console.log`
 * of a Future shows `Future {_flags: 0, ...}` where Node shows
 * `<Future pending>`. The one hook they offer is a DevTools custom formatter
 * (`globalThis.devtoolsFormatters`), used only where the developer enabled
 * "Custom formatters" in the DevTools settings: then the header is the repr,
 * and expanding it shows the fields.
 */
import { inspectCustom } from "../core/kernel/index.js";

/** JsonML, the markup a custom formatter returns: `["span", {}, "text"]`. */
type JsonML = [string, Record<string, unknown>, ...(JsonML | string)[]];

/** The config the body hands back for the fields, so that they print as the plain tree. */
interface FormatterConfig {
  readonly asyncioFields?: boolean;
}

interface DevtoolsFormatter {
  header(value: unknown, config?: FormatterConfig): JsonML | null;
  hasBody(value: unknown, config?: FormatterConfig): boolean;
  body(value: unknown, config?: FormatterConfig): JsonML | null;
}

const fields: FormatterConfig = { asyncioFields: true };

/** Objects whose class prints a repr in Node (see core/kernel/inspect.ts), unless they are the fields' tree. */
function hasRepr(value: unknown, config: FormatterConfig | undefined): value is object {
  if (config?.asyncioFields === true) return false;
  if (typeof value !== "object" || value === null) return false;
  const custom = (value as { [inspectCustom]?: unknown })[inspectCustom];
  return typeof custom === "function" && value.toString !== Object.prototype.toString;
}

const formatter: DevtoolsFormatter = {
  header: (value, config) => (hasRepr(value, config) ? ["span", {}, String(value)] : null),
  hasBody: (value, config) => hasRepr(value, config),
  body: (value) => ["div", {}, ["object", { object: value, config: fields }]],
};

/**
 * Makes the consoles of Chrome, Edge and Firefox show asyncio-ts's objects by their repr
 * (`<Task pending name='worker' ...>`) once "Custom formatters" is enabled in the DevTools
 * settings. Call it once, early; calling it again does nothing. Node needs none of this: it
 * prints the repr already.
 *
 * @python no counterpart: Python's REPL prints reprs by itself — https://docs.python.org/3/library/functions.html#repr
 * @example
 * ```ts
 * asyncio.installDevtoolsFormatter();
 * // later, in a coroutine: the console shows <Task pending name='worker' ...>
 * // console.log(asyncio.createTask(work(), { name: "worker" }));
 * ```
 */
export function installDevtoolsFormatter(host: object = globalThis): void {
  const target = host as { devtoolsFormatters?: unknown[] };
  target.devtoolsFormatters ??= [];
  if (!target.devtoolsFormatters.includes(formatter)) target.devtoolsFormatters.push(formatter);
}
