/**
 * The `_flags` word (src/core/kernel/flags.ts): Future's and Task's bits
 * share one integer, so each must have bits of its own.
 */

import * as asyncio from "asyncio-ts";
import { expect, test } from "vitest";
import {
  CANCELLED,
  CANCELS_MAX,
  CANCELS_SHIFT,
  FINISHED,
  FUTURE_BITS,
  PENDING,
  TASK_BITS,
} from "../src/core/kernel/index.js";
import { virtualLoop } from "./helpers.js";

const all = { ...FUTURE_BITS, ...TASK_BITS };

test("no two bits of the flags word overlap", () => {
  const names = Object.keys(all) as (keyof typeof all)[];
  expect(names.length).toBe(11);
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

test("the cancellation count lives in the word, and a count past what it holds is kept whole", async () => {
  expect(CANCELS_MAX << CANCELS_SHIFT).toBe(TASK_BITS.CANCELS_MASK);
  const loop = virtualLoop();
  try {
    const task = loop.createTask(asyncio.sleep(1));
    const n = CANCELS_MAX + 5;
    for (let i = 0; i < n; i++) task.cancel();
    expect(task.cancelling()).toBe(n);
    for (let i = n - 1; i >= CANCELS_MAX - 2; i--) expect(task.uncancel()).toBe(i);
    expect(task.cancelling()).toBe(CANCELS_MAX - 2);
    // The other bits are untouched: still pending, a cancellation to deliver.
    expect(task.done()).toBe(false);
    expect(task._mustCancel).toBe(true);
    await expect(loop.runUntilComplete(task)).rejects.toBeInstanceOf(asyncio.CancelledError);
  } finally {
    loop.close();
  }
});
