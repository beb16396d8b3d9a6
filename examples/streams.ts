/**
 * Streams both ways: a length-prefixed protocol over TCP (readline,
 * readexactly and IncompleteReadError, drain, writeEof, a graceful close
 * with waitClosed, the server shut down), then a child process's pipes (read
 * line by line while it runs, communicate with input, a timeout and kill).
 * The CPython original is examples/python/streams.py; both print the same
 * lines.
 *
 *   npm run build && node dist/examples/streams.js
 */
import * as asyncio from "asyncio-ts";

const HEADER = 4;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

function frame(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(HEADER + data.length);
  new DataView(out.buffer).setUint32(0, data.length); // big-endian, as to_bytes(4, "big")
  out.set(data, HEADER);
  return out;
}

function sizeOf(header: Uint8Array): number {
  return new DataView(header.buffer, header.byteOffset, HEADER).getUint32(0);
}

function* serve(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  const name = dec(yield* reader.readline()).trim();
  console.log(`server: hello from ${name}`);
  for (;;) {
    let size: number;
    let body: Uint8Array;
    try {
      size = sizeOf(yield* reader.readexactly(HEADER));
      body = yield* reader.readexactly(size);
    } catch (e) {
      if (!(e instanceof asyncio.IncompleteReadError)) throw e;
      console.log(`server: ${name} left mid-frame: ${e.partial.length} of ${e.expected} bytes`);
      break;
    }
    if (size === 0) {
      console.log(`server: ${name} says bye`);
      break;
    }
    writer.write(frame(enc(dec(body).toUpperCase())));
    yield* writer.drain();
  }
  writer.write(enc(`${"x".repeat(100_000)}\nend\n`)); // more than the buffer holds: drain waits
  yield* writer.drain();
  writer.close();
  yield* writer.waitClosed();
}

function* client(
  port: number,
  name: string,
  words: string[],
  polite: boolean,
): asyncio.Coroutine<void> {
  const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
  writer.write(enc(`${name}\n`));
  for (const word of words) {
    writer.write(frame(enc(word)));
    yield* writer.drain();
    const size = sizeOf(yield* reader.readexactly(HEADER));
    console.log(`${name}: ${word} -> ${dec(yield* reader.readexactly(size))}`);
  }
  writer.write(polite ? frame(new Uint8Array()) : frame(enc("truncated")).subarray(0, 7));
  writer.writeEof();
  const big = yield* reader.readexactly(100_001);
  const tail = yield* reader.read();
  console.log(
    `${name}: ${big.length} bytes, then '${dec(tail).trim()}'${reader.atEof() ? ", at EOF" : ""}`,
  );
  writer.close();
  yield* writer.waitClosed();
}

function* tcp(): asyncio.Coroutine<void> {
  const server = yield* asyncio.startServer(serve, "127.0.0.1", 0);
  const [, port] = server.sockets[0]!.getsockname();
  yield* asyncio.asyncWith(server, function* () {
    yield* client(port, "ann", ["hello", "world"], true);
    yield* client(port, "bob", ["bye"], false);
  });
  console.log(!server.isServing() ? "server closed" : "still serving");
  try {
    yield* asyncio.openConnection("127.0.0.1", port);
  } catch (e) {
    if (!(e instanceof asyncio.ConnectionRefusedError)) throw e;
    console.log("a new client is refused");
  }
}

function* processes(): asyncio.Coroutine<void> {
  const ticker = "for i in 1 2 3; do echo tick $i; sleep 0.05; done; echo oops >&2; exit 3";
  const proc = yield* asyncio.createSubprocessExec("sh", ["-c", ticker], {
    stdout: asyncio.subprocess.PIPE,
    stderr: asyncio.subprocess.PIPE,
  });
  console.log(proc.returncode === undefined ? "running" : "finished already");
  for (
    let line = yield* proc.stdout.readline();
    line.length;
    line = yield* proc.stdout.readline()
  ) {
    console.log("child:", dec(line).trim());
  }
  console.log("stderr:", dec(yield* proc.stderr.read()).trim(), "status:", yield* proc.wait());

  const upper = yield* asyncio.createSubprocessExec("tr", ["a-z", "A-Z"], {
    stdin: asyncio.subprocess.PIPE,
    stdout: asyncio.subprocess.PIPE,
  });
  const [out, err] = yield* upper.communicate(enc("hello\nworld\n"));
  const words = dec(out).split(/\s+/).filter(Boolean).join(" ");
  console.log(
    "communicate:",
    words,
    "stderr:",
    err === undefined ? "not piped" : err,
    "status:",
    upper.returncode,
  );

  const hang = yield* asyncio.createSubprocessExec("sh", ["-c", "echo started; exec sleep 60"], {
    stdout: asyncio.subprocess.PIPE,
  });
  console.log("hang:", dec(yield* hang.stdout.readline()).trim());
  try {
    yield* asyncio.waitFor(hang.wait(), 0.2);
  } catch (e) {
    if (!(e instanceof asyncio.TimeoutError)) throw e;
    console.log("hang: timed out, killing");
    hang.kill();
  }
  console.log(
    "hang: status",
    yield* hang.wait(),
    "then",
    (yield* hang.stdout.read()).length,
    "bytes",
  );
}

function* main(): asyncio.Coroutine<void> {
  yield* tcp();
  yield* processes();
}

await asyncio.run(main());
