/**
 * Opening another Node process's inspector, and closing it again.
 *
 * Node opens its inspector when it receives SIGUSR1 (the signal
 * `node inspect -p PID` sends), on 127.0.0.1 at the port its command line
 * names (`--inspect-port`, 9229 by default). So:
 * - only a user who may signal the process (its own user, or root) can open
 *   it, the permission `kill` needs; reading its sockets in /proc needs the
 *   permission to debug it, the same in practice;
 * - the signal is sent only to a process that catches SIGUSR1: for most
 *   other programs its default action is to terminate;
 * - the inspector's port is the one the process starts listening on after
 *   the signal (found in /proc, so another process's inspector on 9229 is
 *   never mistaken for it), and the session checks `process.pid` too;
 * - an inspector this command opened, it closes (`inspector.close()`, which
 *   also ends any other session), then waits until the process no longer
 *   listens on the port and a connection to it is refused. One that was
 *   open already (the process runs with `--inspect`) is left open.
 * While it is open, the inspector accepts a connection from any local user,
 * who could run code in the process: that window lasts from the signal to
 * the close, the time to read the Tasks (milliseconds to a few hundred).
 */
import { get } from "node:http";
import { connect } from "node:net";
import { setTimeout as delay } from "node:timers/promises";
import { CdpSession } from "./cdp.js";
import { CommandError } from "./command-error.js";
import { catchesSigusr1, inspectorOptions, type Listener, listeningSockets } from "./proc.js";

export interface Inspector {
  readonly session: CdpSession;
  readonly listener: Listener;
  /** True if this command opened it, and so must close it. */
  readonly opened: boolean;
}

const POLL_MS = 20;

/** Connects to `pid`'s inspector, opening it with SIGUSR1 if it is not open. */
export async function openInspector(pid: number, timeoutSeconds = 5): Promise<Inspector> {
  signal(pid, 0);
  if (process.platform !== "linux") {
    throw new CommandError(
      `finding another process's inspector safely needs Linux's /proc; this is ${process.platform}`,
    );
  }
  if (!(await catchesSigusr1(pid))) {
    throw new CommandError(
      `process ${pid} does not catch SIGUSR1, so it is not a Node.js process that can open ` +
        "its inspector (the signal would have terminated it); nothing was sent",
    );
  }
  const before = await sockets(pid);
  const { port, atStart } = await inspectorOptions(pid).catch(() => ({
    port: 9229,
    atStart: false,
  }));
  const already = before.find((l) => l.port === port && port !== 0);
  if (already !== undefined) {
    const session = await tryConnect(already, pid);
    if (session !== null) return { session, listener: already, opened: false };
  }
  if (atStart && port === 0) {
    // Which of its ports is the inspector? Asking each would send requests to the program's own.
    throw new CommandError(
      `process ${pid} runs with its inspector open on a port of the system's choosing ` +
        "(--inspect with port 0), which cannot be told from its other ports",
    );
  }
  signal(pid, "SIGUSR1");
  const known = new Set(before.map(key));
  const deadline = Date.now() + timeoutSeconds * 1000;
  let appeared: Listener | undefined;
  while (Date.now() < deadline) {
    await delay(POLL_MS);
    const fresh = (await sockets(pid)).filter(
      (l) => !known.has(key(l)) && (port === 0 || l.port === port),
    );
    for (const listener of fresh) {
      appeared = listener;
      const session = await tryConnect(listener, pid);
      if (session !== null) return { session, listener, opened: true };
    }
  }
  if (appeared !== undefined) {
    throw new CommandError(
      `process ${pid} opened its inspector on ${address(appeared)} but it did not answer; ` +
        "it may still be listening",
    );
  }
  if (port !== 0 && !(await refused({ host: "127.0.0.1", port }))) {
    throw new CommandError(
      `process ${pid} could not open its inspector: port ${port} is taken by another ` +
        "process (start it with --inspect-port=PORT to choose another)",
    );
  }
  throw new CommandError(
    `process ${pid} did not open its inspector within ${timeoutSeconds} s ` +
      "(does it handle SIGUSR1 itself?)",
  );
}

/**
 * Ends the session; closes the inspector if this command opened it and
 * checks that nothing listens on its port any more.
 */
export async function closeInspector(pid: number, inspector: Inspector): Promise<void> {
  const { session, listener } = inspector;
  if (!inspector.opened) {
    await session.close();
    return;
  }
  // Closing ends every session, this one included: its reply never comes.
  session
    .send("Runtime.evaluate", {
      expression:
        '(() => { try { require("node:inspector").close(); } catch { process._debugEnd(); } })()',
      // The console's scope has `require`, even in an ES module program.
      includeCommandLineAPI: true,
    })
    .catch(() => {});
  await Promise.race([session.closed, delay(5000, undefined, { ref: false })]);
  const deadline = Date.now() + 5000;
  for (;;) {
    const listening = (await sockets(pid).catch(() => [])).some((l) => key(l) === key(listener));
    if (!listening && (await refused(listener))) return;
    if (Date.now() > deadline) {
      await session.close();
      throw new CommandError(
        `the inspector of process ${pid} is still listening on ${address(listener)}`,
      );
    }
    await delay(POLL_MS);
  }
}

/** Sends `sig` (0: none, only the checks: the process exists and this user may signal it). */
function signal(pid: number, sig: 0 | "SIGUSR1"): void {
  try {
    process.kill(pid, sig);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ESRCH") throw new CommandError(`no such process: ${pid}`);
    if (code === "EPERM") throw permissionDenied(pid);
    throw e;
  }
}

function permissionDenied(pid: number): CommandError {
  return new CommandError(
    `permission denied: only process ${pid}'s own user or root may signal and debug it`,
  );
}

async function sockets(pid: number): Promise<Listener[]> {
  try {
    return await listeningSockets(pid);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "EPERM") throw permissionDenied(pid);
    if (code === "ENOENT") throw new CommandError(`process ${pid} exited`);
    throw e;
  }
}

/** A session with the inspector at `listener`, if it is one and it belongs to `pid`. */
async function tryConnect(listener: Listener, pid: number): Promise<CdpSession | null> {
  let url: unknown;
  try {
    const targets = (await getJson(`http://${address(listener)}/json/list`)) as {
      webSocketDebuggerUrl?: unknown;
    }[];
    url = targets.find((t) => typeof t.webSocketDebuggerUrl === "string")?.webSocketDebuggerUrl;
  } catch {
    return null;
  }
  if (typeof url !== "string") return null;
  const session = await CdpSession.connect(url).catch(() => null);
  if (session === null) return null;
  const reply = await session
    .send<{ result: { value?: unknown } }>("Runtime.evaluate", {
      expression: "process.pid",
      returnByValue: true,
    })
    .catch(() => null);
  if (reply?.result.value === pid) return session;
  await session.close();
  return null;
}

/** GETs `url` and parses its body as JSON, on a connection of its own (none is kept alive). */
function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent: false, timeout: 2000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
        } catch (e) {
          reject(e);
        }
      });
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on("error", reject);
  });
}

/** Whether a connection to `listener` is refused. */
function refused(listener: Listener): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: listener.host, port: listener.port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

function address(listener: Listener): string {
  const host = listener.host.includes(":") ? `[${listener.host}]` : listener.host;
  return `${host}:${listener.port}`;
}

function key(listener: Listener): string {
  return address(listener);
}
