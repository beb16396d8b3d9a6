#!/usr/bin/env node
// `npm start` builds only when a source is newer than the last build, so the
// demo starts at once after `npm install` (whose `prepare` already built).
// tsc's own incremental check reads every file and costs seconds; comparing
// modification times costs milliseconds.
import { execFileSync } from "node:child_process";
import { readdirSync, statSync, utimesSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stamp = join(root, "dist", ".tsbuildinfo");

/** The newest modification time of the TypeScript sources and configs under `path`, in ms. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) return 0;
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(path) ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
const inputs = ["src", "examples", "conformance", "tsconfig.json", "package.json"];
if (inputs.some((input) => newest(join(root, input)) > built)) {
  execFileSync(process.execPath, [join(root, "scripts", "build.mjs")], { stdio: "inherit" });
  // tsc leaves its build info untouched when no output changed (a file saved unchanged).
  const now = new Date();
  utimesSync(stamp, now, now);
}
