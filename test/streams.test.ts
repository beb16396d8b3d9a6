/**
 * StreamReader's logic (CPython's test_streams.py, the parts that need no
 * socket): reads, lines, separators, limits, EOF and errors.
 */
import * as asyncio from "asyncio-ts";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { failureOf, raised, runVirtual, untyped } from "./helpers.js";
import { dec, enc } from "./socket-helpers.js";

function reader(data: string, options?: { limit?: number; eof?: boolean }): asyncio.StreamReader {
  const r = new asyncio.StreamReader(options?.limit);
  if (data) r.feedData(enc(data));
  if (options?.eof) r.feedEof();
  return r;
}

describe("read", () => {
  test("test_read_zero, test_read: read(0) is empty; read(n) waits for data, then gives what is there", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const zero = yield* r.read(0);
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => r.feedData(enc("chunk")));
        return [zero.length, dec(yield* r.read(30))];
      })(),
    );
    expect(out).toEqual([0, "chunk"]);
  });

  test("test_read_until_eof, test_read_eof: read() collects everything until EOF; then empty", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => r.feedData(enc("chunk1\n")));
        loop.callSoon(() => r.feedData(enc("chunk2")));
        loop.callSoon(() => r.feedEof());
        const all = dec(yield* r.read());
        return [all, (yield* r.read()).length, r.atEof()];
      })(),
    );
    expect(out).toEqual(["chunk1\nchunk2", 0, true]);
  });

  test("test_read_exception: a stored exception is raised by the next read", async () => {
    const e = await runVirtual(
      (function* () {
        const r = reader("line\n");
        r.setException(new asyncio.ValueError("broken"));
        return yield* raised(r.read(2));
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.ValueError);
  });

  test("test_exception_waiter: setException wakes the waiting reader with the error", async () => {
    const e = await runVirtual(
      (function* () {
        const r = reader("");
        asyncio.getRunningLoop().callSoon(() => r.setException(new asyncio.ValueError("x")));
        return yield* raised(r.readline());
      })(),
    );
    expect((e as Error).message).toBe("x");
  });

  test("two coroutines waiting for data at once is a RuntimeError", async () => {
    const e = await runVirtual(
      (function* () {
        const r = reader("");
        const first = asyncio.createTask(r.read(1));
        yield* asyncio.sleep(0);
        const err = yield* raised(r.read(1));
        r.feedData(enc("a"));
        yield* first;
        return err;
      })(),
    );
    expect((e as Error).message).toBe(
      "read() called while another coroutine is already waiting for incoming data",
    );
  });
});

describe("readline and readuntil", () => {
  test("test_readline: lines end with their newline; the last one may not; then empty", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("line1\nend", { eof: true });
        const lines = [];
        for (let i = 0; i < 3; i++) lines.push(dec(yield* r.readline()));
        return [...lines, r.atEof()];
      })(),
    );
    expect(out).toEqual(["line1\n", "end", "", true]);
  });

  test("test_readline_limit: a line longer than the limit raises ValueError and is consumed", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("1234567\n89\n", { limit: 7 });
        const fits = dec(yield* r.readline());
        const r2 = reader("12345678\nxx\n", { limit: 7 });
        const e = (yield* raised(r2.readline())) as Error;
        return [fits, e.constructor.name, e.message, dec(yield* r2.readline())];
      })(),
    );
    expect(out).toEqual([
      "1234567\n",
      "ValueError",
      "Separator is found, but chunk is longer than limit",
      "xx\n",
    ]);
  });

  test("test_readuntil_limit_found_sep: a separator not found within the limit raises LimitOverrunError and leaves the data for a later read", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("abcdefgh", { limit: 3 });
        const e = (yield* raised(r.readuntil(enc("X")))) as asyncio.LimitOverrunError;
        return [e.message, e.consumed, dec(yield* r.read(100))];
      })(),
    );
    expect(out).toEqual(["Separator is not found, and chunk exceed the limit", 8, "abcdefgh"]);
  });

  test("test_readuntil_multi_chunks_1 and several separators: the shortest match wins", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => r.feedData(enc("a=")));
        loop.callSoon(() => r.feedData(enc("=b--c")));
        const seps = [enc("--"), enc("==")];
        return [dec(yield* r.readuntil(seps)), dec(yield* r.readuntil(seps))];
      })(),
    );
    expect(out).toEqual(["a==", "b--"]);
  });

  test("test_readuntil_eof: EOF before the separator raises IncompleteReadError with the partial data", async () => {
    const e = await runVirtual(
      (function* () {
        const r = reader("some dataAA", { eof: true });
        return yield* raised(r.readuntil(enc("AAA")));
      })(),
    );
    expect(e).toBeInstanceOf(asyncio.IncompleteReadError);
    const ire = e as asyncio.IncompleteReadError;
    expect(dec(ire.partial)).toBe("some dataAA");
    expect(ire.expected).toBeUndefined();
    expect(ire.message).toBe("11 bytes read on a total of undefined expected bytes");
  });

  test("an empty separator, or none, is a ValueError", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("x");
        const empty = (yield* raised(r.readuntil(new Uint8Array(0)))) as Error;
        const none = (yield* raised(r.readuntil([]))) as Error;
        return [empty.message, none.message];
      })(),
    );
    expect(out).toEqual([
      "Separator should be at least one-byte string",
      "Separator should contain at least one element",
    ]);
  });
});

