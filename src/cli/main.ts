#!/usr/bin/env node
/**
 * `asyncio-ts worker ...` runs a worker of the distributed executor
 * (worker-command.ts).
 *
 * `asyncio-ts ps PID` and `asyncio-ts pstree PID`: Python 3.14's
 * `python -m asyncio ps`/`pstree` for a running asyncio-ts program in
 * another process, which did nothing to prepare for it. The command opens
 * the process's inspector with SIGUSR1, reads its Tasks through it, and
 * closes it again (inspector.ts says who may, and what is exposed
 * meanwhile); the table and the tree are laid out as Python's (ps-format.ts).
 */
import { existsSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { CdpError } from "./cdp.js";
import { CommandError } from "./command-error.js";
import { closeInspector, openInspector } from "./inspector.js";
import {
  buildAsyncTree,
  buildTaskTable,
  CycleFoundError,
  formatCycles,
  formatTaskTable,
} from "./ps-format.js";
import { type RemoteLoop, readTasks } from "./remote-tasks.js";

const USAGE = "usage: asyncio-ts [-h] {ps,pstree} PID";

const HELP = `${USAGE}
       asyncio-ts worker --queue NAME --module PATH ...

Inspect the Tasks of a running asyncio-ts program (Python's python -m asyncio ps/pstree),
or run a worker of the distributed executor.

commands:
  ps PID      Display a table of all pending tasks in a process
  pstree PID  Display a tree of all pending tasks in a process
  worker ...  Run jobs from a BullMQ queue on Redis (asyncio-ts worker --help)

The command sends the process SIGUSR1, which makes Node open its inspector
on 127.0.0.1, reads the Tasks through it, and closes it again. Only the
process's own user or root may do this; while the inspector is open (a
moment), any local user could connect to it.

options:
  -h, --help  show this help message and exit`;

/**
 * dist/bundle/worker.js (scripts/build-bundles.mjs), or tsc's module beside
 * this one where there is no bundle (a build without it).
 */
function workerCommandModule(): string {
  const bundled = new URL("../../bundle/worker.js", import.meta.url);
  return existsSync(bundled) ? bundled.href : "./worker-command.js";
}

// How long the process may take to answer once its inspector is open.
const READ_TIMEOUT_SECONDS = 10;

async function main(args: readonly string[]): Promise<number> {
  if (args[0] === "worker") {
    // Loaded only for this command: `ps` does not need the runtime. From the
    // Node bundle, which "asyncio-ts" loads too: the job modules import that,
    // and must find the worker's running loop in the same copy of the library.
    const { workerCommand } = (await import(workerCommandModule())) as {
      workerCommand(args: readonly string[]): Promise<number>;
    };
    // Exits even if a connection is still trying to reach Redis.
    process.exit(await workerCommand(args.slice(1)));
  }
  if (args.includes("-h") || args.includes("--help")) {
    console.log(HELP);
    return 0;
  }
  const [command, pidText, ...rest] = args;
  if ((command !== "ps" && command !== "pstree") || pidText === undefined || rest.length > 0) {
    console.error(
      `${USAGE}\nasyncio-ts: error: expected ps PID or pstree PID, or worker ... (asyncio-ts --help)`,
    );
    return 2;
  }
  if (!/^\d+$/.test(pidText) || Number(pidText) === 0) {
    console.error(`${USAGE}\nasyncio-ts: error: invalid PID: '${pidText}'`);
    return 2;
  }
  const pid = Number(pidText);
  try {
    const loops = await inspect(pid);
    if (command === "ps") {
      console.log(formatTaskTable(buildTaskTable(loops, pid)));
      return 0;
    }
    try {
      for (const tree of buildAsyncTree(loops)) console.log(tree.join("\n"));
    } catch (e) {
      if (!(e instanceof CycleFoundError)) throw e;
      console.error(formatCycles(e));
      return 1;
    }
    return 0;
  } catch (e) {
    // The process went away, or its inspector failed us, mid-way: said in a line too.
    if (!(e instanceof CommandError || e instanceof CdpError)) throw e;
    console.error(`asyncio-ts ${command}: ${e.message}`);
    return 1;
  }
}

/** The Tasks of process `pid`; its inspector is closed again whatever happens. */
async function inspect(pid: number): Promise<RemoteLoop[]> {
  const inspector = await openInspector(pid);
  // Interrupted while the inspector is open: close it before going.
  const interrupted = (): void => {
    void closeInspector(pid, inspector).finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const reading = new AbortController();
  try {
    return await Promise.race([readTasks(inspector.session, pid), timeout(pid, reading.signal)]);
  } finally {
    reading.abort();
    await closeInspector(pid, inspector);
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
}

/**
 * Rejects if the process does not answer in time (it is paused in a
 * debugger, say); once `done` aborts, never settles.
 */
function timeout(pid: number, done: AbortSignal): Promise<never> {
  return delay(READ_TIMEOUT_SECONDS * 1000, undefined, { signal: done }).then(
    () => {
      throw new CommandError(`process ${pid} did not answer within ${READ_TIMEOUT_SECONDS} s`);
    },
    () => new Promise<never>(() => {}),
  );
}

process.exitCode = await main(process.argv.slice(2));
