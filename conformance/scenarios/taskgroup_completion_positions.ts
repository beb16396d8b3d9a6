// Pins: where a TaskGroup's parent wakes from its exit, and what the group
// counts (its repr) at every callback around its children's completions,
// when children succeed, fail, are cancelled and are added in the same loop
// iterations as other callbacks. Each line is printed by a callback or a
// Task step, so a parent woken one callback early or late, or a child
// forgotten before its done callback would have run, moves or changes a line.
import * as asyncio from "../../src/index.js";
import { describe } from "./_trace.js";

type Mark = (what: string) => void;

/** Prints what happens with the group's repr. */
function marker(tg: asyncio.TaskGroup): Mark {
  return (what) => console.log(`  ${what}: ${tg}`);
}

/** A done callback that marks, and queues a marker after itself. */
function doneMarker(mark: Mark): (t: asyncio.Task<void>) => void {
  return (t) => {
    mark(`${t.getName()} done callback`);
    asyncio.getRunningLoop().callSoon(mark, `after ${t.getName()} done callback`);
  };
}

function* child(
  mark: Mark,
  name: string,
  turns: number,
  fail = false,
  then: (() => unknown) | null = null,
): asyncio.Coroutine<void> {
  try {
    for (let i = 0; i < turns; i++) yield* asyncio.sleep(0);
  } catch (e) {
    if (e instanceof asyncio.CancelledError) mark(`${name} cancelled`);
    throw e;
  }
  mark(`${name} returns`);
  if (then !== null) then();
  if (fail) throw new asyncio.ValueError(name);
}

function* succeedTogether(): asyncio.Coroutine<void> {
  // a and b finish in one iteration, c and d in the next; markers sit between.
  const loop = asyncio.getRunningLoop();
  const tg = new asyncio.TaskGroup();
  const mark = marker(tg);

  const returned = (name: string) => () => loop.callSoon(mark, `after ${name} returned`);

  yield* asyncio.asyncWith(tg, function* () {
    for (const [name, turns] of [
      ["a", 1],
      ["b", 1],
      ["c", 2],
      ["d", 2],
    ] as const) {
      const t = tg.createTask(child(mark, name, turns, false, returned(name)), { name });
      t.addDoneCallback((t) => mark(`${t.getName()} done callback`));
    }
    loop.callSoon(mark, "body left");
  });
  mark("parent resumed");
}

