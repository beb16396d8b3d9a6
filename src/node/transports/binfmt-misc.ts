/**
 * Linux's binfmt_misc: formats registered with the kernel beyond ELF and
 * "#!" scripts (Wine for ".exe", qemu for other machines' ELF, Java jars),
 * each with an interpreter the kernel runs such a file with. A file that
 * matches an enabled entry is executable as far as execve(2) is concerned.
 * The entries are read from /proc (fs/binfmt_misc.c prints one per file).
 */
import { fs, path as nodePath } from "../lazy-builtins.js";

const BINFMT_MISC = "/proc/sys/fs/binfmt_misc";

/**
 * True when an enabled binfmt_misc entry claims the file at `path` whose
 * first bytes are `header` (zero-padded, as the kernel's buffer is).
 */
export function binfmtMiscMatches(path: string, header: Uint8Array, dir = BINFMT_MISC): boolean {
  const { readdirSync, readFileSync } = fs();
  const { join } = nodePath();
  let names: string[];
  try {
    if (readFileSync(join(dir, "status"), "latin1").trim() !== "enabled") return false;
    names = readdirSync(dir);
  } catch {
    return false; // not mounted
  }
  for (const name of names) {
    if (name === "status" || name === "register") continue;
    let entry: string;
    try {
      entry = readFileSync(join(dir, name), "latin1");
    } catch {
      continue;
    }
    if (entryMatches(entry, path, header)) return true;
  }
  return false;
}

function entryMatches(entry: string, path: string, header: Uint8Array): boolean {
  const lines = entry.split("\n");
  if (lines[0] !== "enabled") return false;
  const field = (key: string): string | undefined =>
    lines.find((line) => line.startsWith(`${key} `))?.slice(key.length + 1);
  const extension = field("extension");
  if (extension !== undefined) {
    // The kernel compares what follows the path's last dot.
    const dot = path.lastIndexOf(".");
    return dot >= 0 && path.slice(dot) === extension;
  }
  const magic = hexBytes(field("magic"));
  const mask = hexBytes(field("mask"));
  const offset = Number(field("offset") ?? 0);
  if (magic.length === 0) return false;
  return magic.every((byte, i) => (((header[offset + i] ?? 0) ^ byte) & (mask[i] ?? 0xff)) === 0);
}

function hexBytes(hex: string | undefined): number[] {
  const bytes: number[] = [];
  if (hex !== undefined) {
    for (let i = 0; i + 1 < hex.length; i += 2)
      bytes.push(Number.parseInt(hex.slice(i, i + 2), 16));
  }
  return bytes;
}
