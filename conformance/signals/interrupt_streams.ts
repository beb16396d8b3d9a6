// Twin of interrupt_streams.py.
import * as asyncio from "../../src/index.js";

function* main(): asyncio.Coroutine<void> {
  function* handle(_reader: asyncio.StreamReader, _writer: asyncio.StreamWriter) {
    try {
      yield* new asyncio.Event().wait();
    } finally {
      console.log("handler finally");
    }
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  const port = (server.sockets[0]!.getsockname() as [string, number])[1];
  const [, writer] = yield* asyncio.openConnection("127.0.0.1", port);
  writer.write(new Uint8Array(64 << 20));
  try {
    console.log("ready");
    yield* writer.drain();
  } finally {
    console.log("main finally");
  }
}

await asyncio.run(main());
