// Runs the test suite under another major version of Node than the one that
// runs this script: CI runs Node 20, the oldest the package supports
// (`engines`), and this is how the newer ones are checked.
//
//   node scripts/test-on-node.mjs 24            build, then every test file
//   node scripts/test-on-node.mjs 22 test/pipes.test.ts
//
// The Node binary comes from the npm registry (the `node-<platform>-<arch>`
// packages Node's own `node` package installs from), unpacked once into
// node_modules/.cache, so it needs nothing beyond what `npm ci` reaches.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [major, ...testFiles] = process.argv.slice(2);
if (!/^\d+$/.test(major ?? "")) {
  console.error("usage: node scripts/test-on-node.mjs MAJOR [test files...]");
  process.exit(2);
}

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", ...options });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const platform = process.platform === "win32" ? "win" : process.platform;
const pkg = `node-${platform}-${process.arch}`;
const cache = join(root, "node_modules", ".cache", "test-on-node", major);
const binDir = join(cache, "package", "bin");
if (!existsSync(join(binDir, "node"))) {
  mkdirSync(cache, { recursive: true });
  run("npm", ["pack", "--silent", `${pkg}@${major}`], { cwd: cache });
  const tarball = readdirSync(cache).find((f) => f.endsWith(".tgz"));
  if (tarball === undefined) throw new Error(`npm pack ${pkg}@${major} left no tarball`);
  run("tar", ["xzf", tarball], { cwd: cache });
}

// Every `node` the tests start (children, workers' hosts, the bench
// harness's programs) is found on PATH, so it is the same version.
const env = { ...process.env, PATH: `${binDir}:${process.env.PATH}` };
run(join(binDir, "node"), ["--version"], { env });
run("npm", ["run", "build", "--silent"], { cwd: root, env });
run("npx", ["vitest", "run", ...testFiles], { cwd: root, env });
