/**
 * An echo server and a client in one program: the server answers each line
 * in upper case; the client sends three lines, reads the answers, and closes.
 *
 *   npm run build && node dist/examples/echo.js
 */
import * as asyncio from "asyncio-ts";

const enc = new TextEncoder();
const dec = new TextDecoder();

function* handleClient(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  const peer = writer.getExtraInfo("peername") as [string, number];
  console.log(`server: connection from ${peer[0]}:${peer[1]}`);
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0) break;
    writer.write(enc.encode(dec.decode(line).toUpperCase()));
    yield* writer.drain();
  }
  console.log("server: client left");
  writer.close();
  yield* writer.waitClosed();
}

function* main(): asyncio.Coroutine<void> {
  const server = yield* asyncio.startServer(handleClient, "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname();
  console.log(`server: listening on ${host}:${port}`);
  yield* asyncio.asyncWith(server, function* () {
    const [reader, writer] = yield* asyncio.openConnection(host, port);
    for (const text of ["hello", "asyncio", "from typescript"]) {
      writer.write(enc.encode(`${text}\n`));
      yield* writer.drain();
      console.log(`client: ${text} -> ${dec.decode(yield* reader.readline()).trimEnd()}`);
    }
    writer.close();
    yield* writer.waitClosed();
    yield* asyncio.sleep(0.05);
  });
}

await asyncio.run(main());
