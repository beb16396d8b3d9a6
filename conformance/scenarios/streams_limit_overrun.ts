// Pins: LimitOverrunError over a socket (client limit=8). readuntil leaves
// the data in the buffer ("Separator is found, but chunk is longer than
// limit", consumed = where the separator starts; "Separator is not found,
// and chunk exceed the limit", consumed = what is buffered), so the stream
// stays usable; readline turns it into ValueError and drops the line (up to
// and including its newline, or the whole buffer when there is none). Each
// reply is one small write, which a loopback socket delivers in one piece.
// Real sockets run on the real clock (asyncio.run, not vtrun).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (d: Uint8Array): string => new TextDecoder().decode(d);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${dec(data).replace(/\n/g, "\\n")}'`;
}

const REPLIES: Record<string, string> = {
  "one\n": "0123456789!ok\nabcdefghijklmnop\nnext\n",
  "two\n": "xxxxxxxxxxxx",
  "three\n": "yyyyyyyyyyyy",
  "four\n": "done\n",
};

function* main(): asyncio.Coroutine<void> {
  function* handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {
    for (;;) {
      const line = yield* reader.readline();
      if (line.length === 0) break;
      writer.write(enc(REPLIES[dec(line)]!));
    }
    writer.close();
    yield* writer.waitClosed();
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [reader, writer] = yield* asyncio.openConnection(host, port, { limit: 8 });

  writer.write(enc("one\n"));
  try {
    yield* reader.readuntil(enc("!"));
  } catch (e) {
    if (!(e instanceof asyncio.LimitOverrunError)) throw e;
    console.log(`readuntil: ${describe(e)} consumed=${show(e.consumed)}`);
  }
  console.log(`readexactly ${b(yield* reader.readexactly(11))}`);
  console.log(`readline ${b(yield* reader.readline())}`);
  try {
    yield* reader.readline();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`readline: ${describe(e)}`);
  }
  console.log(`readline ${b(yield* reader.readline())}`);

  writer.write(enc("two\n"));
  try {
    yield* reader.readuntil(enc("!"));
  } catch (e) {
    if (!(e instanceof asyncio.LimitOverrunError)) throw e;
    console.log(`readuntil: ${describe(e)} consumed=${show(e.consumed)}`);
  }
  console.log(`read(5) ${b(yield* reader.read(5))}`);
  console.log(`readexactly ${b(yield* reader.readexactly(7))}`);

  writer.write(enc("three\n"));
  try {
    yield* reader.readline();
  } catch (e) {
    if (!(e instanceof asyncio.ValueError)) throw e;
    console.log(`readline: ${describe(e)}`);
  }

  writer.write(enc("four\n"));
  console.log(`readline ${b(yield* reader.readline())}`);
  writer.close();
  yield* writer.waitClosed();
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