function* failures(children: [string, number, boolean][]): asyncio.Coroutine<void> {
  // Children (name, turns, fails) in one group; the parent reports the group's errors.
  const tg = new asyncio.TaskGroup();
  const mark = marker(tg);
  try {
    yield* asyncio.asyncWith(tg, function* () {
      for (const [name, turns, fail] of children) {
        const t = tg.createTask(child(mark, name, turns, fail), { name });
        t.addDoneCallback(doneMarker(mark));
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    mark(`parent resumed with ${describe(e)}`);
  }
}

function* failureBetween(): asyncio.Coroutine<void> {
  // f fails between two children that succeed in the same iteration; the
  // last to finish succeeds after f's callback is queued.
  yield* failures([
    ["a", 1, false],
    ["f", 1, true],
    ["b", 1, false],
    ["c", 3, false],
  ]);
}

function* failureLast(): asyncio.Coroutine<void> {
  // The last child to finish fails after siblings that succeeded in its iteration.
  yield* failures([
    ["a", 1, false],
    ["b", 1, false],
    ["f", 1, true],
  ]);
}

function* failuresWhileAborting(): asyncio.Coroutine<void> {
  // After a first failure aborts the group, x fails and y returns in one
  // iteration (both caught the cancellation): y is the last, and the parent
  // wakes at y's callback, after what x's callbacks queued.
  const tg = new asyncio.TaskGroup();
  const mark = marker(tg);

  function* outliving(name: string, fail: boolean): asyncio.Coroutine<void> {
    try {
      yield* asyncio.sleep(1);
      // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- as its Python twin does: the child outlives the group's abort by one turn
    } catch (e) {
      if (!(e instanceof asyncio.CancelledError)) throw e;
      mark(`${name} cancelled`);
    }
    yield* child(mark, name, 1, fail);
  }

  try {
    yield* asyncio.asyncWith(tg, function* () {
      tg.createTask(child(mark, "first", 1, true), { name: "first" }).addDoneCallback(
        doneMarker(mark),
      );
      for (const [name, fail] of [
        ["x", true],
        ["y", false],
      ] as const) {
        tg.createTask(outliving(name, fail), { name }).addDoneCallback(doneMarker(mark));
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.ExceptionGroup)) throw e;
    mark(`parent resumed with ${describe(e)}`);
  }
}

function* cancelledFromOutside(): asyncio.Coroutine<void> {
  // The parent is cancelled while its children finish; the cancelled ones are forgotten too.
  const tg = new asyncio.TaskGroup();
  const mark = marker(tg);
  const parent = asyncio.currentTask()!;

  const done = (t: asyncio.Task<void>) => {
    const state = t.cancelled() ? "cancelled" : "done";
    mark(`${t.getName()} ${state} callback`);
  };

  try {
    yield* asyncio.asyncWith(tg, function* () {
      for (const [name, turns] of [
        ["a", 1],
        ["b", 1],
        ["c", 3],
        ["d", 3],
      ] as const) {
        const then = name === "b" ? () => parent.cancel() : null;
        tg.createTask(child(mark, name, turns, false, then), { name }).addDoneCallback(done);
      }
    });
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    mark(`parent resumed cancelled, cancelling() = ${parent.cancelling()}`);
    parent.uncancel();
  }
}

function* addedAfterChildrenFinish(): asyncio.Coroutine<void> {
  // createTask from a done callback of a child that is not the last (it
  // joins the group) and of the last one (the group is finished), and from
  // a child's step after siblings finished; a child made in another
  // context (from a child) finishes in the same iteration as the others.
  const loop = asyncio.getRunningLoop();
  const tg = new asyncio.TaskGroup();
  const mark = marker(tg);

  function* spawner(): asyncio.Coroutine<void> {
    yield* asyncio.sleep(0);
    mark("spawner adds s1");
    tg.createTask(child(mark, "s1", 1), { name: "s1" }).addDoneCallback(done);
  }

  const add = (what: string, name: string, turns: number) => {
    try {
      tg.createTask(child(mark, name, turns), { name }).addDoneCallback(done);
      mark(`${what} added ${name}`);
    } catch (e) {
      if (!(e instanceof asyncio.RuntimeError)) throw e;
      mark(`${what} could not add ${name}: ${e.message.replace(String(tg), "<tg>")}`);
    }
  };

  function done(t: asyncio.Task<void>): void {
    mark(`${t.getName()} done callback`);
    if (t.getName() === "a") add("a's done callback", "late", 2);
    if (t.getName() === "late") loop.callSoon(add, "after late's done callback", "too-late", 1);
  }

  yield* asyncio.asyncWith(tg, function* () {
    tg.createTask(child(mark, "a", 1), { name: "a" }).addDoneCallback(done);
    tg.createTask(spawner(), { name: "spawner" }).addDoneCallback(done);
    tg.createTask(child(mark, "b", 3), { name: "b" }).addDoneCallback(done);
  });
  mark("parent resumed");
}

function* main(): asyncio.Coroutine<void> {
  // asyncio-ts runs the second pass under a tracer (CPython has none): a
  // trace shows every callback, so none is skipped then, and nothing moves.
  for (const traced of [false, true]) {
    console.log(`traced: ${traced ? "True" : "False"}`);
    const tracer = traced ? asyncio.startTracing() : null;
    for (const [name, scenario] of [
      ["succeed_together", succeedTogether],
      ["failure_between", failureBetween],
      ["failure_last", failureLast],
      ["failures_while_aborting", failuresWhileAborting],
      ["cancelled_from_outside", cancelledFromOutside],
      ["added_after_children_finish", addedAfterChildrenFinish],
    ] as const) {
      console.log(name);
      yield* scenario();
      // The markers still queued print before the next scenario.
      for (let i = 0; i < 3; i++) yield* asyncio.sleep(0);
    }
    tracer?.stop();
  }
}

await asyncio.run(main(), { virtualTime: true });
