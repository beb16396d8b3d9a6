// Pins: a server made with start_serving=False is not serving until
// start_serving(); serve_forever() on it serves, a second serve_forever()
// raises RuntimeError, and cancelling serve_forever() closes the server and
// then waits (wait_closed) for the live connection to end before the task
// finishes cancelled; serve_forever() on a closed server raises
// RuntimeError. (The messages hold the server's repr, with its port, so
// only the class is printed.) Real sockets run on the real clock
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
      writer.write(enc(`echo ${dec(line)}`));
    }
    console.log("server handler: EOF");
    writer.close();
    yield* writer.waitClosed();
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0, { startServing: false });
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  console.log(`created: is_serving=${show(server.isServing())}`);
  yield* server.startServing();
  console.log(`start_serving: is_serving=${show(server.isServing())}`);
  const forever = asyncio.createTask(server.serveForever());
  yield* asyncio.sleep(0);
  console.log(`serve_forever: is_serving=${show(server.isServing())}`);
  try {
    yield* server.serveForever();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log("second serve_forever: RuntimeError");
  }

  const [reader, writer] = yield* asyncio.openConnection(host, port);
  writer.write(enc("one\n"));
  console.log(`client got ${b(yield* reader.readline())}`);

  forever.cancel();
  for (let i = 0; i < 5; i++) yield* asyncio.sleep(0);
  console.log(
    `cancelled: done=${show(forever.done())} is_serving=${show(server.isServing())} sockets=${server.sockets.length}`,
  );
  writer.write(enc("two\n"));
  console.log(`client got ${b(yield* reader.readline())}`);
  writer.close();
  yield* writer.waitClosed();
  try {
    yield* forever;
  } catch (e) {
    if (!(e instanceof asyncio.CancelledError)) throw e;
    console.log(`serve_forever task cancelled=${show(forever.cancelled())}`);
  }
  try {
    yield* server.serveForever();
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log("serve_forever on closed server: RuntimeError");
  }
}

await asyncio.run(main());
