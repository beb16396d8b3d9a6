/**
 * How asyncio-ts's objects print in a console: as their one-line CPython
 * repr (`toString()`), not as a dump of their fields (a Future's dump
 * reaches its loop, and the loop's dump is dozens of lines).
 *
 * Node's `console.log` and `util.inspect` print what a method under
 * `util.inspect.custom` returns. That key is a registered symbol, so the core
 * reaches it without importing `node:util` and runs unchanged in browsers
 * (whose consoles call no method of the object: there `String(obj)` gives
 * the repr, and tools/devtools.ts a header). Each class with a repr declares,
 * in its body:
 *
 *     [inspectCustom](): string { return this.toString(); }
 *
 * A method in the class body, not a prototype assignment after it: a
 * module-level assignment keeps an unused class in every bundle. (esbuild
 * keeps a class whose body has this computed key when its module is bundled,
 * but drops the module whole when nothing in it is used, as for the
 * package's side-effect-free files.)
 */
export const inspectCustom: unique symbol = Symbol.for("nodejs.util.inspect.custom") as never;
