/**
 * The modules a worker serves (`--module`), loaded once at start, and the
 * lookup of a job's function among their exports. A job names its module
 * exactly as the worker was given it; anything else is refused, so what a
 * worker runs is decided by who starts it, not by what is in Redis.
 */
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";

type Exports = Readonly<Record<string, unknown>>;

export class ServedModules {
  private constructor(private readonly modules: ReadonlyMap<string, Exports>) {}

  /** Imports each module (a path, relative to `cwd`, or a URL or package name). */
  static async load(specs: readonly string[], cwd: string): Promise<ServedModules> {
    const modules = new Map<string, Exports>();
    for (const spec of specs) {
      modules.set(spec, (await import(importable(spec, cwd))) as Exports);
    }
    return new ServedModules(modules);
  }

  get names(): string[] {
    return [...this.modules.keys()];
  }

  /** The function a job names; a TypeError if the worker has no such export. */
  lookup(module: string, exportName: string): (...args: unknown[]) => unknown {
    const exports = this.modules.get(module);
    if (exports === undefined) {
      const served = this.names.map((name) => `'${name}'`).join(", ");
      throw new TypeError(
        `this worker does not serve the module '${module}' (it serves ${served})`,
      );
    }
    const fn = exports[exportName];
    if (typeof fn !== "function") {
      throw new TypeError(`${module} has no function export '${exportName}'`);
    }
    return fn as (...args: unknown[]) => unknown;
  }
}

function importable(spec: string, cwd: string): string {
  if (spec.startsWith(".") || isAbsolute(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  return spec;
}
