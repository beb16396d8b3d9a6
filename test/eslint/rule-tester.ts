/**
 * typescript-eslint's RuleTester on vitest, type-aware: each case's code is
 * linted as test/eslint/fixtures/file.ts, whose tsconfig maps `asyncio-ts`
 * to this repository's built declarations (dist/, which `npm test` builds
 * first): type-checking declarations is much quicker than the sources.
 */
import { join } from "node:path";
import { RuleTester } from "@typescript-eslint/rule-tester";
import { afterAll, describe, it } from "vitest";

RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
// The first case of a file builds the type-checked program (all of src/): seconds, on a busy machine more.
const TIMEOUT = 60_000;
RuleTester.it = (name, fn) => it(name, fn, TIMEOUT);
// biome-ignore lint/suspicious/noFocusedTests: RuleTester's `only: true` cases, not a focused test here
RuleTester.itOnly = (name, fn) => it.only(name, fn, TIMEOUT);

export const ruleTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: [] },
      tsconfigRootDir: join(import.meta.dirname, "fixtures"),
    },
  },
});

/** Cases start with this import, as a user's file would. */
export const header = `import * as asyncio from "asyncio-ts";\n`;
