// Pins: an exception raised by a protocol callback is a fatal error of its
// transport: the loop's exception handler gets 'Fatal error:
// protocol.data_received() call failed.' (or eof_received) with the
// exception, the transport and the protocol in the context, and the
// protocol's connection_lost receives that exception. The peer then reads
// EOF. Real sockets run on the real clock (asyncio.run, not vtrun); prints
// follow protocol causality only.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function handler(_loop: unknown, context: { message?: string; exception?: unknown }): void {
  console.log(
    `handler: ${context.message} -> ${describe(context.exception)} transport=${show("transport" in context)} protocol=${show("protocol" in context)}`,
  );
}

class Faulty extends asyncio.Protocol {
  override dataReceived(data: Uint8Array): void {
    if (new TextDecoder().decode(data) === "data") throw new asyncio.ValueError("bad data");
  }

  override eofReceived(): boolean {
    throw new asyncio.RuntimeError("bad eof");
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`server connection_lost ${show(exc)}`);
  }
}

class Client extends asyncio.Protocol {
  constructor(readonly lost: asyncio.Future<void>) {
    super();
  }

  override eofReceived(): undefined {
    console.log("client eof_received");
    return undefined;
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`client connection_lost ${show(exc)}`);
    this.lost.setResult(undefined);
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  loop.setExceptionHandler(handler);
  const server = yield* loop.createServer(() => new Faulty(), "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];

  let lost = loop.createFuture<void>();
  let [transport] = yield* loop.createConnection(() => new Client(lost), host, port);
  transport.write(enc("data"));
  yield* lost;

  lost = loop.createFuture<void>();
  [transport] = yield* loop.createConnection(() => new Client(lost), host, port);
  transport.write(enc("ok"));
  transport.writeEof();
  yield* lost;

  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
