/**
 * `asyncio-ts ps PID` and `asyncio-ts pstree PID` (src/cli/) against real
 * processes: the job server example (examples/job-server.ts), which does
 * nothing to prepare for it, run as a child. Each command must print the
 * child's Tasks, leave nothing listening (the inspector port it opened
 * refuses connections, the child listens on its own port only), and leave
 * the child running: it then does a job and exits cleanly on SIGTERM.
 * Also: debug mode's longer coroutine chains, a cycle, and the errors
 * (no such process, not Node, not asyncio-ts, no loop, permission, usage).
 *
 * Deterministic: the tests wait for the children's lines, never for time.
 * The children use Node's default inspector port, 9229, unless another
 * process holds it (then `--inspect-port=0`: the command finds the port
 * either way).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { type AddressInfo, connect, createConnection, createServer, type Socket } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { listeningSockets } from "../src/cli/proc.js";
import { minifiedBundle, scratchDir } from "./helpers.js";

const root = join(import.meta.dirname, "..");
const cli = join(root, "dist", "src", "cli", "main.js");
const jobServer = join(root, "dist", "examples", "job-server.js");
const cycleProgram = join(import.meta.dirname, "fixtures", "ps-cycle.mjs");
const libraryProgram = join(import.meta.dirname, "fixtures", "ps-library-coroutines.mjs");

interface Program {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly stdout: string[];
  stderr: string;
  /** Resolves with the first stdout line matching `pattern` (seen already or to come). */
  line(pattern: RegExp): Promise<RegExpMatchArray>;
  readonly exited: Promise<number | null>;
}

const programs: Program[] = [];
const sockets: Socket[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const program of programs.splice(0)) program.child.kill("SIGKILL");
});

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

/** A port nothing listens on (now). */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

// Another process on 9229 would keep the child's inspector from opening there.
const inspectFlags = (await refused(9229)) ? [] : ["--inspect-port=0"];

