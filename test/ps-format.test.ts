/**
 * The layout of `asyncio-ts ps` and `pstree` (src/cli/ps-format.ts), rule
 * for rule Python 3.14's `asyncio.tools`: the table's fixed columns, a row
 * per awaiter, `0x0` for none; the tree's roots in Task order, each Task
 * under its awaiter's frames (outermost first), shared frames merged, a
 * leaf Task's own frames below it; cycles reported instead of a tree.
 */
import { expect, test } from "vitest";
import {
  buildAsyncTree,
  buildTaskTable,
  CycleFoundError,
  formatCycles,
  formatTaskTable,
} from "../src/cli/ps-format.js";
import type { RemoteLoop, StackEntry } from "../src/cli/remote-tasks.js";

const aexit: StackEntry = { name: "TaskGroup.aexit", file: "/lib/taskgroups.js", line: 60 };
const asyncWith: StackEntry = { name: "asyncWith", file: "/lib/async-with.js", line: 20 };
const at = (name: string, line: number): StackEntry => ({ name, file: "/app/server.js", line });

const server: RemoteLoop = {
  tasks: [
    { id: 1, name: "Task-1", stack: [aexit, asyncWith, at("main", 12)], awaitedBy: [] },
    { id: 2, name: "pool", stack: [aexit, asyncWith, at("workers", 7)], awaitedBy: [1] },
    { id: 3, name: "w-1", stack: [{ name: "Queue.get()" }, at("worker", 4)], awaitedBy: [2] },
    { id: 4, name: "w-2", stack: [{ name: "Queue.get()" }, at("worker", 4)], awaitedBy: [2] },
    { id: 0x1f, name: "lone", stack: [{ name: "sleep(1)" }], awaitedBy: [] },
  ],
};

test("ps: one row per Task and awaiter, stacks innermost first, names only", () => {
  expect(buildTaskTable([server], 4242)).toEqual([
    ["4242", "0x1", "Task-1", "TaskGroup.aexit -> asyncWith -> main", "", "", "0x0"],
    [
      "4242",
      "0x2",
      "pool",
      "TaskGroup.aexit -> asyncWith -> workers",
      "TaskGroup.aexit -> asyncWith -> main",
      "Task-1",
      "0x1",
    ],
    [
      "4242",
      "0x3",
      "w-1",
      "Queue.get() -> worker",
      "TaskGroup.aexit -> asyncWith -> workers",
      "pool",
      "0x2",
    ],
    [
      "4242",
      "0x4",
      "w-2",
      "Queue.get() -> worker",
      "TaskGroup.aexit -> asyncWith -> workers",
      "pool",
      "0x2",
    ],
    ["4242", "0x1f", "lone", "sleep(1)", "", "", "0x0"],
  ]);
});

test("ps: Python's columns, padded to 10, 20, 20, 50, 50, 15 and 15, under a rule of 180", () => {
  const lines = formatTaskTable(buildTaskTable([server], 4242)).split("\n");
  expect(lines[0]).toBe(
    `${"tid".padEnd(10)} ${"task id".padEnd(20)} ${"task name".padEnd(20)} ` +
      `${"coroutine stack".padEnd(50)} ${"awaiter chain".padEnd(50)} ` +
      `${"awaiter name".padEnd(15)} ${"awaiter id".padEnd(15)}`,
  );
  expect(lines[1]).toBe("-".repeat(180));
  expect(lines[3]).toBe(
    `${"4242".padEnd(10)} ${"0x2".padEnd(20)} ${"pool".padEnd(20)} ` +
      `${"TaskGroup.aexit -> asyncWith -> workers".padEnd(50)} ` +
      `${"TaskGroup.aexit -> asyncWith -> main".padEnd(50)} ${"Task-1".padEnd(15)} ${"0x1".padEnd(15)}`,
  );
  expect(lines).toHaveLength(2 + 5);
});

test("pstree: Tasks under their awaiters' frames, leaf Tasks above their own", () => {
  expect(buildAsyncTree([server]).map((tree) => tree.join("\n"))).toEqual([
    [
      "└── (T) Task-1",
      "    └──  main /app/server.js:12",
      "        └──  asyncWith /lib/async-with.js:20",
      "            └──  TaskGroup.aexit /lib/taskgroups.js:60",
      "                └── (T) pool",
      "                    └──  workers /app/server.js:7",
      "                        └──  asyncWith /lib/async-with.js:20",
      "                            └──  TaskGroup.aexit /lib/taskgroups.js:60",
      "                                ├── (T) w-1",
      "                                │   └──  worker /app/server.js:4",
      "                                │       └──  Queue.get()",
      "                                └── (T) w-2",
      "                                    └──  worker /app/server.js:4",
      "                                        └──  Queue.get()",
    ].join("\n"),
    ["└── (T) lone", "    └──  sleep(1)"].join("\n"),
  ]);
});

test("pstree: a Task awaited by two Tasks shows under each, with its frames", () => {
  const shared: RemoteLoop = {
    tasks: [
      { id: 1, name: "a", stack: [at("a", 1)], awaitedBy: [] },
      { id: 2, name: "b", stack: [at("b", 2)], awaitedBy: [] },
      { id: 3, name: "s", stack: [at("s", 3)], awaitedBy: [1, 2] },
    ],
  };
  expect(buildAsyncTree([shared])).toEqual([
    [
      "└── (T) a",
      "    └──  a /app/server.js:1",
      "        └── (T) s",
      "            └──  s /app/server.js:3",
    ],
    [
      "└── (T) b",
      "    └──  b /app/server.js:2",
      "        └── (T) s",
      "            └──  s /app/server.js:3",
    ],
  ]);
  expect(buildTaskTable([shared], 1).map((row) => [row[2], row[5]])).toEqual([
    ["a", ""],
    ["b", ""],
    ["s", "a"],
    ["s", "b"],
  ]);
});

test("pstree: a cycle is reported as Python reports it, and ps still lists every Task", () => {
  const cycle: RemoteLoop = {
    tasks: [
      { id: 1, name: "Task-1", stack: [at("main", 1)], awaitedBy: [] },
      { id: 6, name: "a", stack: [at("a", 2)], awaitedBy: [7] },
      { id: 7, name: "b", stack: [at("b", 3)], awaitedBy: [6] },
    ],
  };
  let error: unknown;
  try {
    buildAsyncTree([cycle]);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CycleFoundError);
  expect(formatCycles(error as CycleFoundError)).toBe(
    "ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: b → a → b",
  );
  expect(buildTaskTable([cycle], 1).map((row) => row.slice(2))).toEqual([
    ["Task-1", "main", "", "", "0x0"],
    ["a", "a", "b", "b", "0x7"],
    ["b", "b", "a", "a", "0x6"],
  ]);
});
