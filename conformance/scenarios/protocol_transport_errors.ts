// Pins: a socket transport's argument errors and limits, with CPython's
// messages: write(str) is a TypeError; get_write_buffer_limits() defaults to
// (16384, 65536); set_write_buffer_limits derives the missing bound (low =
// high // 4, high = 4 * low) and rejects high < low or low < 0 with
// ValueError; get_extra_info falls back to the default. abort() drops the
// connection at once: connection_lost(None), and later writes and close()
// are silently ignored. Real sockets run on the real clock (asyncio.run,
// not vtrun).
import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

class Quiet extends asyncio.Protocol {}

class Client extends asyncio.Protocol {
  constructor(readonly lost: asyncio.Future<void>) {
    super();
  }

  override connectionLost(exc: Error | undefined): void {
    console.log(`connection_lost ${show(exc)}`);
    this.lost.setResult(undefined);
  }
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const lost = loop.createFuture<void>();
  const server = yield* loop.createServer(() => new Quiet(), "127.0.0.1", 0);
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  const [transport] = yield* loop.createConnection(() => new Client(lost), host, port);

  console.log(`limits ${show(transport.getWriteBufferLimits())}`);
  console.log(`buffer size ${show(transport.getWriteBufferSize())}`);
  try {
    transport.write("text" as unknown as Uint8Array);
  } catch (e) {
    if (!(e instanceof TypeError)) throw e;
    console.log(`write(str): ${describe(e)}`);
  }
  const bad: [number | undefined, number | undefined][] = [
    [1, 2],
    [undefined, -1],
    [-1, undefined],
  ];
  for (const [high, low] of bad) {
    try {
      transport.setWriteBufferLimits(high, low);
    } catch (e) {
      if (!(e instanceof asyncio.ValueError)) throw e;
      console.log(`limits(${show(high)}, ${show(low)}): ${describe(e)}`);
    }
  }
  const good: [number | undefined, number | undefined][] = [
    [100, undefined],
    [undefined, 100],
    [10, 10],
    [undefined, undefined],
  ];
  for (const [high, low] of good) {
    transport.setWriteBufferLimits(high, low);
    console.log(`limits(${show(high)}, ${show(low)}) -> ${show(transport.getWriteBufferLimits())}`);
  }
  console.log(`extra missing ${show(transport.getExtraInfo("no-such-key", "default"))}`);
  const peer = transport.getExtraInfo("peername") as [string, number];
  console.log(`extra peer host ${show(peer[0])}`);

  transport.abort();
  console.log(`aborted: is_closing=${show(transport.isClosing())}`);
  transport.write(enc("ignored"));
  transport.close();
  yield* lost;
  transport.write(enc("ignored"));
  console.log("write after connection_lost: no error");
  server.close();
  yield* server.waitClosed();
  console.log("done");
}

await asyncio.run(main());