function start(command: string, args: readonly string[]): Program {
  const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  const stdout: string[] = [];
  const waiting: { pattern: RegExp; resolve(m: RegExpMatchArray): void }[] = [];
  let partial = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop()!;
    for (const line of lines) {
      stdout.push(line);
      for (const w of [...waiting]) {
        const m = w.pattern.exec(line);
        if (m !== null) {
          waiting.splice(waiting.indexOf(w), 1);
          w.resolve(m);
        }
      }
    }
  });
  const program: Program = {
    child,
    pid: child.pid!,
    stdout,
    stderr: "",
    line: (pattern) => {
      for (const line of stdout) {
        const m = pattern.exec(line);
        if (m !== null) return Promise.resolve(m);
      }
      return new Promise((resolve) => waiting.push({ pattern, resolve }));
    },
    exited: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
  };
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
    program.stderr += chunk;
  });
  programs.push(program);
  return program;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function asyncioTs(
  args: readonly string[],
  options: { uid?: number; gid?: number } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { timeout: 20_000, ...options },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** The job server, serving, with one client connected. */
async function jobServerWithClient(args: readonly string[] = []): Promise<{
  server: Program;
  port: number;
  client: Socket;
}> {
  const server = start(process.execPath, [...inspectFlags, jobServer, ...args]);
  const port = Number((await server.line(/serving on port (\d+)/))[1]);
  const client = createConnection({ host: "127.0.0.1", port });
  sockets.push(client);
  await server.line(/^client-1 connected$/);
  return { server, port, client };
}

/** The ps table's rows as records, cut at Python's column widths. */
function tableRows(stdout: string): Record<string, string>[] {
  const lines = stdout.trimEnd().split("\n");
  expect(lines[0]).toMatch(
    /^tid {8}task id {14}task name {12}coroutine stack {36}awaiter chain {38}awaiter name {4}awaiter id/,
  );
  expect(lines[1]).toBe("-".repeat(180));
  const cut = (line: string, from: number, to?: number): string => line.slice(from, to).trim();
  return lines.slice(2).map((line) => ({
    tid: cut(line, 0, 10),
    id: cut(line, 11, 31),
    name: cut(line, 32, 52),
    stack: cut(line, 53, 103),
    chain: cut(line, 104, 154),
    awaiter: cut(line, 155, 170),
    awaiterId: cut(line, 171),
  }));
}

/** The line of the compiled example where `code` is, as a stack shows it. */
function lineOf(code: string): string {
  const lines = readFileSync(jobServer, "utf8").split("\n");
  const index = lines.findIndex((line) => line.includes(code));
  expect(index).toBeGreaterThanOrEqual(0);
  return `${jobServer}:${index + 1}`;
}

/** The port of each inspector the child opened, from what Node printed on its stderr. */
function inspectorPorts(program: Program): number[] {
  return [...program.stderr.matchAll(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//g)].map(
    (m) => Number(m[1]),
  );
}

/** Nothing of the inspector is left: its port refuses, the child listens on `ownPorts` alone. */
async function expectInspectorClosed(program: Program, ownPorts: number[]): Promise<void> {
  const ports = inspectorPorts(program);
  expect(ports.length).toBeGreaterThan(0);
  for (const port of ports) expect(await refused(port)).toBe(true);
  const listening = await listeningSockets(program.pid);
  expect(listening.map((l) => l.port).sort()).toEqual(ownPorts.sort());
}

/** Does a job, then stops on SIGTERM, exiting 0 with its last words. */
async function expectStillServing(server: Program, client: Socket): Promise<void> {
  client.write("job-a\n");
  await server.line(/^worker-\d did job-a$/);
  server.child.kill("SIGTERM");
  expect(await server.exited).toBe(0);
  expect(server.stdout.at(-1)).toBe("stopped");
}

describe("against the job server", { timeout: 30_000 }, () => {
  test("ps: a row per Task and awaiter; the inspector is closed after; the server runs on", async () => {
    const { server, port, client } = await jobServerWithClient();
    const run = await asyncioTs(["ps", String(server.pid)]);
    expect(run.stderr).toBe("");
    expect(run.code, run.stderr).toBe(0);
    const rows = tableRows(run.stdout);
    const task = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(rows.map((r) => r.name)).toEqual([
      "Task-1",
      "workers",
      "server",
      "worker-1",
      "worker-2",
      "client-1",
    ]);
    for (const row of rows) {
      expect(row.tid).toBe(String(server.pid));
      expect(row.id).toMatch(/^0x[0-9a-f]+$/);
    }
    const main = task["Task-1"]!;
    expect(main).toMatchObject({ stack: "main", chain: "", awaiter: "", awaiterId: "0x0" });
    expect(task.workers).toMatchObject({ stack: "workers", awaiter: "", awaiterId: "0x0" });
    expect(task.server).toMatchObject({
      stack: "serve",
      chain: "main",
      awaiter: "Task-1",
      awaiterId: main.id,
    });
    for (const name of ["worker-1", "worker-2"]) {
      expect(task[name]).toMatchObject({
        stack: "worker",
        chain: "workers",
        awaiter: "workers",
        awaiterId: task.workers!.id,
      });
    }
    expect(task["client-1"]).toMatchObject({ stack: "client", awaiterId: "0x0" });

    await expectInspectorClosed(server, [port]);
    await expectStillServing(server, client);
  });

  test("pstree: the await tree, each Task at the line it is suspended at", async () => {
    const { server, port, client } = await jobServerWithClient();
    const run = await asyncioTs(["pstree", String(server.pid)]);
    expect(run.stderr).toBe("");
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      [
        "└── (T) Task-1",
        `    └──  main ${lineOf("yield* asyncio.createTask(serve(")}`,
        "        └── (T) server",
        `            └──  serve ${lineOf("yield* asyncio.asyncWith(server,")}`,
        "└── (T) workers",
        `    └──  workers ${lineOf("yield* asyncio.asyncWith(new asyncio.TaskGroup()")}`,
        "        ├── (T) worker-1",
        `        │   └──  worker ${lineOf("yield* nextJob(jobs)")}`,
        "        └── (T) worker-2",
        `            └──  worker ${lineOf("yield* nextJob(jobs)")}`,
        "└── (T) client-1",
        `    └──  client ${lineOf("yield* reader.readline()")}`,
        "",
      ].join("\n"),
    );
    await expectInspectorClosed(server, [port]);
    await expectStillServing(server, client);
  });

  test("in debug mode each Task's whole chain of coroutines shows", async () => {
    const { server, port, client } = await jobServerWithClient(["--debug"]);
    const ps = await asyncioTs(["ps", String(server.pid)]);
    expect(ps.code, ps.stderr).toBe(0);
    const rows = tableRows(ps.stdout);
    expect(rows.find((r) => r.name === "worker-1")?.stack).toBe("nextJob -> worker");
    const tree = await asyncioTs(["pstree", String(server.pid)]);
    expect(tree.code, tree.stderr).toBe(0);
    expect(tree.stdout).toContain(
      [
        "        ├── (T) worker-1",
        `        │   └──  worker ${lineOf("yield* nextJob(jobs)")}`,
        `        │       └──  nextJob ${lineOf("return yield* jobs.get()")}`,
      ].join("\n"),
    );
    // Twice opened, twice closed.
    expect(inspectorPorts(server)).toHaveLength(2);
    await expectInspectorClosed(server, [port]);
    await expectStillServing(server, client);
  });

  test("a process that runs with --inspect keeps its inspector open", async () => {
    const inspector = await freePort();
    const server = start(process.execPath, [`--inspect=127.0.0.1:${inspector}`, jobServer]);
    const port = Number((await server.line(/serving on port (\d+)/))[1]);
    expect(inspectorPorts(server)).toEqual([inspector]);
    const run = await asyncioTs(["ps", String(server.pid)]);
    expect(run.code, run.stderr).toBe(0);
    expect(tableRows(run.stdout)).toHaveLength(5);
    expect(await refused(inspector)).toBe(false);
    expect((await listeningSockets(server.pid)).map((l) => l.port).sort()).toEqual(
      [port, inspector].sort(),
    );
    // Not opened a second time.
    expect(inspectorPorts(server)).toEqual([inspector]);
  });

  test("an inspector open on a port of the system's choosing cannot be found", async () => {
    const server = start(process.execPath, ["--inspect=127.0.0.1:0", jobServer]);
    await server.line(/serving on port (\d+)/);
    const run = await asyncioTs(["ps", String(server.pid)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `asyncio-ts ps: process ${server.pid} runs with its inspector open on a port of the ` +
        "system's choosing (--inspect with port 0), which cannot be told from its other ports\n",
    );
  });
});

describe("Tasks made directly on asyncio-ts's own coroutines", { timeout: 30_000 }, () => {
  // Each Task, and the name CPython 3.13 gives its coroutine (`Queue.get`): the fastest
  // waits are no generators the inspector could read, a generator method's function is
  // `acquire` without its class, and a minifier renames functions.
  const expected = [
    ...["Queue.get", "Queue.put", "Queue.join", "Event.wait", "Lock.acquire"],
    ...["Semaphore.acquire", "Condition.wait", "Barrier.wait", "sleep"],
  ].map((name) => [name, name]);
  expected.push(["readexactly", "StreamReader.readexactly"]);

  const dir = scratchDir("asyncio-ts-ps-");

  test.each([
    ["tsc's files", async () => join(root, "dist", "src", "index.js")],
    // tsc's files: package.json's sideEffects keeps their Node layer (the provider ps reads).
    [
      "a minified bundle",
      () => minifiedBundle(join(root, "dist", "src", "index.js"), join(dir, "app.mjs")),
    ],
  ])("ps and pstree name each coroutine as CPython does, loaded from %s", async (_, entry) => {
    const program = start(process.execPath, [...inspectFlags, libraryProgram, await entry()]);
    await program.line(/^ready$/);
    const ps = await asyncioTs(["ps", String(program.pid)]);
    expect(ps.stderr).toBe("");
    const rows = tableRows(ps.stdout).filter((r) => r.name !== "Task-1");
    expect(rows.map((r) => [r.name, r.stack])).toEqual(expected);
    const tree = await asyncioTs(["pstree", String(program.pid)]);
    expect(tree.code, tree.stderr).toBe(0);
    for (const [task, coroutine] of expected) {
      // A generator's line where the inspector reads one; a hand-written coroutine has none.
      const [t, c] = [task!, coroutine!].map((name) => name.replace(".", "\\."));
      expect(tree.stdout).toMatch(new RegExp(`└── \\(T\\) ${t}\n {4}└── {2}${c}(?: \\S+:\\d+)?\n`));
    }
    program.child.kill("SIGTERM");
    expect(await program.exited).toBe(0);
  });
});

test("pstree reports a cycle as Python does; ps lists its Tasks all the same", {
  timeout: 30_000,
}, async () => {
  const program = start(process.execPath, [...inspectFlags, cycleProgram]);
  await program.line(/^ready$/);
  const tree = await asyncioTs(["pstree", String(program.pid)]);
  expect(tree.code).toBe(1);
  expect(tree.stdout).toBe("");
  expect(tree.stderr).toBe(
    "ERROR: await-graph contains cycles - cannot print a tree!\n\ncycle: right → left → right\n",
  );
  const ps = await asyncioTs(["ps", String(program.pid)]);
  expect(ps.code, ps.stderr).toBe(0);
  expect(tableRows(ps.stdout).map((r) => [r.name, r.awaiter])).toEqual([
    ["Task-1", ""],
    ["left", "right"],
    ["right", "left"],
  ]);
  await expectInspectorClosed(program, []);
  program.child.kill("SIGTERM");
  expect(await program.exited).toBe(0);
  expect(program.stdout).toEqual(["ready", "stopped"]);
});

test("a program stuck in a Task that never yields can still be inspected", {
  timeout: 30_000,
}, async () => {
  // The inspector runs the command's requests between two statements of the stuck code.
  const program = start(process.execPath, [
    ...inspectFlags,
    "--input-type=module",
    "-e",
    `const asyncio = await import(${JSON.stringify(join(root, "dist", "src", "index.js"))});
     function* spin() { yield* asyncio.sleep(0); console.log("spinning"); for (;;) {} }
     function* main() { yield* asyncio.createTask(spin(), { name: "spinner" }); }
     await asyncio.run(main());`,
  ]);
  await program.line(/^spinning$/);
  const run = await asyncioTs(["pstree", String(program.pid)]);
  expect(run.code, run.stderr).toBe(0);
  const at = join(root, "[eval1]");
  expect(run.stdout).toMatch(/^└── \(T\) Task-\d+\n/);
  expect(run.stdout.split("\n").slice(1)).toEqual([
    `    └──  main ${at}:3`,
    "        └── (T) spinner",
    `            └──  spin ${at}:2`,
    "",
  ]);
  await expectInspectorClosed(program, []);
});

describe("errors", { timeout: 30_000 }, () => {
  test("a pid that is gone: exit status 1 and 'no such process: PID' on stderr", async () => {
    const gone = start(process.execPath, ["-e", ""]);
    await gone.exited;
    const run = await asyncioTs(["ps", String(gone.pid)]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: `asyncio-ts ps: no such process: ${gone.pid}\n`,
    });
  });

  test("a process that does not catch SIGUSR1 is not sent it (it would die of it)", async () => {
    const sleeper = start("sleep", ["60"]);
    const run = await asyncioTs(["pstree", String(sleeper.pid)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `asyncio-ts pstree: process ${sleeper.pid} does not catch SIGUSR1, so it is not a ` +
        "Node.js process that can open its inspector (the signal would have terminated it); " +
        "nothing was sent\n",
    );
    expect(sleeper.child.exitCode).toBe(null);
    expect(sleeper.child.signalCode).toBe(null);
  });

  test("a Node process without asyncio-ts; its inspector is closed after", async () => {
    const program = start(process.execPath, [
      ...inspectFlags,
      "-e",
      'console.log("ready"); setInterval(() => {}, 1000)',
    ]);
    await program.line(/^ready$/);
    const run = await asyncioTs(["ps", String(program.pid)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `asyncio-ts ps: process ${program.pid} is not running asyncio-ts ` +
        "(it has not loaded asyncio-ts's Node entry)\n",
    );
    await expectInspectorClosed(program, []);
  });

  test("asyncio-ts loaded, no loop running", async () => {
    const program = start(process.execPath, [
      ...inspectFlags,
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(join(root, "dist", "src", "index.js"))});
       console.log("ready"); setInterval(() => {}, 1000);`,
    ]);
    await program.line(/^ready$/);
    const run = await asyncioTs(["pstree", String(program.pid)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `asyncio-ts pstree: process ${program.pid} has no running event loop\n`,
    );
    await expectInspectorClosed(program, []);
  });

  test("a provider that throws: the error is said, and the inspector closed", async () => {
    const program = start(process.execPath, [
      ...inspectFlags,
      "-e",
      `(globalThis[Symbol.for("asyncio-ts.ps.v1")] ??= []).push(() => { throw new RangeError("broken") });
       console.log("ready"); setInterval(() => {}, 1000);`,
    ]);
    await program.line(/^ready$/);
    const run = await asyncioTs(["ps", String(program.pid)]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `asyncio-ts ps: reading the Tasks of process ${program.pid} failed: RangeError: broken\n`,
    );
    await expectInspectorClosed(program, []);
  });

  test.skipIf(process.getuid?.() !== 0)("another user may not: permission denied", async () => {
    const program = start(process.execPath, [
      "-e",
      'console.log("ready"); setInterval(() => {}, 1000)',
    ]);
    await program.line(/^ready$/);
    const nobody = 65534;
    const run = await asyncioTs(["ps", String(program.pid)], { uid: nobody, gid: nobody });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `asyncio-ts ps: permission denied: only process ${program.pid}'s own user or root may ` +
        "signal and debug it\n",
    );
    expect(inspectorPorts(program)).toEqual([]);
  });

  test("--help prints the usage; a bad command line exits 2 with the usage and an error", async () => {
    expect((await asyncioTs(["--help"])).stdout).toMatch(
      /^usage: asyncio-ts \[-h\] \{ps,pstree\} PID\n/,
    );
    for (const args of [[], ["ps"], ["top", "1"], ["ps", "1", "2"], ["ps", "x1"], ["ps", "0"]]) {
      const run = await asyncioTs(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(
        /^usage: asyncio-ts \[-h\] \{ps,pstree\} PID\nasyncio-ts: error: /,
      );
    }
    // The usage line is Python's; the error also names the worker command, which --help lists.
    expect((await asyncioTs(["top", "1"])).stderr).toContain(
      "error: expected ps PID or pstree PID, or worker ... (asyncio-ts --help)",
    );
  });
});
