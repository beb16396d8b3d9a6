#!/usr/bin/env node
// Removes what tsc emitted for sources that no longer exist. tsc never
// deletes an output, so a module moved or removed (src/core/futures.ts when
// the kernel moved to src/core/kernel/) would stay in dist/ and be packed by
// `npm pack` with its stale declarations. Run after tsc by `npm run build`
// and scripts/build-if-stale.mjs.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "dist");
// tsc's outputs of one `x.ts`: x.js, x.js.map, x.d.ts, x.d.ts.map.
const EMITTED = /\.(?:js|js\.map|d\.ts|d\.ts\.map)$/;

function prune(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      prune(path);
      if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
    } else if (EMITTED.test(entry.name)) {
      const source = join(root, relative(dist, path)).replace(EMITTED, ".ts");
      if (!existsSync(source)) rmSync(path);
    }
  }
}

for (const tree of ["src", "examples", "conformance"]) {
  if (existsSync(join(dist, tree))) prune(join(dist, tree));
}
