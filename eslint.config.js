// The project lints its examples, tests and conformance scenarios with its
// own lint plugin, built (`npm run lint:asyncio`, part of `npm run lint`,
// after `npm run build`). Biome lints and formats everything else.
import asyncio from "./dist/src/eslint/index.js";

export default [
  {
    ignores: [
      "**",
      "!examples/**",
      "!test/**",
      "!conformance/",
      "!conformance/scenarios/",
      "!conformance/scenarios/*.ts",
      "test/eslint/fixtures/",
    ],
  },
  {
    ...asyncio.configs.recommended,
    files: ["examples/**/*.ts", "test/**/*.ts", "conformance/scenarios/*.ts"],
  },
];
