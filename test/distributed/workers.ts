/**
 * `asyncio-ts worker` processes for the tests, as a user starts them: the
 * built CLI (dist/src/cli/main.js), serving test/fixtures/distributed-jobs.mjs.
 * Each is ready once it says it serves the queue.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const cli = fileURLToPath(new URL("../../dist/src/cli/main.js", import.meta.url));
const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));

export const JOBS = "./distributed-jobs.mjs";

export class WorkerProcess {
  output = "";
  readonly exited: Promise<number | null>;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.on("data", (b: Buffer) => (this.output += b));
    child.stderr!.on("data", (b: Buffer) => (this.output += b));
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  static async start(url: string, queue: string, extra: string[] = []): Promise<WorkerProcess> {
    const child = spawn(
      process.execPath,
      [cli, "worker", "--queue", queue, "--redis", url, "--module", JOBS, ...extra],
      { cwd: fixtures, stdio: ["ignore", "pipe", "pipe"] },
    );
    const worker = new WorkerProcess(child);
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        if (worker.output.includes("serving queue")) resolve();
      };
      child.stdout!.on("data", check);
      child.stderr!.on("data", check);
      void worker.exited.then((code) =>
        reject(new Error(`the worker exited (${code}) before serving: ${worker.output}`)),
      );
    });
    return worker;
  }

  /** Stops the process if it still runs (SIGKILL), and waits for it. */
  async kill(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    await this.exited;
  }
}

/** Runs `asyncio-ts worker ARGS` to its end: its status and standard error. */
export function runWorkerCommand(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, "worker", ...args],
      { cwd: fixtures },
      (error, _stdout, stderr) => {
        resolve({ code: typeof error?.code === "number" ? error.code : 0, stderr });
      },
    );
  });
}
