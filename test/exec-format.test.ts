/**
 * Programs the kernel cannot execute (Linux): an executable file without
 * "#!" raises OSError ENOEXEC as in CPython, where Node's spawn (glibc's
 * execvp) would run it through /bin/sh; the PATH search is CPython's.
 *
 * The expected errors were recorded from CPython 3.13:
 *   PYENV_VERSION=3.13.0 python3 -c "import asyncio; asyncio.run(asyncio.create_subprocess_exec(P))"
 * for P a `chmod 755` file holding a shell command: OSError, errno 8 (ENOEXEC),
 * str "[Errno 8] Exec format error: 'P'" with P as given (an empty file too);
 * with `env={"PATH": "D1:D2"}` and P only a name: the first error of the
 * candidates that exist ("D1/P" not executable: "[Errno 13] Permission
 * denied: 'P'"), or a later candidate that runs; with `cwd=D`, "./P" is D's.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { binfmtMiscMatches } from "../src/node/transports/binfmt-misc.js";
import { scratchDir } from "./helpers.js";

const dir = scratchDir("exec-format-");
const marker = join(dir, "ran");

function file(path: string, content: string, mode: number): string {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, content);
  chmodSync(path, mode);
  return path;
}

const noShebang = file(join(dir, "bin", "tool"), `touch '${marker}'\n`, 0o755);
const empty = file(join(dir, "bin", "empty"), "", 0o755);
file(join(dir, "locked", "tool"), "#!/bin/sh\n", 0o644);
file(join(dir, "good", "tool"), "#!/bin/sh\necho good\n", 0o755);

/** What createSubprocessExec gives: the error as `Class: message [errno]`, or the output and status. */
function outcome(program: string, options: asyncio.SubprocessOptions = {}): Promise<string> {
  return asyncio.run(
    (function* () {
      try {
        const proc = yield* asyncio.createSubprocessExec(program, [], {
          ...options,
          stdout: asyncio.PIPE,
        });
        const [out] = yield* proc.communicate();
        return `ran: ${new TextDecoder().decode(out).trim()} ${proc.returncode}`;
        // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
      } catch (e) {
        const err = e as asyncio.OSError;
        return `${err.constructor.name}: ${err.message} [${err.errno}]`;
      }
    })(),
  );
}

describe.skipIf(process.platform !== "linux")("a program the kernel cannot execute", () => {
  test("an executable without #! raises OSError ENOEXEC and does not run", async () => {
    expect(await outcome(noShebang)).toBe(
      `OSError: [Errno 8] Exec format error: '${noShebang}' [ENOEXEC]`,
    );
    expect(existsSync(marker)).toBe(false);
  });

  test("an empty executable file raises OSError ENOEXEC", async () => {
    expect(await outcome(empty)).toBe(`OSError: [Errno 8] Exec format error: '${empty}' [ENOEXEC]`);
  });

  test("found through PATH or relative to cwd, the message names the program as given", async () => {
    const bin = join(dir, "bin");
    expect(await outcome("tool", { env: { PATH: bin } })).toBe(
      "OSError: [Errno 8] Exec format error: 'tool' [ENOEXEC]",
    );
    expect(await outcome("./tool", { cwd: bin })).toBe(
      "OSError: [Errno 8] Exec format error: './tool' [ENOEXEC]",
    );
    expect(existsSync(marker)).toBe(false);
  });

  test("the PATH search is CPython's: the first error unless a later candidate runs", async () => {
    const [bin, locked, good] = ["bin", "locked", "good"].map((d) => join(dir, d));
    expect(await outcome("tool", { env: { PATH: `${locked}:${bin}` } })).toBe(
      "PermissionError: [Errno 13] Permission denied: 'tool' [EACCES]",
    );
    expect(await outcome("tool", { env: { PATH: `${bin}:${good}` } })).toBe("ran: good 0");
    expect(await outcome("tool", { env: { PATH: join(dir, "none") } })).toBe(
      "FileNotFoundError: [Errno 2] No such file or directory: 'tool' [ENOENT]",
    );
    expect(existsSync(marker)).toBe(false);
  });

  test("the child's argv[0] is the program as given, not the path found", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec("sh", ["-c", "echo $0"], {
          stdout: asyncio.PIPE,
        });
        return new TextDecoder().decode((yield* proc.communicate())[0]);
      })(),
    );
    expect(out).toBe("sh\n");
  });
});

describe("binfmt_misc", () => {
  const header = (bytes: number[]): Uint8Array => {
    const h = new Uint8Array(256);
    h.set(bytes);
    return h;
  };
  const fake = (entries: Record<string, string>, status = "enabled"): string => {
    const d = mkdtempSync(join(dir, "binfmt-"));
    writeFileSync(join(d, "status"), `${status}\n`);
    writeFileSync(join(d, "register"), "");
    for (const [name, text] of Object.entries(entries)) writeFileSync(join(d, name), text);
    return d;
  };
  // As fs/binfmt_misc.c prints its entries.
  const wine = "enabled\ninterpreter /usr/bin/wine\nflags: \noffset 0\nmagic 4d5a\n";
  const masked = "enabled\ninterpreter /x\nflags: \noffset 2\nmagic 0102\nmask ff0f\n";
  const jar = "enabled\ninterpreter /usr/bin/jexec\nflags: \nextension .jar\n";

  test("an enabled entry matches by magic at its offset (under its mask) or by extension", () => {
    const d = fake({ wine, masked, jar });
    expect(binfmtMiscMatches("/x/a.exe", header([0x4d, 0x5a, 0]), d)).toBe(true);
    expect(binfmtMiscMatches("/x/a", header([0, 0, 0x01, 0xf2]), d)).toBe(true);
    expect(binfmtMiscMatches("/x/a", header([0, 0, 0x01, 0x03]), d)).toBe(false);
    expect(binfmtMiscMatches("/x/app.jar", header([]), d)).toBe(true);
    expect(binfmtMiscMatches("/x.jar/app", header([]), d)).toBe(false);
    expect(binfmtMiscMatches("/x/jar", header([]), d)).toBe(false);
  });

  test("a disabled entry, a disabled binfmt_misc or none mounted matches nothing", () => {
    const z = header([0x4d, 0x5a]);
    expect(binfmtMiscMatches("/x/a", z, fake({ wine: wine.replace("enabled", "disabled") }))).toBe(
      false,
    );
    expect(binfmtMiscMatches("/x/a", z, fake({ wine }, "disabled"))).toBe(false);
    expect(binfmtMiscMatches("/x/a", z, join(dir, "not-mounted"))).toBe(false);
  });
});
