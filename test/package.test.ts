/**
 * The package manifest: every module that adds methods to EventLoop when it
 * is loaded is declared a side effect, or a bundler tree-shaking the Node
 * entry would drop `loop.createConnection` and the rest.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

test("modules that install loop methods are listed in package.json sideEffects", () => {
  const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    sideEffects: string[];
  };
  const installers = sources(join(root, "src"))
    .filter((path) => /EventLoop\.prototype\.\w+ =/.test(readFileSync(path, "utf8")))
    .map((path) => `./dist/${relative(root, path).replace(/\.ts$/, ".js")}`);
  expect(installers.length).toBeGreaterThan(5);
  for (const module of installers) expect(manifest.sideEffects).toContain(module);
});
