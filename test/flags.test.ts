/**
 * The `_flags` word (src/core/kernel/flags.ts): Future's and Task's bits
 * share one integer, so each must have bits of its own.
 */
import { expect, test } from "vitest";
import { CANCELLED, FINISHED, FUTURE_BITS, PENDING, TASK_BITS } from "../src/core/kernel/index.js";

const all = { ...FUTURE_BITS, ...TASK_BITS };

test("no two bits of the flags word overlap", () => {
  const names = Object.keys(all) as (keyof typeof all)[];
  expect(names.length).toBe(9);
  for (const a of names) {
    expect(all[a], a).toBeGreaterThan(0);
    for (const b of names) if (a !== b) expect(all[a] & all[b], `${a} & ${b}`).toBe(0);
  }
});

test("the bits stay a small integer (below 2^30), so the word is never a heap number", () => {
  const word = Object.values(all).reduce((acc, bit) => acc | bit, 0);
  expect(word).toBeLessThan(2 ** 30);
});

test("the three states fit the state mask, and PENDING is zero (a new Future stores nothing more)", () => {
  expect(PENDING).toBe(0);
  for (const state of [CANCELLED, FINISHED]) {
    expect(state & FUTURE_BITS.STATE_MASK).toBe(state);
  }
  expect(new Set([PENDING, CANCELLED, FINISHED]).size).toBe(3);
});
