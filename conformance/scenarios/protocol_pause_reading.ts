// Pins: pause_reading() in connection_made holds data_received back (even
// though the peer's bytes have arrived) until resume_reading(); is_reading()
// follows, pausing or resuming twice is a no-op, and after close()
// is_reading() is False and pause/resume do nothing. The 0.1 s real sleep
// only gives the bytes time to arrive; nothing printed depends on it. Real
// sockets run on the real clock (asyncio.run, not vtrun).
import * as asyncio from "../../src/index.js";
import { show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  return `b'${new TextDecoder().decode(data).replace(/\n/g, "\\n")}'`;
}

class Sender extends asyncio.Protocol {
  constructor(readonly sent: asyncio.Future<void>) {
    super();
  }

  override connectionMade(transport: asyncio.Transport): void {
    transport.write(enc("hello"));
    this.sent.setResult(undefined);
  }
}

class Reader extends asyncio.Protocol {
  readonly received: string[] = [];

  constructor(
    readonly got: asyncio.Future<void>,
    readonly lost: asyncio.Future<void>,
  ) {
    super();
  }

  override connectionMade(transport: asyncio.Transport): void {
    transport.pauseReading();
    transport.pauseReading();
    console.log(`connection_made: paused, is_reading=${show(transport.isReading())}`);
  }

  override dataReceived(data: Uint8Array): void {
    this.received.push(b(data));
    this.got.setResult(undefined);
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`connection_lost ${show(exc)}`);
    this.lost.setResult(undefined);
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const sent = loop.createFuture<void>();
  const got = loop.createFuture<void>();
  const lost = loop.createFuture<void>();
  const server = yield* loop.createServer(() => new Sender(sent), "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [transport, protocol] = yield* loop.createConnection(
    () => new Reader(got, lost),
    host,
    port,
  );
  yield* sent;
  yield* asyncio.sleep(0.1);
  console.log(`while paused: received=${show(protocol.received)}`);
  transport.resumeReading();
  transport.resumeReading();
  console.log(`resumed: is_reading=${show(transport.isReading())}`);
  yield* got;
  console.log(`after resume: received=${show(protocol.received)}`);
  transport.close();
  console.log(`closed: is_reading=${show(transport.isReading())}`);
  transport.pauseReading();
  transport.resumeReading();
  console.log(`pause/resume after close: is_reading=${show(transport.isReading())}`);
  yield* lost;
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
