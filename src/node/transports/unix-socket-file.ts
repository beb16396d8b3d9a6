/**
 * Who removes a Unix server's socket file. libuv unlinks the path when the
 * listener closes, whatever is there by then; CPython 3.13 removes it only
 * if it is still the server's own socket (and not at all with
 * `cleanupSocket: false`). To get CPython's rule, a file that must stay is
 * renamed aside around the close, and renamed back.
 */
import type { Server as NetServer } from "node:net";
import { fs } from "../lazy-builtins.js";

/** Closes `listener`, bound at `path`, leaving the file there unless it is ours to clean up. */
export function closerFor(path: string, cleanup: boolean): (listener: NetServer) => void {
  const ours = identity(path);
  return (listener) => {
    const now = identity(path);
    const keep = now !== undefined && (!cleanup || now !== ours);
    if (!keep) {
      listener.close();
      return;
    }
    const aside = `${path}.asyncio-ts-${process.pid}-${Date.now()}`;
    try {
      fs().renameSync(path, aside);
    } catch {
      listener.close();
      return;
    }
    try {
      listener.close();
    } finally {
      fs().renameSync(aside, path);
    }
  };
}

function identity(path: string): string | undefined {
  try {
    const st = fs().statSync(path);
    return `${st.dev}:${st.ino}`;
  } catch {
    return undefined;
  }
}
