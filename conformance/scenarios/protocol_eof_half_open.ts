// Pins: a server Protocol whose eof_received returns True keeps the
// connection open for writing after the client's write_eof: it answers, then
// closes. The client transport after write_eof: can_write_eof() is True,
// write_eof() again is a no-op, write()/writelines() raise RuntimeError,
// and it still reads the answer, EOF and connection_lost(None). Real
// sockets run on the real clock (asyncio.run, not vtrun); prints follow
// protocol causality only.
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (d: Uint8Array): string => new TextDecoder().decode(d);

/** Python's repr() of printable ASCII text. */
function b(text: string): string {
  return `b'${text.replace(/\n/g, "\\n")}'`;
}

class Server extends asyncio.Protocol {
  transport!: asyncio.Transport;
  got = "";

  override connectionMade(transport: asyncio.Transport): void {
    this.transport = transport;
  }

  override dataReceived(data: Uint8Array): void {
    this.got += dec(data);
  }

  override eofReceived(): boolean {
    console.log(`server eof_received after ${b(this.got)}`);
    this.transport.write(enc(`answer to ${this.got}`));
    this.transport.close();
    return true;
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`server connection_lost ${show(exc)}`);
  }
}

class Client extends asyncio.Protocol {
  got = "";

  constructor(readonly lost: asyncio.Future<void>) {
    super();
  }

  override dataReceived(data: Uint8Array): void {
    this.got += dec(data);
  }

  override eofReceived(): undefined {
    console.log(`client eof_received after ${b(this.got)}`);
    return undefined;
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`client connection_lost ${show(exc)}`);
    this.lost.setResult(undefined);
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const lost = loop.createFuture<void>();
  const server = yield* loop.createServer(() => new Server(), "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [transport] = yield* loop.createConnection(() => new Client(lost), host, port);
  transport.write(enc("question"));
  console.log(`client can_write_eof=${show(transport.canWriteEof())}`);
  transport.writeEof();
  transport.writeEof();
  try {
    transport.write(enc("more"));
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`client write: ${describe(e)}`);
  }
  try {
    transport.writelines([enc("more")]);
  } catch (e) {
    if (!(e instanceof asyncio.RuntimeError)) throw e;
    console.log(`client writelines: ${describe(e)}`);
  }
  console.log(`client is_closing=${show(transport.isClosing())}`);
  yield* lost;
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
