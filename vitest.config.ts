import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // The subpath first: "asyncio-ts" alone would also match "asyncio-ts/testing".
    alias: {
      "asyncio-ts/testing": fileURLToPath(new URL("./src/testing/index.ts", import.meta.url)),
      "asyncio-ts": fileURLToPath(new URL("./src/index.ts", import.meta.url)),
    },
  },
  test: {
    include: ["test/**/*.test.ts"],
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./test/tsconfig.json",
    },
  },
});
