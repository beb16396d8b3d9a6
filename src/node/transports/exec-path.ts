/**
 * Which file CPython's Popen would execute for a program, on Linux, or the
 * error it would raise instead.
 *
 * Node cannot tell: libuv runs the program with glibc's execvp, which hands
 * a file the kernel refuses with ENOEXEC (an executable without "#!") to
 * /bin/sh, so it runs as a shell script and exits 0, where CPython raises
 * `OSError: [Errno 8] Exec format error`. CPython's child calls execve(2) on
 * each candidate (the program itself if it has a slash, else each PATH
 * entry joined with it), goes on past every failure, and reports the first
 * error other than ENOENT/ENOTDIR when none ran. Here each execve is
 * foreseen from the file: missing, not an executable file (EACCES), or a
 * format the kernel cannot run (ENOEXEC: neither "#!", nor ELF, nor a
 * binfmt_misc format). The caller spawns the path found, so glibc has no
 * search of its own to make.
 */
import { fs, path as nodePath } from "../lazy-builtins.js";
import { binfmtMiscMatches } from "./binfmt-misc.js";

/** The path to run, or the code of CPython's error (`ENOENT`, `EACCES`, `ENOEXEC`...). */
export type ExecTarget = { path: string } | { errno: string };

/** The kernel reads this much of a file to choose its format (BINPRM_BUF_SIZE). */
const HEADER_SIZE = 256;

/** CPython's `os.defpath` on Linux: the search path when the environment has no PATH. */
const DEFAULT_PATH = "/bin:/usr/bin";

export function findExecutable(
  program: string,
  cwd: string | undefined,
  env: NodeJS.ProcessEnv | undefined,
): ExecTarget {
  const { join, resolve } = nodePath();
  // subprocess.py: a program with a directory part is run as is, else each PATH entry is tried.
  const candidates = program.includes("/")
    ? [program]
    : ((env ?? process.env).PATH ?? DEFAULT_PATH).split(":").map((dir) => join(dir, program));
  let firstError: string | undefined;
  let lastError = "ENOENT";
  for (const candidate of candidates) {
    // The child chdirs to cwd first, so a relative candidate is relative to it.
    const path = resolve(cwd ?? process.cwd(), candidate);
    const errno = execveError(path);
    if (errno === undefined) return { path };
    lastError = errno;
    if (firstError === undefined && errno !== "ENOENT" && errno !== "ENOTDIR") firstError = errno;
  }
  return { errno: firstError ?? lastError };
}

/** The errno execve(2) would fail with for `path`, or undefined if it would run it. */
function execveError(path: string): string | undefined {
  const { accessSync, constants, statSync } = fs();
  try {
    if (!statSync(path).isFile()) return "EACCES";
    accessSync(path, constants.X_OK);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? "EACCES";
  }
  const header = readHeader(path);
  // An executable the caller may not read is the kernel's to judge.
  if (header === undefined || runnableFormat(path, header)) return undefined;
  return "ENOEXEC";
}

function runnableFormat(path: string, header: Uint8Array): boolean {
  const script = header[0] === 0x23 && header[1] === 0x21; // "#!"
  const elf = header[0] === 0x7f && header[1] === 0x45 && header[2] === 0x4c && header[3] === 0x46;
  return script || elf || binfmtMiscMatches(path, header);
}

function readHeader(path: string): Uint8Array | undefined {
  let fd: number;
  try {
    fd = fs().openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const header = new Uint8Array(HEADER_SIZE);
    fs().readSync(fd, header, 0, HEADER_SIZE, 0);
    return header;
  } catch {
    return undefined;
  } finally {
    fs().closeSync(fd);
  }
}
