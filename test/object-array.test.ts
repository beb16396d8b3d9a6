/**
 * `objectArray()`: an empty array V8 already keeps as one of objects, so a
 * push site that only ever sees such arrays is compiled for objects and never
 * deoptimizes on the first one (object-array.ts). Checked with V8's own
 * predicates in a child process (`--allow-natives-syntax`), on the build.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect, test } from "vitest";

const moduleUrl = new URL(
  join("..", "dist", "src", "core", "kernel", "object-array.js"),
  import.meta.url,
).href;

test("objectArray() is empty and holds objects from the start, where [] holds small integers until its first object", () => {
  const program = `
    const { objectArray } = await import(${JSON.stringify(moduleUrl)});
    const made = objectArray();
    const literal = [];
    const before = [made.length, %HasObjectElements(made), %HasSmiElements(literal)];
    made.push(new Uint8Array(1));
    console.log(JSON.stringify([...before, made.length, %HasObjectElements(made)]));
  `;
  const run = spawnSync(
    process.execPath,
    ["--allow-natives-syntax", "--input-type=module", "-e", program],
    {
      encoding: "utf8",
    },
  );
  expect(run.stderr).toBe("");
  expect(JSON.parse(run.stdout)).toEqual([0, true, true, 1, true]);
});
