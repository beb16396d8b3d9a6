/**
 * A user's project in a temporary directory: asyncio-ts installed from the
 * tarball `npm pack` makes (so only what the package ships, reached through
 * its `exports`, as a user gets it, never the repository's sources by path)
 * and the browser test's two programs beside it.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");

export interface UserProject {
  readonly dir: string;
  /** The program's entry, `program.ts`, in `dir`. */
  readonly entry: string;
  /** The entry of the program that leaves an instance of each class to inspect, `labels.ts`. */
  readonly labelsEntry: string;
  remove(): void;
}

/**
 * Packs the package as built in dist/ (`npm test` builds first; packing does
 * not build again) and installs the tarball into a new project. The install
 * prefers npm's cache (`npm ci` filled it), so it needs no network for
 * what the lock file already fetched.
 */
export async function makeUserProject(): Promise<UserProject> {
  const dir = mkdtempSync(join(tmpdir(), "asyncio-ts-browser-"));
  try {
    await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", dir], {
      cwd: root,
    });
    const tarball = readdirSync(dir).find((name) => name.endsWith(".tgz"));
    if (tarball === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "browser-test-project", private: true, type: "module" }),
    );
    await run(
      "npm",
      [
        "install",
        "--no-save",
        "--prefer-offline",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        `./${tarball}`,
      ],
      { cwd: dir },
    );
    const [entry, labelsEntry] = ["program.ts", "labels.ts"].map((name) => {
      copyFileSync(join(import.meta.dirname, name), join(dir, name));
      return join(dir, name);
    }) as [string, string];
    return { dir, entry, labelsEntry, remove: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
