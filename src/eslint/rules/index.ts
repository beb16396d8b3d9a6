/** Every rule of the plugin, by the name it is configured under (`asyncio-ts/<name>`). */
import { noAwaitCoroutine } from "./no-await-coroutine.js";
import { noBlockingCall } from "./no-blocking-call.js";
import { noDroppedBodyReturn } from "./no-dropped-body-return.js";
import { noDroppedTask } from "./no-dropped-task.js";
import { noFloatingCoroutine } from "./no-floating-coroutine.js";
import { noPythonMethodName } from "./no-python-method-name.js";
import { noReusedCoroutine } from "./no-reused-coroutine.js";
import { noSwallowedCancellation } from "./no-swallowed-cancellation.js";
import { preferGatherFrom } from "./prefer-gather-from.js";
import { requireShieldInFinally } from "./require-shield-in-finally.js";

/**
 * Every rule of the plugin by name, for configs that pick rules one by one.
 *
 * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * // eslint.config.js
 * import asyncio, { rules } from "asyncio-ts/eslint";
 * export default [
 *   {
 *     ...asyncio.configs.recommended,
 *     rules: { "asyncio-ts/no-floating-coroutine": "error" },
 *   },
 * ];
 * console.log(Object.keys(rules));
 * ```
 */
export const rules = {
  /** A coroutine or Future created and never awaited: CPython's "coroutine ... was never awaited". */
  "no-floating-coroutine": noFloatingCoroutine,
  /** A Task created and not kept, so nothing can await it or see how it ended (ruff RUF006). */
  "no-dropped-task": noDroppedTask,
  /** `await` on a coroutine, which gives back the generator without running it. */
  "no-await-coroutine": noAwaitCoroutine,
  /** A coroutine object awaited or handed to `createTask`/`run`/`gather` twice: CPython's "cannot reuse already awaited coroutine". */
  "no-reused-coroutine": noReusedCoroutine,
  /** A `catch` in a coroutine that swallows CancelledError (flake8-async ASYNC103/104). */
  "no-swallowed-cancellation": noSwallowedCancellation,
  /** A `yield*` in a cancelled coroutine's clean-up without `shield` (flake8-async ASYNC102). */
  "require-shield-in-finally": requireShieldInFinally,
  /** A call that blocks the loop's thread inside a coroutine (flake8-async ASYNC2xx). */
  "no-blocking-call": noBlockingCall,
  /** A `return` in an asyncWith/asyncFor body that cannot leave the function as Python's does. */
  "no-dropped-body-return": noDroppedBodyReturn,
  /** A method with Python's name (`data_received`) where asyncio-ts calls `dataReceived`: never called. */
  "no-python-method-name": noPythonMethodName,
  /** `gather(...aws)` over an array of any length, which overflows the engine's stack past about 120,000: use `gather.from(aws)`. */
  "prefer-gather-from": preferGatherFrom,
};
