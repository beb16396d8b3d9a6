/**
 * What Linux's /proc says about another process, for `asyncio-ts ps`:
 * whether it catches SIGUSR1 (a Node process does, to open its inspector;
 * for most other programs the signal's default action is to terminate), the
 * TCP ports it listens on (the inspector's is the one that appears after the
 * signal), and the inspector port its command line asks for.
 *
 * Reading another process's file descriptors needs the permission to debug
 * it (same user, or root), the permission the command as a whole requires.
 */
import { readdir, readFile, readlink } from "node:fs/promises";

const SIGUSR1 = 10;

/** Whether `pid` catches SIGUSR1 (the `SigCgt` mask of /proc/PID/status). */
export async function catchesSigusr1(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  if (mask === undefined) return false;
  return ((BigInt(`0x${mask}`) >> BigInt(SIGUSR1 - 1)) & 1n) === 1n;
}

/** A listening TCP socket. */
export interface Listener {
  /** The address to connect to: a loopback address where it listens on all of them. */
  readonly host: string;
  readonly port: number;
}

/** The TCP sockets `pid` listens on, IPv4 then IPv6. */
export async function listeningSockets(pid: number): Promise<Listener[]> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "");
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode !== undefined) inodes.add(inode);
  }
  const found: Listener[] = [];
  for (const table of ["tcp", "tcp6"]) {
    const text = await readFile(`/proc/${pid}/net/${table}`, "utf8").catch(() => "");
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is fields[1], st fields[3] ("0A": LISTEN), inode fields[9].
      if (fields.length < 10 || fields[3] !== "0A" || !inodes.has(fields[9]!)) continue;
      const [address, port] = fields[1]!.split(":") as [string, string];
      found.push({ host: connectHost(address), port: Number.parseInt(port, 16) });
    }
  }
  return found;
}

/**
 * The address in /proc's hex form (IPv4 one little-endian word, IPv6 four),
 * as a host to connect to; the wildcard address becomes the loopback one.
 */
function connectHost(hex: string): string {
  const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(""));
  if (words.length === 1) {
    const ip = words[0]!.match(/../g)!.map((b) => Number.parseInt(b, 16));
    return ip.every((b) => b === 0) ? "127.0.0.1" : ip.join(".");
  }
  const groups = words.flatMap((w) => [w.slice(0, 4), w.slice(4)]);
  const ip = groups.map((g) => Number.parseInt(g, 16).toString(16)).join(":");
  return ip === "0:0:0:0:0:0:0:0" ? "::1" : ip;
}

/** What a process's command line says of its inspector. */
export interface InspectorOptions {
  /** The port it uses; 0: one of the system's choosing. */
  readonly port: number;
  /** Whether it opened at startup (`--inspect`, `--inspect-brk`, `--inspect-wait`). */
  readonly atStart: boolean;
}

/**
 * Node's `--inspect-port`, `--inspect=[host:]port` and kin, on the process's
 * command line or in its NODE_OPTIONS (the last one wins); port 9229 when
 * none is given.
 */
export async function inspectorOptions(pid: number): Promise<InspectorOptions> {
  const argv = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0");
  const environ = await readFile(`/proc/${pid}/environ`, "utf8").catch(() => "");
  const nodeOptions = /(?:^|\0)NODE_OPTIONS=([^\0]*)/.exec(environ)?.[1] ?? "";
  let port = 9229;
  let atStart = false;
  // NODE_OPTIONS applies first; the command line overrides it.
  const tokens = [...nodeOptions.split(/\s+/), ...argv];
  for (let i = 0; i < tokens.length; i++) {
    const option = /^--(inspect|inspect-brk|inspect-wait|inspect-port|debug-port)(?:=(.*))?$/.exec(
      tokens[i]!,
    );
    if (option === null) continue;
    const separate = option[1] === "inspect-port" || option[1] === "debug-port";
    if (!separate) atStart = true;
    const value = option[2] ?? (separate ? tokens[i + 1] : undefined);
    const digits = value === undefined ? undefined : /(?:^|:)(\d+)$/.exec(value)?.[1];
    if (digits !== undefined) port = Number(digits);
  }
  return { port, atStart };
}
