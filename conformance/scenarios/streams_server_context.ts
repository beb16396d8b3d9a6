// Pins: a start_server handler's Task runs in a copy of the context that
// started serving (CPython's accept callback is a Handle made, with a copy
// of the context, when start_server starts listening): a ContextVar set
// before start_server is seen by every handler, one set after it is not,
// and what a handler sets stays in its own Task. Real sockets run on the
// real clock (asyncio.run, not vtrun); prints follow protocol causality.
import * as asyncio from "../../src/index.js";

const requestId = new asyncio.ContextVar("request_id", { default: "unset" });
const enc = new TextEncoder();
const dec = new TextDecoder();

function* handle(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  const line = dec.decode(yield* reader.readline()).trim();
  console.log(`handler ${line} sees ${requestId.get()}`);
  requestId.set(`set by ${line}`);
  writer.write(enc.encode("ok\n"));
  yield* writer.drain();
  writer.close();
  yield* writer.waitClosed();
}

function* client(port: number, name: string): asyncio.Coroutine<void> {
  const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
  writer.write(enc.encode(`${name}\n`));
  console.log(`client ${name} got ${dec.decode(yield* reader.readline()).trim()}`);
  writer.close();
  yield* writer.waitClosed();
}

function* main(): asyncio.Coroutine<void> {
  requestId.set("before start_server");
  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  requestId.set("after start_server");
  const [, port] = server.sockets[0]!.getsockname();
  yield* client(port, "c1");
  yield* client(port, "c2");
  console.log(`main sees ${requestId.get()}`);
  server.close();
  yield* server.waitClosed();
}

await asyncio.run(main());
