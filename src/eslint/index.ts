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

/** `asyncio-ts/<rule>` for every rule of the plugin. */
export type RuleId = `asyncio-ts/${keyof typeof rules}`;

/**
 * A flat config object, typed loosely as typescript-eslint types its own
 * (type aliases, not interfaces), so it fits ESLint's `defineConfig` and
 * typescript-eslint's `config` alike: their config types disagree.
 */
export type AsyncioConfig = {
  name: string;
  files: string[];
  languageOptions: { parser: typeof tseslint.parser; parserOptions: { projectService: true } };
  plugins: { "asyncio-ts": AsyncioPlugin };
  rules: { [id in RuleId]?: "error" | "warn" };
};

/** The plugin: `plugins: { "asyncio-ts": asyncio }`, or one of its configs. */
export type AsyncioPlugin = {
  meta: { name: string };
  configs: {
    /** The rules for definite bugs as errors, require-shield-in-finally as a warning. */
    recommended: AsyncioConfig;
    /** recommended, and no-dropped-task (keep a reference to every Task) as an error. */
    strict: AsyncioConfig;
  };
};

const recommendedRules: AsyncioConfig["rules"] = {
  "asyncio-ts/no-floating-coroutine": "error",
  "asyncio-ts/no-await-coroutine": "error",
  "asyncio-ts/no-swallowed-cancellation": "error",
  "asyncio-ts/require-shield-in-finally": "warn",
  "asyncio-ts/no-blocking-call": "error",
  "asyncio-ts/no-dropped-body-return": "error",
};

const files = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

// The rules are on the object ESLint loads (its declared type leaves them out:
// typescript-eslint's rule types do not fit ESLint's; the named export `rules` has them).
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
  strict: config("strict", { ...recommendedRules, "asyncio-ts/no-dropped-task": "error" }),
};

export default plugin;
export { rules };
