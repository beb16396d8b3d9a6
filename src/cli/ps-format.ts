/**
 * The `ps` table and the `pstree` tree, laid out as Python 3.14's
 * `asyncio.tools` lays them out (`build_task_table`, `build_async_tree`),
 * from the Tasks read in another process. A Task's awaiter chain is the
 * awaiting Task's own coroutine stack.
 */
import type { RemoteLoop, StackEntry } from "./remote-tasks.js";

/** The await graph has cycles: no tree can be drawn. */
export class CycleFoundError extends Error {
  constructor(
    /** Each cycle as Task ids, its first one repeated at the end. */
    readonly cycles: readonly (readonly number[])[],
    readonly names: ReadonlyMap<number, string>,
  ) {
    super("await-graph contains cycles");
    this.name = "CycleFoundError";
  }
}

/** Python prints a Task's id in hex. */
function hex(id: number): string {
  return `0x${id.toString(16)}`;
}

/** In the tree: `name file:line`; in the table only the name counts. */
function formatEntry(entry: StackEntry): string {
  return entry.file === undefined ? entry.name : `${entry.name} ${entry.file}:${entry.line}`;
}

/** One awaited-by edge: `parent`, suspended in `stack`, awaits `child`. */
interface Await {
  readonly parent: number;
  readonly stack: readonly StackEntry[];
  readonly child: number;
}

interface Index {
  readonly names: Map<number, string>;
  readonly awaits: Await[];
  readonly stacks: Map<number, readonly StackEntry[]>;
}

function index(loops: readonly RemoteLoop[]): Index {
  const names = new Map<number, string>();
  const stacks = new Map<number, readonly StackEntry[]>();
  for (const loop of loops) {
    for (const task of loop.tasks) {
      names.set(task.id, task.name);
      stacks.set(task.id, task.stack);
    }
  }
  const awaits: Await[] = [];
  for (const loop of loops) {
    for (const task of loop.tasks) {
      for (const parent of task.awaitedBy) {
        awaits.push({ parent, stack: stacks.get(parent) ?? [], child: task.id });
      }
    }
  }
  return { names, awaits, stacks };
}

/** The rows of `ps`: thread id, task id, name, coroutine stack, awaiter chain, name and id. */
export function buildTaskTable(loops: readonly RemoteLoop[], threadId: number): string[][] {
  const { names, stacks } = index(loops);
  const chain = (stack: readonly StackEntry[]): string => stack.map((e) => e.name).join(" -> ");
  const rows: string[][] = [];
  for (const loop of loops) {
    for (const task of loop.tasks) {
      const head = [String(threadId), hex(task.id), task.name, chain(task.stack)];
      if (task.awaitedBy.length === 0) rows.push([...head, "", "", "0x0"]);
      for (const parent of task.awaitedBy) {
        rows.push([
          ...head,
          chain(stacks.get(parent) ?? []),
          names.get(parent) ?? "Unknown",
          hex(parent),
        ]);
      }
    }
  }
  return rows;
}

const WIDTHS = [10, 20, 20, 50, 50, 15, 15];
const HEADER = [
  "tid",
  "task id",
  "task name",
  "coroutine stack",
  "awaiter chain",
  "awaiter name",
  "awaiter id",
];

/** The table as `python -m asyncio ps` prints it. */
export function formatTaskTable(rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string =>
    cells.map((cell, i) => cell.padEnd(WIDTHS[i]!)).join(" ");
  return [line(HEADER), "-".repeat(180), ...rows.map(line)].join("\n");
}

type NodeKey = string;

/**
 * The trees of `pstree`, one per Task nobody awaits: each Task under the
 * frames of the Task awaiting it, a Task awaiting no other with its own
 * frames below it.
 * @throws CycleFoundError when Tasks await each other in a cycle.
 */
