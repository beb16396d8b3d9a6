/**
 * asyncio-ts/eslint: the lint rules for what JavaScript does silently where
 * Python's asyncio would complain, the TypeScript counterpart of flake8-async
 * and of typescript-eslint's no-floating-promises. A flat-config plugin:
 *
 *   import asyncio from "asyncio-ts/eslint";
 *   export default [asyncio.configs.recommended];
 *
 * Its rules are type-aware; `configs.recommended` sets typescript-eslint's
 * parser with `projectService: true` for TypeScript files. Nothing in the
 * runtime imports this module: eslint and typescript-eslint are optional peer
 * dependencies of asyncio-ts, needed only by projects that lint with it.
 */
import tseslint from "typescript-eslint";
import { rules } from "./rules/index.js";

/**
 * `asyncio-ts/<rule>` for every rule of the plugin: the keys of a config's `rules`.
 *
 * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * import type { RuleId } from "asyncio-ts/eslint";
 * const off: RuleId = "asyncio-ts/no-dropped-task";
 * export default [{ rules: { [off]: "off" } }];
 * ```
 */
export type RuleId = `asyncio-ts/${keyof typeof rules}`;

/**
 * A flat config object of the plugin (`configs.recommended`, `configs.strict`), typed loosely
 * as typescript-eslint types its own (type aliases, not interfaces), so it fits ESLint's
 * `defineConfig` and typescript-eslint's `config` alike: their config types disagree.
 *
 * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * import asyncio from "asyncio-ts/eslint";
 * const config: import("asyncio-ts/eslint").AsyncioConfig = asyncio.configs.recommended;
 * export default [{ ...config, files: ["src/lib/*.ts"] }];
 * ```
 */
export type AsyncioConfig = {
  /**
   * The config's name in ESLint's output: `asyncio-ts/recommended` or `asyncio-ts/strict`.
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * console.log(asyncio.configs.strict.name); // "asyncio-ts/strict"
   * ```
   */
  name: string;
  /**
   * The files it lints: TypeScript files (`.ts`, `.tsx`, `.mts`, `.cts`).
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * export default [{ ...asyncio.configs.recommended, files: ["src/lib/*.ts"] }];
   * ```
   */
  files: string[];
  /**
   * typescript-eslint's parser with `projectService: true`: the rules need type information.
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * const { parser } = asyncio.configs.recommended.languageOptions;
   * ```
   */
  languageOptions: {
    /** typescript-eslint's parser, which reads TypeScript and gives the rules its types. */
    parser: typeof tseslint.parser;
    /** What the parser is told: find each file's tsconfig itself. */
    parserOptions: {
      /** typescript-eslint's project service: the tsconfig nearest each linted file. */
      projectService: true;
    };
  };
  /**
   * The plugin itself, under the `asyncio-ts` prefix of its rules.
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * const plugin = asyncio.configs.recommended.plugins["asyncio-ts"]; // === asyncio
   * ```
   */
  plugins: {
    /** This plugin, so its rules are named `asyncio-ts/<rule>`. */
    "asyncio-ts": AsyncioPlugin;
  };
  /**
   * The rules it turns on, with their severity.
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * console.log(Object.keys(asyncio.configs.strict.rules));
   * ```
   */
  rules: { [id in RuleId]?: "error" | "warn" };
};

/**
 * The ESLint plugin's type: `plugins: { "asyncio-ts": asyncio }` with rules of your choice, or
 * one of its configs.
 *
 * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * import asyncio from "asyncio-ts/eslint";
 * const plugin: import("asyncio-ts/eslint").AsyncioPlugin = asyncio;
 * export default [plugin.configs.strict];
 * ```
 */
export type AsyncioPlugin = {
  /**
   * The plugin's name, `asyncio-ts/eslint`, as ESLint reports it.
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * console.log(asyncio.meta.name); // "asyncio-ts/eslint"
   * ```
   */
  meta: {
    /** `asyncio-ts/eslint`. */
    name: string;
  };
  /**
   * The ready-made configs: `recommended` and `strict`.
   *
   * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
   * @example
   * ```ts
   * import asyncio from "asyncio-ts/eslint";
   * export default [asyncio.configs.recommended];
   * ```
   */
  configs: {
    /**
     * The rules for definite bugs as errors, require-shield-in-finally as a warning.
     *
     * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
     * @example
     * ```ts
     * import asyncio from "asyncio-ts/eslint";
     * export default [asyncio.configs.recommended];
     * ```
     */
    recommended: AsyncioConfig;
    /**
     * recommended, and as errors no-dropped-task (keep a reference to every
     * Task) and prefer-gather-from (no `gather(...array)`, which overflows the stack past ~120,000).
     *
     * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
     * @example
     * ```ts
     * import asyncio from "asyncio-ts/eslint";
     * export default [asyncio.configs.strict];
     * ```
     */
    strict: AsyncioConfig;
  };
};

const recommendedRules: AsyncioConfig["rules"] = {
  "asyncio-ts/no-floating-coroutine": "error",
  "asyncio-ts/no-await-coroutine": "error",
  "asyncio-ts/no-reused-coroutine": "error",
  "asyncio-ts/no-swallowed-cancellation": "error",
  "asyncio-ts/require-shield-in-finally": "warn",
  "asyncio-ts/no-blocking-call": "error",
  "asyncio-ts/no-dropped-body-return": "error",
  "asyncio-ts/no-python-method-name": "error",
};

const files = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

// The rules are on the object ESLint loads (its declared type leaves them out:
// typescript-eslint's rule types do not fit ESLint's; the named export `rules` has them).
/**
 * The plugin (its default export): its rules and the `recommended` and `strict` configs, for
 * ESLint's flat config. The rules are type-aware: the configs set typescript-eslint's parser.
 *
 * @python no counterpart: Python's asyncio reports these mistakes at run time, in debug mode — https://docs.python.org/3/library/asyncio-dev.html
 * @example
 * ```ts
 * // eslint.config.js
 * import asyncio from "asyncio-ts/eslint";
 * export default [asyncio.configs.recommended];
 * ```
 */
const plugin = { meta: { name: "asyncio-ts/eslint" }, rules } as unknown as AsyncioPlugin;

/** A config that lints TypeScript files with type information and turns on `ruleSet`. */
function config(name: string, ruleSet: AsyncioConfig["rules"]): AsyncioConfig {
  return {
    name: `asyncio-ts/${name}`,
    files,
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true } },
    plugins: { "asyncio-ts": plugin },
    rules: ruleSet,
  };
}

plugin.configs = {
  recommended: config("recommended", recommendedRules),
  strict: config("strict", {
    ...recommendedRules,
    "asyncio-ts/no-dropped-task": "error",
    "asyncio-ts/prefer-gather-from": "error",
  }),
};

export default plugin;
export { rules };
