/**
 * Reads the Tasks of another process through its inspector: evaluates the
 * providers the Node layer registered (node/ps-hook.ts), then, for each Task
 * whose frames debug mode did not record, asks the inspector where its
 * coroutine is suspended (a suspended generator's `[[GeneratorLocation]]`,
 * and its function's name, which the program itself cannot read). The name
 * the program gives (an asyncio-ts coroutine's, `Queue.get`) comes first.
 */
import { fileURLToPath } from "node:url";
import { PS_PROVIDERS_KEY, type PsLoop } from "../tools/ps-protocol.js";
import type { CdpSession } from "./cdp.js";
import { CommandError } from "./command-error.js";

/** One entry of a coroutine stack: a frame, or what the innermost one waits on. */
export interface StackEntry {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

export interface RemoteTask {
  readonly id: number;
  readonly name: string;
  /** Innermost first. */
  readonly stack: readonly StackEntry[];
  readonly awaitedBy: readonly number[];
}

export interface RemoteLoop {
  readonly tasks: readonly RemoteTask[];
}

interface RemoteObject {
  type: string;
  subtype?: string;
  value?: unknown;
  description?: string;
  objectId?: string;
}
interface Property {
  name: string;
  value?: RemoteObject;
}
interface Properties {
  result: Property[];
  internalProperties?: Property[];
}
interface Location {
  scriptId: string;
  lineNumber: number;
}

// Every object the reading holds in the target, released in one call.
const GROUP = "asyncio-ts-ps";

/**
 * What the command evaluates in the target, as source text (so it refers to
 * nothing outside itself): every provider's loops as JSON, and the
 * coroutine objects, which the inspector reads apart.
 */
function readProviders(key: string): { json: string; coroutines: unknown[] } | null {
  const providers = (globalThis as Record<symbol, unknown>)[Symbol.for(key)];
  if (!Array.isArray(providers)) return null;
  const coroutines: unknown[] = [];
  const loops = providers.flatMap((provide: (c: unknown[]) => unknown[]) => provide(coroutines));
  return { json: JSON.stringify(loops), coroutines };
}

/** The running loops of the process at the other end of `session`, and their Tasks. */
export async function readTasks(session: CdpSession, pid: number): Promise<RemoteLoop[]> {
  try {
    return await read(session, pid);
  } finally {
    await session.send("Runtime.releaseObjectGroup", { objectGroup: GROUP }).catch(() => {});
  }
}

async function read(session: CdpSession, pid: number): Promise<RemoteLoop[]> {
  const evaluated = await session.send<{
    result: RemoteObject;
    exceptionDetails?: { text: string; exception?: RemoteObject };
  }>("Runtime.evaluate", {
    expression: `(${readProviders.toString()})(${JSON.stringify(PS_PROVIDERS_KEY)})`,
    objectGroup: GROUP,
    silent: true,
  });
  const thrown = evaluated.exceptionDetails;
  if (thrown !== undefined) {
    const what = thrown.exception?.description?.split("\n")[0] ?? thrown.text;
    throw new CommandError(`reading the Tasks of process ${pid} failed: ${what}`);
  }
  if (evaluated.result.objectId === undefined) {
    throw new CommandError(
      `process ${pid} is not running asyncio-ts (it has not loaded asyncio-ts's Node entry)`,
    );
  }
  const fields = await properties(session, evaluated.result.objectId);
  const json = fields.result.find((p) => p.name === "json")?.value?.value as string;
  const loops = JSON.parse(json) as PsLoop[];
  if (loops.length === 0) throw new CommandError(`process ${pid} has no running event loop`);
  const coroutinesId = fields.result.find((p) => p.name === "coroutines")?.value?.objectId;
  const coroutines =
    coroutinesId === undefined ? [] : (await properties(session, coroutinesId)).result;
  const needed = loops.some((loop) => loop.tasks.some((t) => t.frames.length === 0));
  const scripts = needed ? await scriptUrls(session) : new Map<string, string>();
  try {
    return await Promise.all(
      loops.map(async (loop) => ({
        tasks: await Promise.all(
          loop.tasks.map(async (task) => {
            const stack: StackEntry[] = [];
            if (task.awaits !== null) stack.push({ name: task.awaits });
            if (task.frames.length > 0) {
              for (const f of task.frames) {
                stack.push({
                  name: f.functionName,
                  file: displayPath(f.fileName),
                  line: f.lineNumber,
                });
              }
            } else {
              const coro = coroutines.find((p) => p.name === String(task.coroutine))?.value;
              const frame = coro === undefined ? null : await suspendedAt(session, coro, scripts);
              const name = task.coroutineName;
              if (frame !== null) stack.push(name === null ? frame : { ...frame, name });
              else if (name !== null) stack.push({ name });
            }
            return { id: task.id, name: task.name, stack, awaitedBy: task.awaitedBy };
          }),
        ),
      })),
    );
  } finally {
    if (needed) await session.send("Debugger.disable").catch(() => {});
  }
}

function properties(session: CdpSession, objectId: string): Promise<Properties> {
  return session.send<Properties>("Runtime.getProperties", { objectId, ownProperties: true });
}

/**
 * The URL of every script, by id (the Debugger reports them all when it is
 * enabled); pauses are skipped while it is, so a `debugger` statement in
 * the program does not stop it.
 */
async function scriptUrls(session: CdpSession): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  session.on("Debugger.scriptParsed", (params) => {
    const { scriptId, url } = params as { scriptId: string; url: string };
    urls.set(scriptId, url);
  });
  await session.send("Debugger.enable");
  await session.send("Debugger.setSkipAllPauses", { skip: true });
  return urls;
}

/** The generator's function and the line it is suspended at; null for what is not a generator. */
async function suspendedAt(
  session: CdpSession,
  coro: RemoteObject,
  scripts: Map<string, string>,
): Promise<StackEntry | null> {
  if (coro.subtype !== "generator" || coro.objectId === undefined) return null;
  // A generator's description is its function's name.
  const name = coro.description || "<anonymous>";
  const internal = (await properties(session, coro.objectId)).internalProperties ?? [];
  const location = internal.find((p) => p.name === "[[GeneratorLocation]]")?.value?.value as
    | Location
    | undefined;
  const url = location === undefined ? undefined : scripts.get(location.scriptId);
  if (location === undefined || url === undefined) return { name };
  return { name, file: displayPath(url), line: location.lineNumber + 1 };
}

function displayPath(url: string): string {
  if (!url.startsWith("file:")) return url;
  try {
    return fileURLToPath(url);
  } catch {
    return url;
  }
}