describe("wrong arguments: the class CPython raises, the API and the argument named", () => {
  test("test_ctor_global_loop's limits: a limit that is not a positive number (an options object, a string, NaN)", async () => {
    const out = await runVirtual(
      (function* () {
        return [
          yield* failureOf(() => new asyncio.StreamReader(0).read()),
          yield* failureOf(() => new asyncio.StreamReader(-1).read()),
          yield* failureOf(() => new asyncio.StreamReader(untyped({ limit: 10 })).read()),
          yield* failureOf(() => new asyncio.StreamReader(untyped("10")).read()),
          yield* failureOf(() => new asyncio.StreamReader(Number.NaN).read()),
        ];
      })(),
    );
    // CPython: ValueError "Limit cannot be <= 0"; TypeError "'<=' not supported between instances of 'dict' and 'int'".
    expect(out).toEqual([
      "ValueError: Limit cannot be <= 0",
      "ValueError: Limit cannot be <= 0",
      "TypeError: StreamReader() argument 'limit' must be a number, not Object (a positional argument, not an options object)",
      "TypeError: StreamReader() argument 'limit' must be a number, not str",
      "ValueError: Limit cannot be <= 0",
    ]);
  });

  test("feedData of a string is a TypeError saying how to encode it (it once hung the reader)", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const message = yield* failureOf(() => {
          r.feedData(untyped("hello\n"));
          return r.readline();
        });
        r.feedData(enc("bytes\n"));
        return [message, dec(yield* r.readline())];
      })(),
    );
    // CPython: TypeError "expected iterable of integers; got: 'str'" (bytearray.extend).
    expect(out).toEqual([
      "TypeError: data argument must be a bytes-like object, not 'str' (encode it: new TextEncoder().encode(text))",
      "bytes\n",
    ]);
  });

  test("read and readexactly take an int: a string or a float is a TypeError (they once read by coercion)", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("abcdef");
        return [
          yield* failureOf(() => r.readexactly(untyped("2"))),
          yield* failureOf(() => r.readexactly(1.5)),
          yield* failureOf(() => r.read(untyped("2"))),
          yield* failureOf(() => r.read(untyped({ n: 2 }))),
          dec(yield* r.readexactly(6)),
        ];
      })(),
    );
    // CPython: TypeError "'<' not supported between instances of 'str' and 'int'"; "slice indices must be integers…".
    expect(out).toEqual([
      "TypeError: readexactly() argument 'n' must be an int, not str",
      "TypeError: readexactly() argument 'n' must be an int, not float",
      "TypeError: read() argument 'n' must be an int, not str",
      "TypeError: read() argument 'n' must be an int, not Object",
      "abcdef",
    ]);
  });

  test("test_readuntil_separator's checks in CPython's order: '' is a ValueError, a string or a number a TypeError", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("abc", { eof: true });
        return [
          yield* failureOf(() => r.readuntil(untyped(""))),
          yield* failureOf(() => r.readuntil(untyped([enc("b"), ""]))),
          yield* failureOf(() => r.readuntil(untyped("b"))),
          yield* failureOf(() => r.readuntil(untyped(42))),
          dec(yield* r.readuntil(enc("b"))),
        ];
      })(),
    );
    // CPython: ValueError "Separator should be at least one-byte string" for '' and ('',);
    // TypeError "argument should be integer or bytes-like object, not 'str'" for 'b'.
    expect(out).toEqual([
      "ValueError: Separator should be at least one-byte string",
      "ValueError: Separator should be at least one-byte string",
      "TypeError: readuntil() separator must be bytes (a Uint8Array), not str (encode it: new TextEncoder().encode(text))",
      "TypeError: readuntil() separator must be bytes (a Uint8Array), not int",
      "ab",
    ]);
  });
});

