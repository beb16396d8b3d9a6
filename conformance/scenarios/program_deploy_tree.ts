// Program: a deployment orchestrator as a tree of TaskGroups. Each region
// deploys its services in a nested TaskGroup; failures in several branches
// (ValueError, KeyError, a failure inside a cleanup) cancel their siblings
// and arrive as nested ExceptionGroups. A tolerant region handles its own
// ValueErrors with except*; the top level sorts the rest with except*,
// raises a new error from one handler, and the caller inspects the result
// with split() and subgroup().

import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

class DeployError extends Error {}

type Spec = [name: string, delay: number, fail?: Error];
type Plan = [name: string, tolerant: boolean, services: Spec[]][];

function* service(
  region: string,
  name: string,
  delay: number,
  fail?: Error,
): asyncio.Coroutine<string> {
  try {
    yield* asyncio.sleep(delay);
    // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does, sa's cache fails in its clean-up: a RuntimeError replaces the cancellation
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`${now()} ${region}/${name} cancelled`);
    if (name === "cache") {
      yield* asyncio.sleep(0.125);
      if (region === "sa") {
        throw new asyncio.RuntimeError("flush failed");
      }
      console.log(`${now()} ${region}/${name} flushed`);
    }
    throw e;
  }
  if (fail !== undefined) {
    console.log(`${now()} ${region}/${name} fails`);
    throw fail;
  }
  console.log(`${now()} ${region}/${name} up`);
  return name;
}

function* region(name: string, services: Spec[]): asyncio.Coroutine<string[]> {
  const tasks = yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
    return services.map((spec) => tg.createTask(service(name, ...spec)));
  });
  return tasks.map((t) => t.result());
}

function* tolerantRegion(name: string, services: Spec[]): asyncio.Coroutine<string[]> {
  let result = ["degraded"];
  try {
    result = yield* region(name, services);
  } catch (e) {
    asyncio.exceptStar(e, [
      asyncio.ValueError,
      (eg) => {
        console.log(`${now()} ${name} tolerates ${describe(eg)}`);
      },
    ]);
  }
  return result;
}

function* deploy(plan: Plan): asyncio.Coroutine<Map<string, string[]>> {
  const results = new Map<string, asyncio.Task<string[]>>();
  try {
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      for (const [name, tolerant, services] of plan) {
        const run = tolerant ? tolerantRegion : region;
        results.set(name, tg.createTask(run(name, services)));
      }
    });
  } catch (e) {
    asyncio.exceptStar(
      e,
      [
        asyncio.KeyError,
        (eg) => {
          console.log(`${now()} missing config: ${describe(eg)}`);
        },
      ],
      [
        asyncio.ValueError,
        (eg) => {
          console.log(`${now()} bad values: ${describe(eg)}`);
          throw new DeployError("rollback", { cause: eg });
        },
      ],
    );
  } finally {
    for (const [name, t] of results) {
      const state = t.cancelled() ? "cancelled" : show(t.exception() ?? t.result());
      console.log(`  ${name}: ${state}`);
    }
  }
  return new Map([...results].map(([n, t]) => [n, t.result()]));
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const ok = yield* deploy([
    [
      "eu",
      false,
      [
        ["api", 0.5],
        ["db", 0.25],
      ],
    ],
    [
      "us",
      true,
      [
        ["api", 0.375],
        ["cache", 0.75, new asyncio.ValueError("bad ttl")],
      ],
    ],
  ]);
  console.log(`${now()} deployed ${show([...ok].sort(asyncio.pythonCompare))}`);

  startClock();
  try {
    yield* deploy([
      [
        "eu",
        false,
        [
          ["api", 0.5, new asyncio.ValueError("bad port")],
          ["cache", 2.0],
        ],
      ],
      [
        "us",
        false,
        [
          ["api", 0.5, new asyncio.KeyError("region")],
          ["db", 1.0],
        ],
      ],
      [
        "ap",
        true,
        [
          ["api", 0.25, new asyncio.ValueError("bad zone")],
          ["db", 3.0],
        ],
      ],
      [
        "sa",
        false,
        [
          ["cache", 4.0],
          ["db", 0.75],
        ],
      ],
    ]);
  } catch (e) {
    asyncio.exceptStar(
      e,
      [
        DeployError,
        (eg) => {
          console.log(`${now()} deploy error ${describe(eg)}`);
          const cause = (eg.exceptions[0] as DeployError).cause;
          console.log(`  cause ${describe(cause)}`);
        },
      ],
      [
        asyncio.RuntimeError,
        (eg) => {
          console.log(`${now()} runtime ${describe(eg)}`);
        },
      ],
    );
  }

  const group = new asyncio.ExceptionGroup("batch", [
    new asyncio.ValueError("a"),
    new asyncio.ExceptionGroup("inner", [new asyncio.KeyError("b"), new asyncio.ValueError("c")]),
    new asyncio.RuntimeError("d"),
  ]);
  const [match, rest] = group.split(asyncio.ValueError);
  console.log(`split: ${describe(match)} | ${describe(rest)}`);
  console.log(
    `subgroup: ${describe(group.subgroup((e) => e instanceof asyncio.KeyError || e instanceof asyncio.RuntimeError))}`,
  );
  console.log(`none: ${show(group.subgroup(asyncio.OSError))}`);
}

await asyncio.run(main(), { virtualTime: true });
