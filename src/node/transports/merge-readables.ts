/**
 * One stream fed by two: what stdout carries when a child's stderr goes to
 * it (Python's `stderr=STDOUT`). CPython hands the child one pipe for both
 * fds; Node cannot give a child the same pipe twice, so the two pipes are
 * joined here, chunks in the order they arrived, ending when both ended.
 */
import type { Readable } from "node:stream";
import { stream } from "../lazy-builtins.js";

export function mergeReadables(first: Readable, second: Readable): Readable {
  const merged = new (stream().PassThrough)();
  let open = 2;
  for (const source of [first, second]) {
    // pipe() listens at once (so nothing is lost when the child exits) and
    // pauses the source while `merged` is full.
    source.pipe(merged, { end: false });
    source.on("error", (error) => merged.destroy(error));
    source.once("close", () => {
      if (--open === 0) merged.end();
    });
  }
  merged.once("close", () => {
    first.destroy();
    second.destroy();
  });
  return merged;
}