describe("readexactly", () => {
  test("test_readexactly_zero_or_less: 0 is empty, negative is a ValueError", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("data");
        const zero = (yield* r.readexactly(0)).length;
        const e = (yield* raised(r.readexactly(-1))) as Error;
        return [zero, e.message];
      })(),
    );
    expect(out).toEqual([0, "readexactly size can not be less than zero"]);
  });

  test("test_readexactly: waits until n bytes are there across chunks", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => r.feedData(enc("chunk1")));
        loop.callSoon(() => r.feedData(enc("chunk2")));
        return dec(yield* r.readexactly(9));
      })(),
    );
    expect(out).toBe("chunk1chu");
  });

  test("test_readexactly_eof: EOF first raises IncompleteReadError(partial, expected)", async () => {
    const e = await runVirtual(
      (function* () {
        const r = reader("ab", { eof: true });
        return yield* raised(r.readexactly(5));
      })(),
    );
    const ire = e as asyncio.IncompleteReadError;
    expect(ire).toBeInstanceOf(asyncio.EOFError);
    expect([dec(ire.partial), ire.expected, ire.message]).toEqual([
      "ab",
      5,
      "2 bytes read on a total of 5 expected bytes",
    ]);
  });
});

describe("readexactly written by hand behaves as the generator it replaces", () => {
  test("a negative size raises when awaited, not when called", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("data");
        const pending = r.readexactly(-1); // no error yet, as a generator
        const e = (yield* raised(pending)) as Error;
        return [e.constructor.name, e.message, dec(yield* r.readexactly(4))];
      })(),
    );
    expect(out).toEqual(["ValueError", "readexactly size can not be less than zero", "data"]);
  });

  test("cancelled while waiting, it leaves no waiter: the next read waits and gets the bytes", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("ab");
        const task = asyncio.createTask(r.readexactly(4));
        yield* asyncio.sleep(0);
        const waiting = String(r);
        task.cancel();
        const cancelled = (yield* raised(task)) instanceof asyncio.CancelledError;
        const after = String(r);
        asyncio.getRunningLoop().callSoon(() => r.feedData(enc("cd")));
        return [waiting.includes("waiter="), cancelled, after, dec(yield* r.readexactly(4))];
      })(),
    );
    expect(out).toEqual([true, true, "<StreamReader 2 bytes>", "abcd"]);
  });

  test("a second reader while one waits is a RuntimeError; an error set while waiting is raised", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const first = asyncio.createTask(r.readexactly(1));
        yield* asyncio.sleep(0);
        const second = (yield* raised(r.readexactly(1))) as Error;
        r.setException(new asyncio.ConnectionResetError("gone"));
        const firstError = (yield* raised(first)) as Error;
        return [second.message, firstError.message, String(r).includes("waiter=")];
      })(),
    );
    expect(out).toEqual([
      "readexactly() called while another coroutine is already waiting for incoming data",
      "gone",
      false,
    ]);
  });

  test("EOF fed while waiting raises IncompleteReadError with what came", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const loop = asyncio.getRunningLoop();
        loop.callSoon(() => r.feedData(enc("xy")));
        loop.callSoon(() => r.feedEof());
        const e = (yield* raised(r.readexactly(3))) as asyncio.IncompleteReadError;
        return [dec(e.partial), e.expected, r.atEof()];
      })(),
    );
    expect(out).toEqual(["xy", 3, true]);
  });
});

