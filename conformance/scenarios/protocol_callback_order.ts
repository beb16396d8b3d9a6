// Pins: the callback order of Protocol subclasses on both ends of a TCP
// connection: connection_made, data_received, eof_received, connection_lost
// (None for a clean close). eof_received returning None closes the
// transport, so the server's close after the client's write_eof reaches the
// client as EOF. Each side logs into its own list and the lists are printed
// at the end: the two sides' callbacks interleave by the kernel's timing.
// Real sockets run on the real clock (asyncio.run, not vtrun).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${new TextDecoder().decode(data).replace(/\n/g, "\\n")}'`;
}

class Logger extends asyncio.Protocol {
  transport: asyncio.Transport | undefined;

  constructor(
    readonly name: string,
    readonly log: string[],
    readonly lost: asyncio.Future<void>,
  ) {
    super();
  }

  override connectionMade(transport: asyncio.Transport): void {
    this.transport = transport;
    const peer = transport.getExtraInfo("peername") as [string, number];
    this.log.push(`connection_made peer=${peer[0]}`);
  }

  override dataReceived(data: Uint8Array): void {
    this.log.push(`data_received ${b(data)}`);
  }

  override eofReceived(): boolean | undefined {
    this.log.push(`eof_received is_closing=${show(this.transport!.isClosing())}`);
    return undefined;
  }

  override connectionLost(exc: Error | undefined): void {
    this.log.push(`connection_lost ${show(exc)} is_closing=${show(this.transport!.isClosing())}`);
    this.lost.setResult(undefined);
  }
}

class Server extends Logger {
  override dataReceived(data: Uint8Array): void {
    super.dataReceived(data);
    this.transport!.write(enc("pong"));
  }
}

class Client extends Logger {
  override dataReceived(data: Uint8Array): void {
    super.dataReceived(data);
    this.transport!.writeEof();
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const serverLog: string[] = [];
  const clientLog: string[] = [];
  const serverLost = loop.createFuture<void>();
  const clientLost = loop.createFuture<void>();
  const server = yield* loop.createServer(
    () => new Server("server", serverLog, serverLost),
    "127.0.0.1",
    0,
  );
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [transport, protocol] = yield* loop.createConnection(
    () => new Client("client", clientLog, clientLost),
    host,
    port,
  );
  console.log(`create_connection returned; made=${show(clientLog)}`);
  console.log(`same protocol=${show(transport.getProtocol() === protocol)}`);
  transport.write(enc("ping"));
  yield* clientLost;
  yield* serverLost;
  for (const line of serverLog) console.log(`server ${line}`);
  for (const line of clientLog) console.log(`client ${line}`);
  server.close();
  yield* server.waitClosed();
}

await asyncio.run(main());
