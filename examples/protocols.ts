/**
 * The transports-and-protocols layer: a TCP server written as a Protocol, a
 * client Protocol that talks to it, and a UDP ping. The CPython original is
 * examples/python/protocols.py; both print the same lines.
 *
 *   npm run build && node dist/examples/protocols.js
 */
import * as asyncio from "asyncio-ts";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

class Shout extends asyncio.Protocol {
  private transport!: asyncio.Transport;

  override connectionMade(transport: asyncio.Transport): void {
    this.transport = transport;
    console.log("server: connection made");
  }

  override dataReceived(data: Uint8Array): void {
    console.log(`server: got '${dec(data)}'`);
    this.transport.write(enc(dec(data).toUpperCase()));
  }

  override eofReceived(): boolean {
    console.log("server: eof, answering and closing");
    this.transport.write(enc("BYE"));
    return false;
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`server: connection lost (${exc === undefined ? "None" : exc})`);
  }
}

class Client extends asyncio.Protocol {
  private received = "";

  constructor(private readonly done: asyncio.Future<string>) {
    super();
  }

  override connectionMade(transport: asyncio.Transport): void {
    transport.write(enc("hello"));
    transport.writeEof();
  }

  override dataReceived(data: Uint8Array): void {
    this.received += dec(data);
  }

  override connectionLost(): void {
    this.done.setResult(this.received);
  }
}

class Pong extends asyncio.DatagramProtocol {
  private transport!: asyncio.DatagramTransport;

  override connectionMade(transport: asyncio.DatagramTransport): void {
    this.transport = transport;
  }

  override datagramReceived(data: Uint8Array, addr: asyncio.Address): void {
    this.transport.sendto(enc(`pong:${dec(data)}`), addr);
  }
}

class Ping extends asyncio.DatagramProtocol {
  constructor(private readonly answers: asyncio.Queue<string>) {
    super();
  }

  override datagramReceived(data: Uint8Array): void {
    this.answers.putNowait(dec(data));
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const server = yield* loop.createServer(() => new Shout(), "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname();
  const done = loop.createFuture<string>();
  yield* loop.createConnection(() => new Client(done), host, port);
  console.log(`client: received '${yield* done}'`);
  server.close();
  yield* server.waitClosed();

  const [pong] = yield* loop.createDatagramEndpoint(() => new Pong(), {
    localAddr: ["127.0.0.1", 0],
  });
  const answers = new asyncio.Queue<string>();
  const [ping] = yield* loop.createDatagramEndpoint(() => new Ping(answers), {
    remoteAddr: pong.getExtraInfo("sockname") as [string, number],
  });
  for (let n = 0; n < 3; n++) {
    ping.sendto(enc(`${n}`));
    console.log(`udp: ${yield* answers.get()}`);
  }
  ping.close();
  pong.close();
}

await asyncio.run(main());