describe("one wait after another (the reader waits on its last Future again)", () => {
  test("a read woken but not yet resumed while another starts waiting: each wait has its own Future, as in CPython", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const t1 = asyncio.createTask(r.read(1));
        yield* asyncio.sleep(0);
        r.feedData(enc("a"));
        // Both run their first step now, before t1 resumes: t0 takes the byte, t2 waits.
        const t0 = asyncio.createTask(r.read(1), { eagerStart: true });
        const t2 = asyncio.createTask(r.read(1), { eagerStart: true });
        const t2Waits = String(t2).includes("wait_for=<Future pending cb=[Task.task_wakeup()]>");
        yield* asyncio.sleep(0);
        const t1Read = dec(t1.result());
        const afterT1 = String(r);
        // t1's `finally` cleared the reader's waiter (CPython's `self._waiter = None`): t2 is not woken.
        r.feedData(enc("b"));
        yield* asyncio.sleep(0);
        const t2Done = t2.done();
        t2.cancel();
        const t2Cancelled = (yield* raised(t2)) instanceof asyncio.CancelledError;
        return [
          dec(t0.result()),
          t2Waits,
          t1Read,
          afterT1,
          t2Done,
          t2Cancelled,
          dec(yield* r.read(1)),
        ];
      })(),
    );
    // CPython 3.13, the same program (eager_task_factory for the eager tasks).
    expect(out).toEqual(["a", true, "", "<StreamReader>", false, true, "b"]);
  });

  test("waits that end every way, one after another: cancelled with and without a message, woken, failed", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const seen: unknown[] = [];
        let t = asyncio.createTask(r.read(1));
        yield* asyncio.sleep(0);
        t.cancel("first");
        seen.push(((yield* raised(t)) as Error).message);
        t = asyncio.createTask(r.read(1));
        yield* asyncio.sleep(0);
        seen.push(String(t).includes("wait_for=<Future pending cb=[Task.task_wakeup()]>"));
        t.cancel();
        seen.push(((yield* raised(t)) as Error).message);
        const exactly = asyncio.createTask(r.readexactly(2));
        yield* asyncio.sleep(0);
        r.feedData(enc("xy"));
        seen.push(dec(yield* exactly));
        const until = asyncio.createTask(r.readuntil(enc("\n")));
        yield* asyncio.sleep(0);
        r.setException(new asyncio.ValueError("boom"));
        seen.push(((yield* raised(until)) as Error).message);
        return seen;
      })(),
    );
    // CPython 3.13: ('first',), a pending Future, (), b'xy', boom.
    expect(out).toEqual(["first", true, "", "xy", "boom"]);
  });
});

describe("readexactly parks its Task (no Future of its own per wait)", () => {
  test("a readexactly woken but not yet resumed while another starts waiting: the first one's finally orphans the second", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const t1 = asyncio.createTask(r.readexactly(1));
        yield* asyncio.sleep(0);
        r.feedData(enc("a"));
        const t0 = asyncio.createTask(r.readexactly(1), { eagerStart: true });
        const t2 = asyncio.createTask(r.readexactly(1), { eagerStart: true });
        const t2Waits = String(t2).includes("wait_for=<Future pending cb=[Task.task_wakeup()]>");
        yield* asyncio.sleep(0);
        const t1Done = t1.done();
        r.feedData(enc("b"));
        yield* asyncio.sleep(0);
        const t1Read = dec(t1.result());
        const t2Done = t2.done();
        t2.cancel();
        const t2Cancelled = (yield* raised(t2)) instanceof asyncio.CancelledError;
        return [dec(t0.result()), t2Waits, t1Done, t1Read, t2Done, t2Cancelled, String(r)];
      })(),
    );
    // CPython 3.13, the same program (eager_task_factory for the eager tasks).
    expect(out).toEqual(["a", true, false, "b", false, true, "<StreamReader>"]);
  });

  test("an error set while a readexactly waits wakes its Task with that error, once", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const t = asyncio.createTask(r.readexactly(2));
        yield* asyncio.sleep(0);
        r.setException(new asyncio.ValueError("boom"));
        r.feedData(enc("xy"));
        const e = (yield* raised(t)) as Error;
        return [e.message, String(r)];
      })(),
    );
    // CPython 3.13: boom, and the bytes fed after stay buffered.
    expect(out).toEqual(["boom", "<StreamReader 2 bytes exception=ValueError('boom')>"]);
  });

  test("cancelled, then data before its Task runs: the Task is cancelled once and the data stays for the next read", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const t = asyncio.createTask(r.readexactly(2));
        yield* asyncio.sleep(0);
        t.cancel("stop");
        r.feedData(enc("xy"));
        const e = (yield* raised(t)) as Error;
        return [e instanceof asyncio.CancelledError, e.message, dec(yield* r.readexactly(2))];
      })(),
    );
    // CPython 3.13: the waiter is cancelled, so feed_data leaves it alone.
    expect(out).toEqual([true, "stop", "xy"]);
  });

  test("resumed by hand from another coroutine while its Task waits: RuntimeError, as `yield* waiter` on a pending Future", async () => {
    const out = await runVirtual(
      (function* () {
        const r = reader("");
        const coro = r.readexactly(2);
        const t = asyncio.createTask(coro);
        yield* asyncio.sleep(0);
        let error = "";
        try {
          coro.next();
        } catch (e) {
          error = (e as Error).message;
        }
        const waiting = String(r).includes("waiter=");
        r.feedData(enc("xy"));
        yield* asyncio.sleep(0);
        const done = t.done();
        t.cancel();
        const cancelled = (yield* raised(t)) instanceof asyncio.CancelledError;
        return [error, waiting, done, cancelled, dec(yield* r.readexactly(2))];
      })(),
    );
    // As a generator awaiting its own Future (CPython's pure-Python Future): the
    // hand's resumption fails and leaves the wait; the Task stays waiting until cancelled.
    expect(out).toEqual(["await wasn't used with future", false, false, true, "xy"]);
  });
});

