// Pins: a client_connected_cb coroutine that raises goes to the loop's
// exception handler as 'Unhandled exception in client_connected_cb' (with
// the exception and the transport in the context), and the server closes
// that connection: the client reads EOF. A handler task that is cancelled
// closes its connection too, with no report. (A handler that returns
// closes nothing; CPython 3.13's StreamWriter.__del__ then closes it at
// garbage collection, which JavaScript cannot observe, so that case is not
// here.) Real sockets run on the real clock (asyncio.run, not vtrun);
// prints follow protocol causality only.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (d: Uint8Array): string => new TextDecoder().decode(d);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${dec(data).replace(/\n/g, "\\n")}'`;
}

function handler(_loop: unknown, context: { message?: string; exception?: unknown }): void {
  console.log(
    `handler: ${context.message} -> ${describe(context.exception)} transport=${show("transport" in context)}`,
  );
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.setExceptionHandler(handler);
  const waiting = loop.createFuture<asyncio.Task<unknown>>();

  function* handle(reader: asyncio.StreamReader, _writer: asyncio.StreamWriter) {
    const line = yield* reader.readline();
    console.log(`server got ${b(line)}`);
    if (dec(line) === "raise\n") throw new asyncio.ValueError("bad request");
    waiting.setResult(asyncio.currentTask()!);
    yield* reader.read();
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];

  let [reader, writer] = yield* asyncio.openConnection(host, port);
  writer.write(enc("raise\n"));
  console.log(`client 1 read ${b(yield* reader.read())}`);
  writer.close();
  yield* writer.waitClosed();

  [reader, writer] = yield* asyncio.openConnection(host, port);
  writer.write(enc("wait\n"));
  (yield* waiting).cancel();
  console.log(`client 2 read ${b(yield* reader.read())}`);
  writer.close();
  yield* writer.waitClosed();

  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
