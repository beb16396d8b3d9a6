/**
 * FutureList (a TaskGroup's children) against a Set model: random adds and
 * removals, oldest first or anywhere, of Futures done or still pending; its
 * size, and that `entries()` lists every registered Future in the order they
 * were added, with no hole and no pending Future that was removed.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { type Future, FutureList } from "../src/core/kernel/index.js";

/** Just what FutureList reads of a Future. */
class Fake {
  finished = false;
  done(): boolean {
    return this.finished;
  }
}

type Op = { kind: "add" | "removeOldest" | "removeAny" | "entries"; pick: number; finish: boolean };

const op: fc.Arbitrary<Op> = fc.record({
  kind: fc.constantFrom("add", "add", "removeOldest", "removeOldest", "removeAny", "entries"),
  pick: fc.nat(),
  finish: fc.boolean(),
});

test("FutureList keeps the registered Futures in the order they were added", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
      const list = new FutureList<Future<unknown>>();
      const added: Fake[] = [];
      const registered = new Set<Fake>();
      for (const { kind, pick, finish } of ops) {
        if (kind === "add" || registered.size === 0) {
          const f = new Fake();
          added.push(f);
          registered.add(f);
          list.add(f as unknown as Future<unknown>);
        } else if (kind === "entries") {
          const entries = list.entries() as unknown as (Fake | undefined)[];
          expect(entries.filter((f) => f !== undefined && registered.has(f))).toEqual(
            added.filter((f) => registered.has(f)),
          );
          expect(entries.every((f) => f !== undefined && (registered.has(f) || f.finished))).toBe(
            true,
          );
        } else {
          const live = added.filter((f) => registered.has(f));
          const f = kind === "removeOldest" ? live[0]! : live[pick % live.length]!;
          // Mostly done, as a TaskGroup's child is when it leaves; sometimes pending (closed while waiting).
          f.finished = finish || pick % 5 !== 0;
          registered.delete(f);
          list.remove(f as unknown as Future<unknown>);
        }
        expect(list.size).toBe(registered.size);
      }
    }),
    { numRuns: 300 },
  );
});

test("removing the oldest entries one by one never compacts, and the removed prefix is let go", () => {
  const list = new FutureList<Future<unknown>>();
  const futures = Array.from({ length: 1000 }, () => new Fake());
  for (const f of futures) list.add(f as unknown as Future<unknown>);
  let reads = 0;
  for (const f of futures) {
    const done = f.done.bind(f);
    f.done = () => {
      reads++;
      return done();
    };
  }
  for (const f of futures.slice(0, 999)) {
    f.finished = true;
    list.remove(f as unknown as Future<unknown>);
  }
  // One read per removal (the removed Future's own state), none of the others'.
  expect(reads).toBe(999);
  expect(list.entries()).toEqual([futures[999]]);
});
