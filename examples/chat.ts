/**
 * A chat-style broadcast server: every line a client sends goes to all the
 * other clients. The demo connects three clients in the same program, has
 * each say something, prints what each one received, and shuts down.
 *
 *   npm run build && node dist/examples/chat.js
 */
import * as asyncio from "asyncio-ts";

const enc = new TextEncoder();
const dec = new TextDecoder();
const members = new Map<asyncio.StreamWriter, string>();

function* member(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  const name = dec.decode(yield* reader.readline()).trim();
  members.set(writer, name);
  try {
    for (;;) {
      const line = yield* reader.readline();
      if (line.length === 0) break;
      for (const [other] of members) {
        if (other !== writer) other.write(enc.encode(`${name}: ${dec.decode(line)}`));
      }
    }
  } finally {
    members.delete(writer);
    writer.close();
  }
}

function* client(
  name: string,
  port: number,
  say: string,
  start: asyncio.Event,
): asyncio.Coroutine<string[]> {
  const [reader, writer] = yield* asyncio.openConnection("127.0.0.1", port);
  writer.write(enc.encode(`${name}\n`));
  yield* start.wait();
  writer.write(enc.encode(`${say}\n`));
  const heard: string[] = [];
  while (heard.length < 2) heard.push(dec.decode(yield* reader.readline()).trimEnd());
  writer.close();
  yield* writer.waitClosed();
  return heard;
}

function* main(): asyncio.Coroutine<void> {
  const server = yield* asyncio.startServer(member, "127.0.0.1", 0);
  const [, port] = server.sockets[0]!.getsockname();
  const start = new asyncio.Event();
  yield* asyncio.asyncWith(server, function* () {
    const talk = asyncio.gather(
      client("ann", port, "hello all", start),
      client("bob", port, "hi ann", start),
      client("cat", port, "good morning", start),
    );
    while (members.size < 3) yield* asyncio.sleep(0.01);
    start.set();
    const heard = yield* talk;
    ["ann", "bob", "cat"].forEach((name, i) => {
      console.log(`${name} heard: ${[...heard[i]!].sort().join(" | ")}`);
    });
    server.closeClients();
  });
}

await asyncio.run(main());
