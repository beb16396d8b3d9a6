/**
 * BullMQ and ioredis, loaded the first time a distributed executor or worker
 * needs them. They are optional peer dependencies: the package itself has no
 * runtime dependency, and a program that never uses the distributed executor
 * never loads them.
 */
import type * as BullMQ from "bullmq";
import type { Redis as IORedis } from "ioredis";

/**
 * The Redis server a QueueExecutor or worker uses: a `redis://` (or
 * `rediss://`, for TLS) URL, or ioredis connection options.
 *
 * @python no counterpart: Python's executors need no server — https://docs.python.org/3/library/concurrent.futures.html
 * @example
 * ```ts
 * const connection: asyncio.RedisConnection = { host: "10.0.0.5", port: 6379, password: "secret" };
 * const executor = new asyncio.QueueExecutor({ connection, queue: "jobs" });
 * ```
 */
export type RedisConnection = string | Readonly<Record<string, unknown>>;

/** @internal BullMQ and ioredis as loaded (their types stay out of the shipped declarations). */
export interface Engine {
  readonly bullmq: typeof BullMQ;
  /** A new ioredis client on `connection` (for the cancel channel). */
  redis(connection: RedisConnection): IORedis;
  /** `connection` as BullMQ's connection options. */
  options(connection: RedisConnection): BullMQ.ConnectionOptions;
}

/** BullMQ or ioredis is not installed where asyncio-ts can import it. */
export class MissingPackageError extends Error {
  constructor(message: string, options: { cause: unknown }) {
    super(message, options);
    this.name = "MissingPackageError";
  }
}

let loading: Promise<Engine> | undefined;

/** @internal Loads BullMQ and ioredis once; fails with the command that installs them. */
export function loadEngine(): Promise<Engine> {
  loading ??= Promise.all([
    load<typeof BullMQ>("bullmq"),
    load<{ default: typeof IORedis }>("ioredis"),
  ]).then(([bullmq, ioredis]) => ({
    bullmq,
    redis(connection) {
      const options = redisOptions(connection);
      const { url, ...rest } = options as { url?: string };
      return url === undefined ? new ioredis.default(rest) : new ioredis.default(url, rest);
    },
    options: redisOptions,
  }));
  return loading;
}

function redisOptions(connection: RedisConnection): BullMQ.ConnectionOptions {
  const given = typeof connection === "string" ? { url: connection } : connection;
  // Wait through a Redis restart instead of failing each command after 20
  // reconnection attempts (ioredis's default): the job is not lost, only late.
  return { maxRetriesPerRequest: null, ...given };
}

async function load<M>(name: string): Promise<M> {
  try {
    return (await import(name)) as M;
  } catch (error) {
    const missing =
      (error as { code?: string }).code === "ERR_MODULE_NOT_FOUND" &&
      String((error as Error).message).includes(`'${name}'`);
    if (!missing) throw error;
    throw new MissingPackageError(
      `The distributed executor needs the package '${name}': npm install bullmq ioredis`,
      { cause: error },
    );
  }
}
