// Pins: CPython 3.12.1+ Server.close() with a live connection: it stops
// listening (is_serving() False, sockets empty, a new connection is
// refused) but leaves the connection working; wait_closed() returns only
// once that connection is gone, and at once on a closed idle server.
// close() twice is harmless. Real sockets run on the real clock
// (asyncio.run, not vtrun); prints follow protocol causality only.
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (d: Uint8Array): string => new TextDecoder().decode(d);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${dec(data).replace(/\n/g, "\\n")}'`;
}

function* main(): asyncio.Coroutine<void> {
  function* handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {
    for (;;) {
      const line = yield* reader.readline();
      if (line.length === 0) break;
      writer.write(enc(dec(line).toUpperCase()));
    }
    console.log("server handler: EOF");
    writer.close();
    yield* writer.waitClosed();
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  console.log(`is_serving=${show(server.isServing())} sockets=${server.sockets.length}`);
  const [reader, writer] = yield* asyncio.openConnection(host, port);
  writer.write(enc("before\n"));
  console.log(`client got ${b(yield* reader.readline())}`);

  server.close();
  server.close();
  console.log(`closed: is_serving=${show(server.isServing())} sockets=${server.sockets.length}`);
  const waiter = asyncio.createTask(server.waitClosed());
  for (let i = 0; i < 5; i++) yield* asyncio.sleep(0);
  console.log(`wait_closed done=${show(waiter.done())}`);
  try {
    yield* asyncio.openConnection(host, port);
  } catch (e) {
    if (!(e instanceof asyncio.ConnectionRefusedError)) throw e;
    console.log("new connection: ConnectionRefusedError");
  }

  writer.write(enc("after close\n"));
  console.log(`client got ${b(yield* reader.readline())}`);
  console.log(`wait_closed done=${show(waiter.done())}`);
  writer.close();
  yield* writer.waitClosed();
  yield* waiter;
  console.log("wait_closed returned");
  yield* server.waitClosed();
  console.log("wait_closed again returned");
}

await asyncio.run(main());
