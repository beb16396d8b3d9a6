/**
 * Subprocesses (Node layer) with real child processes: communicate, exit
 * statuses, streams, signals, and CPython's error classes.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { nodeProgramOutput } from "./helpers.js";

const dec = (b: Uint8Array | undefined): string | undefined =>
  b === undefined ? undefined : new TextDecoder().decode(b);
const node = process.execPath;

describe("createSubprocessExec", () => {
  test("communicate sends input and collects stdout and stderr; wait gives the exit status", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(
          node,
          [
            "-e",
            "process.stdin.on('data', d => process.stdout.write(String(d).toUpperCase())); process.stdin.on('end', () => { process.stderr.write('bye'); process.exit(3); })",
          ],
          { stdin: asyncio.PIPE, stdout: asyncio.PIPE, stderr: asyncio.PIPE },
        );
        const [stdout, stderr] = yield* proc.communicate(new TextEncoder().encode("hello"));
        return [dec(stdout), dec(stderr), proc.returncode, yield* proc.wait()];
      })(),
    );
    expect(out).toEqual(["HELLO", "bye", 3, 3]);
  });

  test("what is read from a child's pipes is a Node Buffer: communicate's output and a line read from stdout", async () => {
    const out = await asyncio.run(
      (function* () {
        const first = yield* asyncio.createSubprocessExec(
          node,
          ["-e", "console.log('one'); console.log('two')"],
          {
            stdout: asyncio.PIPE,
          },
        );
        const line = yield* first.stdout!.readline();
        yield* first.wait();
        const second = yield* asyncio.createSubprocessExec(
          node,
          ["-e", "process.stdout.write('x'.repeat(100000))"],
          {
            stdout: asyncio.PIPE,
          },
        );
        const [all] = yield* second.communicate();
        return [Buffer.isBuffer(line), String(line), Buffer.isBuffer(all), all?.length];
      })(),
    );
    expect(out).toEqual([true, "one\n", true, 100000]);
  });

  test("stdout is a StreamReader: lines arrive as the child prints them", async () => {
    const lines = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(
          node,
          ["-e", "console.log('one'); setTimeout(() => console.log('two'), 20)"],
          { stdout: asyncio.PIPE },
        );
        const got: (string | undefined)[] = [];
        for (;;) {
          const line = yield* proc.stdout!.readline();
          if (line.length === 0) break;
          got.push(dec(line));
        }
        yield* proc.wait();
        return got;
      })(),
    );
    expect(lines).toEqual(["one\n", "two\n"]);
  });

  test("STDOUT merges stderr into stdout; DEVNULL gives no stream", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessShell("echo out; echo err 1>&2", {
          stdout: asyncio.PIPE,
          stderr: asyncio.STDOUT,
          stdin: asyncio.DEVNULL,
        });
        const [stdout, stderr] = yield* proc.communicate();
        return [dec(stdout)?.split("\n").sort().join(","), stderr, proc.stdin];
      })(),
    );
    expect(out).toEqual([",err,out", undefined, undefined]);
  });

  test("a killed child has the negative signal number; signalling it afterwards is ProcessLookupError", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(node, [
          "-e",
          "setTimeout(() => {}, 60000)",
        ]);
        proc.kill();
        const code = yield* proc.wait();
        let error: unknown;
        try {
          proc.terminate();
        } catch (e) {
          error = e;
        }
        return [code, error instanceof asyncio.ProcessLookupError];
      })(),
    );
    expect(out).toEqual([-9, true]);
  });

  test("a program that does not exist raises FileNotFoundError", async () => {
    const e = await asyncio.run(
      (function* () {
        try {
          yield* asyncio.createSubprocessExec("/no/such/program");
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (err) {
          return err;
        }
        return undefined;
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.FileNotFoundError);
    expect((e as asyncio.OSError).errno).toBe("ENOENT");
    // CPython's Popen message.
    expect((e as Error).message).toBe("[Errno 2] No such file or directory: '/no/such/program'");
  });

  test("commands run concurrently: three sleeps of 0.2 s finish together", async () => {
    const out = await asyncio.run(
      (function* () {
        const run = function* (i: number): asyncio.Coroutine<string | undefined> {
          const proc = yield* asyncio.createSubprocessExec(
            node,
            ["-e", `setTimeout(() => console.log('done ${i}'), 200)`],
            { stdout: asyncio.PIPE },
          );
          const [stdout] = yield* proc.communicate();
          return dec(stdout);
        };
        return yield* asyncio.gather(run(1), run(2), run(3));
      })(),
    );
    expect(out).toEqual(["done 1\n", "done 2\n", "done 3\n"]);
  });

  test("communicate with 4 MiB in and out does not deadlock (feeding and reading run together)", async () => {
    const size = 4 * 1024 * 1024;
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec("cat", [], {
          stdin: asyncio.PIPE,
          stdout: asyncio.PIPE,
        });
        const input = new Uint8Array(size).map((_, i) => i % 251);
        const [stdout] = yield* proc.communicate(input);
        let same = stdout!.length === size;
        for (let i = 0; same && i < size; i += 4093) same = stdout![i] === i % 251;
        return [same, proc.returncode];
      })(),
    );
    expect(out).toEqual([true, 0]);
  });

  test("writing to a child that exited without reading: drain raises BrokenPipeError or ConnectionResetError, communicate ignores it", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(node, ["-e", "process.exit(7)"], {
          stdin: asyncio.PIPE,
        });
        yield* proc.wait();
        const big = new Uint8Array(1024 * 1024);
        let error: unknown;
        try {
          for (let i = 0; i < 8; i++) {
            proc.stdin!.write(big);
            yield* proc.stdin!.drain();
          }
          // eslint-disable-next-line asyncio-ts/no-swallowed-cancellation -- captures what was raised, a CancelledError included, for the test to check
        } catch (e) {
          error = e;
        }
        const second = yield* asyncio.createSubprocessExec(node, ["-e", "process.exit(3)"], {
          stdin: asyncio.PIPE,
        });
        yield* second.wait();
        yield* second.communicate(big);
        return [
          error instanceof asyncio.BrokenPipeError || error instanceof asyncio.ConnectionResetError,
          proc.returncode,
          second.returncode,
        ];
      })(),
    );
    expect(out).toEqual([true, 7, 3]);
  });

  test("several tasks waiting on one process all get its status", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(node, [
          "-e",
          "setTimeout(() => process.exit(5), 50)",
        ]);
        return yield* asyncio.gather(proc.wait(), proc.wait(), proc.wait());
      })(),
    );
    expect(out).toEqual([5, 5, 5]);
  });

  test("cancelling a wait leaves the child running; terminate then ends it with -SIGTERM", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessExec(node, [
          "-e",
          "setTimeout(() => {}, 60000)",
        ]);
        try {
          yield* asyncio.waitFor(proc.wait(), 0.05);
        } catch (e) {
          if (!(e instanceof asyncio.TimeoutError)) throw e;
        }
        const stillRunning = proc.returncode === undefined;
        proc.terminate();
        return [stillRunning, yield* proc.wait()];
      })(),
    );
    expect(out).toEqual([true, -15]);
  });

  test("readline on a child's stdout sees EOF as an empty line after the last one", async () => {
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.createSubprocessShell("printf 'a\\nb'", {
          stdout: asyncio.PIPE,
        });
        const lines: (string | undefined)[] = [];
        for (let i = 0; i < 3; i++) lines.push(dec(yield* proc.stdout!.readline()));
        yield* proc.wait();
        return [lines, proc.stdout!.atEof()];
      })(),
    );
    expect(out).toEqual([["a\n", "b", ""], true]);
  });

  test("a child nobody waited for does not keep Node alive after run() returns (it is killed, as CPython's transport does when collected)", async () => {
    // The child sleeps 30 s; a Node kept alive by it would hit the 20 s guard and fail.
    const stdout = await nodeProgramOutput(`
      await asyncio.run((function* () {
        yield* asyncio.createSubprocessExec("sleep", ["30"], { stdout: asyncio.PIPE });
        console.log("started");
      })());
      console.log("run returned");
    `);
    expect(stdout).toBe("started\nrun returned\n");
  });
});

describe("asyncio.subprocess", () => {
  test("is Python's module: the asyncio documentation's run(cmd), spelled asyncio.subprocess.PIPE", async () => {
    // A module, as in Python, not an object: its names are types as well (types.test-d.ts,
    // package-types.test.ts), and a program cannot rebind one under the others' feet.
    expect(() => {
      (asyncio.subprocess as { PIPE: number }).PIPE = 0;
    }).toThrow(TypeError);
    expect({ ...asyncio.subprocess }).toEqual({
      PIPE: asyncio.PIPE,
      STDOUT: asyncio.STDOUT,
      DEVNULL: asyncio.DEVNULL,
      Process: asyncio.Process,
      createSubprocessExec: asyncio.createSubprocessExec,
      createSubprocessShell: asyncio.createSubprocessShell,
    });
    const out = await asyncio.run(
      (function* () {
        const proc = yield* asyncio.subprocess.createSubprocessShell("echo hello; ls /zzz", {
          stdout: asyncio.subprocess.PIPE,
          stderr: asyncio.subprocess.PIPE,
        });
        const [stdout, stderr] = yield* proc.communicate();
        return [
          proc instanceof asyncio.subprocess.Process,
          dec(stdout),
          stderr!.length > 0,
          proc.returncode,
        ];
      })(),
    );
    expect(out).toEqual([true, "hello\n", true, 2]);
  });
});
