// Pins: the client's writer.close() sends what was written, then EOF: the
// server's readexactly gets the bytes and its read() returns b''. On the
// client, wait_closed() returns once the connection is lost; then drain()
// raises ConnectionResetError('Connection lost'), a write is silently
// dropped, and the reader is at EOF. The server's view is reported through
// a Future, so the two sides' prints cannot race. Real sockets run on the
// real clock (asyncio.run, not vtrun).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${new TextDecoder().decode(data).replace(/\n/g, "\\n")}'`;
}

function* main(): asyncio.Coroutine<void> {
  const seen = asyncio.getRunningLoop().createFuture<string[]>();

  function* handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {
    const first = yield* reader.readexactly(4);
    const rest = yield* reader.read();
    seen.setResult([b(first), b(rest), show(reader.atEof())]);
    writer.close();
    yield* writer.waitClosed();
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [reader, writer] = yield* asyncio.openConnection(host, port);
  console.log(`client is_closing=${show(writer.isClosing())}`);
  writer.write(enc("data"));
  writer.close();
  console.log(`client is_closing=${show(writer.isClosing())}`);
  yield* writer.waitClosed();
  console.log("client wait_closed returned");
  try {
    yield* writer.drain();
  } catch (e) {
    if (!(e instanceof asyncio.ConnectionResetError)) throw e;
    console.log(`client drain: ${describe(e)}`);
  }
  writer.write(enc("dropped"));
  console.log("client write after close: no error");
  console.log(`client read ${b(yield* reader.read())} at_eof=${show(reader.atEof())}`);
  const [first, rest, atEof] = yield* seen;
  console.log(`server readexactly ${first}, then read ${rest} at_eof=${atEof}`);
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