export function buildAsyncTree(loops: readonly RemoteLoop[]): string[][] {
  const { names, awaits, stacks } = index(loops);
  const cycles = findCycles(taskGraph(awaits));
  if (cycles.length > 0) throw new CycleFoundError(cycles, names);

  const labels = new Map<NodeKey, string>();
  const children = new Map<NodeKey, NodeKey[]>();
  const frameNodes = new Map<NodeKey, Map<string, NodeKey>>();
  const taskKey = (id: number): NodeKey => `T${id}`;
  for (const [id, name] of names) labels.set(taskKey(id), `(T) ${name}`);
  let nextFrame = 1;
  const kids = (node: NodeKey): NodeKey[] => {
    let list = children.get(node);
    if (list === undefined) children.set(node, (list = []));
    return list;
  };
  const frameNode = (parent: NodeKey, frame: string): NodeKey => {
    let byFrame = frameNodes.get(parent);
    if (byFrame === undefined) frameNodes.set(parent, (byFrame = new Map()));
    let node = byFrame.get(frame);
    if (node === undefined) {
      node = `c${nextFrame++}`;
      // Python prefixes coroutine frames with an empty marker, hence the space.
      labels.set(node, ` ${frame}`);
      kids(parent).push(node);
      byFrame.set(frame, node);
    }
    return node;
  };
  const descend = (from: NodeKey, stack: readonly StackEntry[]): NodeKey => {
    let node = from;
    for (let i = stack.length - 1; i >= 0; i--) node = frameNode(node, formatEntry(stack[i]!));
    return node;
  };

  for (const { parent, stack, child } of awaits) {
    const at = kids(descend(taskKey(parent), stack));
    if (!at.includes(taskKey(child))) at.push(taskKey(child));
  }
  const awaiting = new Set(awaits.map((a) => a.parent));
  for (const [id, stack] of stacks) if (!awaiting.has(id)) descend(taskKey(id), stack);

  const awaited = new Set([...children.values()].flat());
  const render = (node: NodeKey, prefix: string, last: boolean, out: string[]): string[] => {
    out.push(`${prefix}${last ? "└── " : "├── "}${labels.get(node)}`);
    const next = prefix + (last ? "    " : "│   ");
    const below = children.get(node) ?? [];
    for (const [i, kid] of below.entries()) render(kid, next, i === below.length - 1, out);
    return out;
  };
  return [...labels.keys()]
    .filter((n) => !awaited.has(n))
    .map((root) => render(root, "", true, []));
}

/** What `pstree` prints to standard error for a graph with cycles. */
export function formatCycles(error: CycleFoundError): string {
  const lines = ["ERROR: await-graph contains cycles - cannot print a tree!", ""];
  for (const cycle of error.cycles) {
    lines.push(`cycle: ${cycle.map((id) => error.names.get(id) ?? hex(id)).join(" → ")}`);
  }
  return lines.join("\n");
}

/** Parent Task → the Tasks it awaits. */
function taskGraph(awaits: readonly Await[]): Map<number, Set<number>> {
  const graph = new Map<number, Set<number>>();
  for (const { parent, child } of awaits) {
    let set = graph.get(parent);
    if (set === undefined) graph.set(parent, (set = new Set()));
    set.add(child);
  }
  return graph;
}

/** Depth-first search for back edges; each cycle as a path that returns to its start. */
function findCycles(graph: ReadonlyMap<number, ReadonlySet<number>>): number[][] {
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<number, number>();
  const path: number[] = [];
  const cycles: number[][] = [];
  const dfs = (v: number): void => {
    color.set(v, GREY);
    path.push(v);
    for (const w of graph.get(v) ?? []) {
      const c = color.get(w);
      if (c === undefined) dfs(w);
      else if (c === GREY) cycles.push([...path.slice(path.indexOf(w)), w]);
    }
    color.set(v, BLACK);
    path.pop();
  };
  for (const v of graph.keys()) if (!color.has(v)) dfs(v);
  return cycles;
}
