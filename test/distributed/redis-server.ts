/**
 * A real redis-server for the distributed executor's tests: Debian's
 * package, started on a free port in a temporary directory, stopped (and
 * the directory removed) after. `restart()` stops it the way an operator
 * would (SIGTERM: Redis writes its append-only file and exits) and starts
 * it again on the same port and files.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export function redisServerPath(): string {
  const path = process.env.REDIS_SERVER ?? "/usr/bin/redis-server";
  if (!existsSync(path)) {
    throw new Error(
      `redis-server is required for the distributed executor test: apt-get install redis-server (or set REDIS_SERVER; ${path} does not exist)`,
    );
  }
  return path;
}

export class RedisServer {
  private process: ChildProcess | undefined;

  private constructor(
    private readonly path: string,
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(
      redisServerPath(),
      await freePort(),
      mkdtempSync(join(tmpdir(), "asyncio-ts-redis-")),
    );
    await server.launch();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async restart(): Promise<void> {
    await this.shutdown();
    await this.launch();
  }

  /** Stops it (SIGTERM), keeping its files, until `resume()`: an outage. */
  async halt(): Promise<void> {
    await this.shutdown();
  }

  /** Starts it again after `halt()`, on the same port and files. */
  async resume(): Promise<void> {
    await this.launch();
  }

  /**
   * Starts it again once `stop` has ended it some other way (a SHUTDOWN
   * command pipelined behind another, so both run in one turn of Redis).
   */
  async restartAfter(stop: () => Promise<unknown>): Promise<void> {
    const child = this.process!;
    child.removeAllListeners("exit");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    await stop();
    await exited;
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.shutdown();
    rmSync(this.dir, { recursive: true, force: true });
  }

  private launch(): Promise<void> {
    const child = spawn(
      this.path,
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--dir",
        this.dir,
        "--appendonly",
        "yes",
        "--save",
        "",
        "--loglevel",
        "warning",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.process = child;
    // Ready once it accepts connections; its log says so at "warning" level
    // only on failure, so ask the port.
    return new Promise((resolve, reject) => {
      let output = "";
      child.stdout!.on("data", (b: Buffer) => (output += b));
      child.stderr!.on("data", (b: Buffer) => (output += b));
      child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
      void waitForPort(this.port).then(resolve, reject);
    });
  }

  private async shutdown(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child === undefined || child.exitCode !== null) return;
    child.removeAllListeners("exit");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number): Promise<void> {
  const { connect } = await import("node:net");
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
