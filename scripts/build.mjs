#!/usr/bin/env node
// The package's build, in order: tsc, then the outputs made from tsc's:
//   prune-dist.mjs     removes what tsc left from sources that are gone
//   build-bundles.mjs  what the `node` export condition loads (dist/bundle/)
//   build-browser.mjs  what the `browser` condition loads (dist/browser/)
// `npm run build` runs it (and then the playground); build-if-stale.mjs runs
// it when a source changed, so the two cannot list different steps.
//
// Usage: node scripts/build.mjs
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const steps = [
  [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", join(root, "tsconfig.json")],
  [join(root, "scripts", "prune-dist.mjs")],
  [join(root, "scripts", "build-bundles.mjs")],
  [join(root, "scripts", "build-browser.mjs")],
];
try {
  for (const step of steps) execFileSync(process.execPath, step, { stdio: "inherit" });
} catch (error) {
  // The step has printed why (tsc its diagnostics); its exit status is ours.
  process.exit(typeof error.status === "number" ? error.status : 1);
}
