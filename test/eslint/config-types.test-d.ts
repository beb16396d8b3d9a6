/**
 * A user's eslint.config.ts type-checks with the plugin's configs, whether it
 * uses ESLint's `defineConfig` or typescript-eslint's `config` (whose config
 * types disagree with each other).
 */
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { expectTypeOf, test } from "vitest";
import asyncio from "../../src/eslint/index.js";

test("the configs fit defineConfig and tseslint.config", () => {
  const withEslint = defineConfig([asyncio.configs.recommended]);
  const withExtends = defineConfig({
    extends: [asyncio.configs.strict],
    rules: { "asyncio-ts/no-blocking-call": ["error", { allow: ["fs.existsSync"] }] },
  });
  const withTsEslint = tseslint.config(asyncio.configs.recommended, asyncio.configs.strict);
  const plain = [{ plugins: { "asyncio-ts": asyncio } }, ...tseslint.configs.recommended];
  expectTypeOf(withEslint).toBeArray();
  expectTypeOf(withExtends).toBeArray();
  expectTypeOf(withTsEslint).toBeArray();
  expectTypeOf(defineConfig(plain)).toBeArray();
});
