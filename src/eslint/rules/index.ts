/** Every rule of the plugin, by the name it is configured under (`asyncio-ts/<name>`). */
import { noAwaitCoroutine } from "./no-await-coroutine.js";
import { noBlockingCall } from "./no-blocking-call.js";
import { noDroppedBodyReturn } from "./no-dropped-body-return.js";
import { noDroppedTask } from "./no-dropped-task.js";
import { noFloatingCoroutine } from "./no-floating-coroutine.js";
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
  "no-floating-coroutine": noFloatingCoroutine,
  "no-dropped-task": noDroppedTask,
  "no-await-coroutine": noAwaitCoroutine,
  "no-swallowed-cancellation": noSwallowedCancellation,
  "require-shield-in-finally": requireShieldInFinally,
  "no-blocking-call": noBlockingCall,
  "no-dropped-body-return": noDroppedBodyReturn,
  "prefer-gather-from": preferGatherFrom,
};
