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
import type { TSESLint } from "@typescript-eslint/utils";
import tseslint from "typescript-eslint";
import { rules } from "./rules/index.js";

type Plugin = TSESLint.FlatConfig.Plugin & {
  rules: typeof rules;
  configs: {
    /** The rules for definite bugs as errors, require-shield-in-finally as a warning. */
    recommended: TSESLint.FlatConfig.Config;
    /** recommended, and no-dropped-task (keep a reference to every Task) as an error. */
    strict: TSESLint.FlatConfig.Config;
  };
};

const recommendedRules: TSESLint.FlatConfig.Rules = {
  "asyncio-ts/no-floating-coroutine": "error",
  "asyncio-ts/no-await-coroutine": "error",
  "asyncio-ts/no-swallowed-cancellation": "error",
  "asyncio-ts/require-shield-in-finally": "warn",
  "asyncio-ts/no-blocking-call": "error",
  "asyncio-ts/no-dropped-body-return": "error",
};

const files = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];

const plugin: Plugin = {
  meta: { name: "asyncio-ts/eslint" },
  rules,
  configs: {} as Plugin["configs"],
};

/** A config that lints TypeScript files with type information and turns on `ruleSet`. */
function config(name: string, ruleSet: TSESLint.FlatConfig.Rules): TSESLint.FlatConfig.Config {
  return {
    name: `asyncio-ts/${name}`,
    files,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true },
    },
    plugins: { "asyncio-ts": plugin },
    rules: ruleSet,
  };
}

plugin.configs.recommended = config("recommended", recommendedRules);
plugin.configs.strict = config("strict", {
  ...recommendedRules,
  "asyncio-ts/no-dropped-task": "error",
});

export default plugin;
export { rules };
