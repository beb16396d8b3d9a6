/** What the I/O tests share: bytes from and to text, a server's port, a line echo handler, a read's outcome. */
import * as asyncio from "asyncio-ts";

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** The port of the server's `i`-th listening socket. */
export const portOf = (server: asyncio.Server, i = 0): number =>
  (server.sockets[i]!.getsockname() as [string, number])[1];

/** A startServer handler that echoes each line until EOF, then closes. */
export function* echoLines(
  reader: asyncio.StreamReader,
  writer: asyncio.StreamWriter,
): asyncio.Coroutine<void> {
  for (;;) {
    const line = yield* reader.readline();
    if (line.length === 0) break;
    writer.write(line);
    yield* writer.drain();
  }
  writer.close();
  yield* writer.waitClosed();
}

/** Reads to EOF; returns "eof:<bytes>" or the class of the error that ended the read. */
export function* readOutcome(reader: asyncio.StreamReader): asyncio.Coroutine<string> {
  try {
    return `eof:${(yield* reader.read()).length}`;
  } catch (e) {
    if (e instanceof asyncio.CancelledError) throw e;
    return (e as Error).constructor.name;
  }
}
