/**
 * The plugin as users configure it: every rule has its doc page (the URL in
 * its meta), a place in the configs and in the README; `recommended` sets up
 * typed linting on its own.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import plugin, { rules } from "../../src/eslint/index.js";

const root = join(import.meta.dirname, "..", "..");
const names = Object.keys(rules);

describe("asyncio-ts/eslint", () => {
  test("the plugin ESLint loads carries the rules", () => {
    expect(Reflect.get(plugin, "rules")).toBe(rules);
  });

  test("every rule's docs URL is its page in docs/eslint/", () => {
    for (const [name, rule] of Object.entries(rules)) {
      const url = rule.meta.docs?.url;
      expect(url, name).toBeDefined();
      const path = fileURLToPath(url!);
      expect(path).toBe(join(root, "docs", "eslint", `${name}.md`));
      expect(existsSync(path), path).toBe(true);
    }
  });

  test("recommended turns on every rule but no-dropped-task and prefer-gather-from, with typed linting; strict adds them", () => {
    const { recommended, strict } = plugin.configs;
    expect(Object.keys(recommended.rules ?? {}).sort()).toEqual(
      names
        .filter((n) => n !== "no-dropped-task" && n !== "prefer-gather-from")
        .map((n) => `asyncio-ts/${n}`)
        .sort(),
    );
    expect(recommended.rules?.["asyncio-ts/require-shield-in-finally"]).toBe("warn");
    expect(Object.keys(strict.rules ?? {}).sort()).toEqual(
      names.map((n) => `asyncio-ts/${n}`).sort(),
    );
    expect(recommended.languageOptions?.parserOptions).toMatchObject({ projectService: true });
    expect(recommended.plugins?.["asyncio-ts"]).toBe(plugin);
  });

  test("the README lists every rule with a link to its page", () => {
    const readme = readFileSync(join(root, "README.md"), "utf8");
    for (const name of names) expect(readme).toContain(`(docs/eslint/${name}.md)`);
  });
});
