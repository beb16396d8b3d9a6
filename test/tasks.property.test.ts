/**
 * Property-based tests of the loop's registry of pending Tasks (what
 * `allTasks()` lists, src/core/kernel/task-list.ts): random programs that
 * create Tasks (lazily or eagerly, some finishing in their eager step, some
 * cancelled before their first step) and finish, fail or cancel them in any
 * order, checked at every point against the definition CPython's `all_tasks`
 * gives (its WeakSet of scheduled Tasks plus its eager Tasks, those not done),
 * in the creation order asyncio-ts fixes: `allTasks()` is exactly the Tasks
 * made so far that are not done, oldest first.
 */
import * as asyncio from "asyncio-ts";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { runVirtual } from "./helpers.js";

type Kind = "lazy" | "eager" | "eagerDone" | "cancelledBeforeStart";

type Op =
  | { op: "create"; kind: Kind }
  | { op: "finish" | "fail" | "cancel"; pick: number }
  | { op: "yield" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("create" as const),
      kind: fc.constantFrom<Kind>("lazy", "lazy", "eager", "eagerDone", "cancelledBeforeStart"),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom("finish" as const, "fail" as const, "cancel" as const),
      pick: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("yield" as const) }) },
);

/** A Task of the program and the Future that ends it. */
interface Made {
  task: asyncio.Task<unknown>;
  release: asyncio.Future<unknown>;
}

/** Task names, unique here: a Task is iterable, so comparing Tasks deeply would step them. */
function names(tasks: Iterable<asyncio.Task<unknown>>): string[] {
  return [...tasks].map((t) => t.getName());
}

function* waitOn(release: asyncio.Future<unknown>): asyncio.Coroutine<unknown> {
  return yield* release;
}

function* finishAtOnce(): asyncio.Coroutine<string> {
  return "done in its eager step";
}

/** Runs `ops`, checking `allTasks()` against the Tasks not done after each one. */
function* play(ops: Op[]): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const main = asyncio.currentTask()!;
  const made: Made[] = [];
  const check = (): void => {
    const expected = [main, ...made.map((m) => m.task).filter((t) => !t.done())];
    expect(names(asyncio.allTasks())).toEqual(names(expected));
  };
  for (const step of ops) {
    if (step.op === "create") {
      const release = loop.createFuture();
      const eagerStart = step.kind === "eager" || step.kind === "eagerDone";
      const coro = step.kind === "eagerDone" ? finishAtOnce() : waitOn(release);
      const task = asyncio.createTask(coro, { eagerStart });
      if (step.kind === "cancelledBeforeStart") task.cancel();
      if (step.kind === "eagerDone") expect(task.done()).toBe(true);
      made.push({ task, release });
    } else if (step.op === "yield") {
      yield* asyncio.sleep(0);
    } else if (made.length > 0) {
      const { task, release } = made[step.pick % made.length]!;
      if (step.op === "cancel") task.cancel();
      else if (!release.done()) {
        if (step.op === "finish") release.setResult(step.pick);
        else release.setException(new Error(`failed ${step.pick}`));
      }
    }
    check();
  }
  // Everything ends; the registry empties as each does.
  for (const { task, release } of made) {
    if (!release.done()) release.setResult(undefined);
    yield* asyncio.sleep(0);
    check();
    expect(task.done()).toBe(true);
  }
  // Retrieve every failure, so none is reported as never retrieved.
  for (const { task, release } of made) {
    if (!task.cancelled()) task.exception();
    if (!release.cancelled()) release.exception();
  }
  check();
}

describe("allTasks() under random programs", () => {
  test("is exactly the Tasks not done yet, in creation order, after every step", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 120 }), async (ops) => {
        await runVirtual(play(ops));
      }),
      { numRuns: 150 },
    );
  });

  test("with thousands of Tasks finishing in a scrambled order, the registry holds exactly the pending ones", async () => {
    await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const main = asyncio.currentTask()!;
        const n = 5000;
        const made: Made[] = [];
        for (let i = 0; i < n; i++) {
          const release = loop.createFuture();
          made.push({ task: asyncio.createTask(waitOn(release)), release });
        }
        yield* asyncio.sleep(0);
        // A fixed permutation: i * 7919 mod n visits every index once (7919 is prime, n is not a multiple).
        const order = Array.from({ length: n }, (_, i) => (i * 7919) % n);
        for (let k = 0; k < n; k++) {
          made[order[k]!]!.release.setResult(k);
          if (k % 250 === 0 || k > n - 5) {
            yield* asyncio.sleep(0);
            const pending = made.map((m) => m.task).filter((t) => !t.done());
            expect(pending.length).toBe(n - k - 1);
            expect(names(asyncio.allTasks())).toEqual(names([main, ...pending]));
          }
        }
        yield* asyncio.sleep(0);
        expect(names(asyncio.allTasks())).toEqual(names([main]));
      })(),
    );
  });
});
