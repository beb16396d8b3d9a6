// Pins: a BufferedProtocol with a 4-byte buffer: the transport asks
// get_buffer(-1) and reports buffer_updated(n) for each piece, so ten bytes
// arrive as 4 + 4 + 2, then eof_received and connection_lost(None). A
// buffer is asked for before every read, the one that finds EOF too. The
// server sends its ten bytes in one write, which a loopback socket delivers
// in one piece. Real sockets run on the real clock (asyncio.run, not vtrun).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${new TextDecoder().decode(data).replace(/\n/g, "\\n")}'`;
}

class Sender extends asyncio.Protocol {
  override connectionMade(transport: asyncio.Transport): void {
    transport.write(enc("abcdefghij"));
    transport.close();
  }
}

class Receiver extends asyncio.BufferedProtocol {
  readonly buffer = new Uint8Array(4);

  constructor(readonly lost: asyncio.Future<void>) {
    super();
  }

  override connectionMade(_transport: asyncio.Transport): void {
    console.log("connection_made");
  }

  override getBuffer(sizeHint: number): Uint8Array {
    console.log(`get_buffer(${sizeHint})`);
    return this.buffer;
  }

  override bufferUpdated(nbytes: number): void {
    console.log(`buffer_updated(${nbytes}) ${b(this.buffer.subarray(0, nbytes))}`);
  }

  override eofReceived(): undefined {
    console.log("eof_received");
    return undefined;
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`connection_lost ${show(exc)}`);
    this.lost.setResult(undefined);
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const lost = loop.createFuture<void>();
  const server = yield* loop.createServer(() => new Sender(), "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  yield* loop.createConnection(() => new Receiver(lost), host, port);
  yield* lost;
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
