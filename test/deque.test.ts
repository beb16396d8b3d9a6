/**
 * The queues' circular Deque against an array model: random appends, poplefts
 * and removes that wrap around and grow it, its length and order checked after
 * every step.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { Deque } from "../src/core/queues/deque.js";

type Op = { kind: "push" | "shift" | "remove"; value: number };

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom("push", "push", "shift", "remove"),
  value: fc.integer({ min: 0, max: 40 }),
});

test("Deque behaves as an array used as a FIFO with remove", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const deque = new Deque<number>();
      const model: number[] = [];
      for (const { kind, value } of ops) {
        if (kind === "push") {
          deque.push(value);
          model.push(value);
        } else if (kind === "shift") {
          if (model.length === 0) continue;
          expect(deque.shift()).toBe(model.shift());
        } else {
          const i = model.indexOf(value);
          expect(deque.remove(value)).toBe(i >= 0);
          if (i >= 0) model.splice(i, 1);
        }
        expect(deque.length).toBe(model.length);
        expect([...deque]).toEqual(model);
      }
    }),
    { numRuns: 300 },
  );
});

test("Deque keeps no reference to what it gave back", () => {
  const deque = new Deque<object>();
  const items = Array.from({ length: 20 }, () => ({}));
  for (const item of items) deque.push(item);
  for (let i = 0; i < 10; i++) deque.shift();
  for (const item of items.slice(10)) expect(deque.remove(item)).toBe(true);
  expect(deque.length).toBe(0);
  const slots = (deque as unknown as { items: unknown[] }).items;
  expect(slots.length).toBeGreaterThanOrEqual(20);
  expect(slots.every((slot) => slot === undefined)).toBe(true);
});

test("an emptied Deque gives back the array a burst grew, and still works", () => {
  const deque = new Deque<number>();
  const slots = (): number => (deque as unknown as { items: unknown[] }).items.length;
  for (let i = 0; i < 10_000; i++) deque.push(i);
  expect(slots()).toBeGreaterThanOrEqual(10_000);
  for (let i = 0; i < 10_000; i++) expect(deque.shift()).toBe(i);
  expect(slots()).toBeLessThanOrEqual(64);
  deque.push(1);
  deque.push(2);
  expect([...deque]).toEqual([1, 2]);
});