describe("flow control", () => {
  test("reading pauses while more than twice the limit is buffered and resumes as it drains", async () => {
    const calls: string[] = [];
    await runVirtual(
      (function* () {
        const r = new asyncio.StreamReader(4);
        r.setTransport({
          pauseReading: () => calls.push("pause"),
          resumeReading: () => calls.push("resume"),
        });
        r.feedData(enc("123456789"));
        yield* r.read(2);
        yield* r.read(4);
      })(),
    );
    expect(calls).toEqual(["pause", "resume"]);
  });
});

describe("async iteration", () => {
  test("asyncFor over a reader (CPython's async for line in reader) gives its lines, the last without a newline, until EOF", async () => {
    const lines = await runVirtual(
      (function* () {
        const loop = asyncio.getRunningLoop();
        const r = new asyncio.StreamReader();
        r.feedData(enc("line1\nline2\nrest"));
        loop.callSoon(() => r.feedData(enc(" of it\nlast")));
        loop.callSoon(() => loop.callSoon(() => r.feedEof()));
        const seen: string[] = [];
        yield* asyncio.asyncFor(r, function* (line) {
          seen.push(dec(line));
        });
        return seen;
      })(),
    );
    expect(lines).toEqual(["line1\n", "line2\n", "rest of it\n", "last"]);
  });

  test("an error fed to the reader ends the iteration with that error", async () => {
    const error = await runVirtual(
      (function* () {
        const r = new asyncio.StreamReader();
        r.feedData(enc("one\n"));
        asyncio.getRunningLoop().callSoon(() => r.setException(new asyncio.ValueError("broken")));
        return yield* raised(asyncio.asyncFor(r, function* () {}));
      })(),
    );
    expect(error).toBeInstanceOf(asyncio.ValueError);
    expect((error as Error).message).toBe("broken");
  });
});

describe("what a read returns", () => {
  type ReadOp =
    | { kind: "read" | "readexactly"; n: number }
    | { kind: "readAll" | "readline" | "readuntil" | "anext" };
  const readOp: fc.Arbitrary<ReadOp> = fc.oneof(
    fc.record({
      kind: fc.constantFrom("read" as const, "readexactly" as const),
      n: fc.integer({ min: 0, max: 9 }),
    }),
    fc.record({
      kind: fc.constantFrom(
        "readAll" as const,
        "readline" as const,
        "readuntil" as const,
        "anext" as const,
      ),
    }),
  );

  /** One read of `r`; the bytes it gave (an IncompleteReadError's partial for a short readexactly). */
  function* readOnce(
    r: asyncio.StreamReader,
    op: ReadOp,
  ): asyncio.Coroutine<Uint8Array | undefined> {
    try {
      switch (op.kind) {
        case "read":
          return yield* r.read(op.n);
        case "readexactly":
          return yield* r.readexactly(op.n);
        case "readAll":
          return yield* r.read();
        case "readline":
          return yield* r.readline();
        case "readuntil":
          return yield* r.readuntil(enc("b"));
        case "anext": {
          const next = yield* r.anext();
          return next.done ? undefined : next.value;
        }
      }
    } catch (e) {
      if (e instanceof asyncio.IncompleteReadError) return e.partial;
      throw e;
    }
  }

  test("every read gives a Node Buffer, however the bytes were chunked (Buffers or plain Uint8Arrays, whole, split or joined), and String() of it is its text", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.stringMatching(/^[ab\n]{1,6}$/), fc.boolean()), { maxLength: 6 }),
        fc.array(readOp, { minLength: 1, maxLength: 8 }),
        async (chunks, ops) => {
          const { texts, rest } = await runVirtual(
            (function* () {
              const r = new asyncio.StreamReader();
              for (const [text, asBuffer] of chunks)
                r.feedData(asBuffer ? Buffer.from(text) : enc(text));
              r.feedEof();
              const texts: string[] = [];
              for (const op of ops) {
                const data = yield* readOnce(r, op);
                if (data === undefined) continue;
                expect(Buffer.isBuffer(data)).toBe(true);
                texts.push(String(data));
              }
              return { texts, rest: String(yield* r.read()) };
            })(),
          );
          expect(texts.join("") + rest).toBe(chunks.map(([text]) => text).join(""));
        },
      ),
      { numRuns: 300 },
    );
  });
});
