/**
 * SkippedCallbacks (the done callbacks a TaskGroup skipped, which its repr
 * counts until the loop passes where they would have run) against a list
 * model: random skips at the position an item pushed now would take, and
 * the loop starting items; `pending` counts the skips whose position the
 * loop has not passed (a skip at position p counts as run once item p has
 * started, that is once `started` > p).
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { SkippedCallbacks } from "../src/core/kernel/index.js";

type Op = { kind: "skip" | "push" | "start" | "pending"; times: number };

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom("skip", "skip", "push", "start", "pending"),
  times: fc.integer({ min: 1, max: 700 }),
});

test("SkippedCallbacks counts the skips the loop has not passed", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const skipped = new SkippedCallbacks();
      const model: number[] = [];
      let started = 0;
      let queued = 0; // items pushed and not started
      for (const { kind, times } of ops) {
        for (let i = 0; i < times; i++) {
          if (kind === "skip") {
            skipped.add(started + queued, started);
            model.push(started + queued);
          } else if (kind === "push") {
            queued++;
          } else if (kind === "start" && queued > 0) {
            queued--;
            started++;
          }
        }
        if (kind === "pending") {
          expect(skipped.pending(started)).toBe(model.filter((p) => p >= started).length);
        }
      }
      expect(skipped.pending(started)).toBe(model.filter((p) => p >= started).length);
    }),
    { numRuns: 300 },
  );
});

test("SkippedCallbacks drops passed skips from the front while later ones wait", () => {
  // Each skip followed by a push: every skip has a position of its own.
  const skipped = new SkippedCallbacks();
  let started = 0;
  let position = 0;
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 2000; i++) skipped.add(position++, started);
    started += 1500; // the loop passes 1,500 of them
    expect(skipped.pending(started)).toBe(500);
    started += 500;
    expect(skipped.pending(started)).toBe(0);
  }
  for (let i = 0; i < 3000; i++) {
    skipped.add(position++, started);
    started++; // each passed as the next is skipped
    expect(skipped.pending(started)).toBe(0);
  }
  for (let i = 0; i < 3000; i++) {
    skipped.add(position++, started);
    if (i % 2 === 1) started++; // half of them passed
  }
  expect(skipped.pending(started)).toBe(1500);
});
