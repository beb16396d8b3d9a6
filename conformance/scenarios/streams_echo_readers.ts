// Pins: StreamReader over a loopback socket: readline, readexactly,
// readuntil (one separator, and a tuple whose earliest-ending match wins,
// 3.13), read() to EOF on the server after the client's write_eof(), then
// EOF on the client: readuntil/readexactly raise IncompleteReadError with
// the partial bytes and the expected size (None reads 'undefined' in the
// message), readline and read return b''. Real sockets run on the real
// clock (asyncio.run, not vtrun); prints follow protocol causality only.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  const text = new TextDecoder().decode(data).replace(/\n/g, "\\n");
  return `b'${text}'`;
}

function* main(): asyncio.Coroutine<void> {
  const handlerDone = asyncio.getRunningLoop().createFuture<void>();

  function* handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {
    const line = yield* reader.readline();
    console.log(`server readline ${b(line)}`);
    writer.write(enc("line one\nABCxyz!rest;"));
    yield* writer.drain();
    const data = yield* reader.read();
    console.log(`server read ${b(data)} at_eof=${show(reader.atEof())}`);
    writer.write(enc("tail"));
    writer.close();
    yield* writer.waitClosed();
    handlerDone.setResult(undefined);
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [reader, writer] = yield* asyncio.openConnection(host, port);
  writer.write(enc("hello\n"));
  console.log(`client readline ${b(yield* reader.readline())}`);
  console.log(`client readexactly ${b(yield* reader.readexactly(3))}`);
  console.log(`client readuntil ${b(yield* reader.readuntil(enc("!")))}`);
  console.log(`client readuntil tuple ${b(yield* reader.readuntil([enc(";"), enc("st")]))}`);
  console.log(`client readexactly ${b(yield* reader.readexactly(1))}`);
  writer.write(enc("bye"));
  console.log(`client can_write_eof=${show(writer.canWriteEof())}`);
  writer.writeEof();
  try {
    yield* reader.readexactly(10);
  } catch (e) {
    if (!(e instanceof asyncio.IncompleteReadError)) throw e;
    console.log(
      `client readexactly: ${describe(e)} partial=${b(e.partial)} expected=${show(e.expected)}`,
    );
  }
  try {
    yield* reader.readuntil(enc("!"));
  } catch (e) {
    if (!(e instanceof asyncio.IncompleteReadError)) throw e;
    console.log(
      `client readuntil: ${describe(e)} partial=${b(e.partial)} expected=${show(e.expected)}`,
    );
  }
  console.log(`client readline at EOF ${b(yield* reader.readline())}`);
  console.log(`client read at EOF ${b(yield* reader.read())} at_eof=${show(reader.atEof())}`);
  yield* handlerDone;
  writer.close();
  yield* writer.waitClosed();
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
