/**
 * What the protocol tests over real sockets share (transports.test.ts,
 * server-reads.test.ts): waiting for a condition in real time, a
 * Protocol that records its callbacks, a server that collects them.
 */
import * as asyncio from "asyncio-ts";
import { dec } from "./socket-helpers.js";

/** Sleeps in small steps until `cond()` holds (real sockets need real time). */
export function* until(cond: () => boolean, what: string): asyncio.Coroutine<void> {
  for (let i = 0; i < 500; i++) {
    if (cond()) return;
    yield* asyncio.sleep(0.01);
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Lets real sockets move for a moment (for asserting that something did NOT happen). */
export const settle = (): asyncio.Coroutine<void> => asyncio.sleep(0.05);

/** Records its callbacks; consecutive dataReceived calls count as one "data" event. */
export class Recorder extends asyncio.Protocol {
  readonly events: string[] = [];
  transport!: asyncio.Transport;
  received = "";
  bytes = 0;
  keepOpen: boolean | undefined = undefined;
  readonly made = asyncio.getRunningLoop().createFuture<void>();
  readonly eof = asyncio.getRunningLoop().createFuture<void>();
  readonly lost = asyncio.getRunningLoop().createFuture<Error | undefined>();

  override connectionMade(transport: asyncio.Transport): void {
    this.transport = transport;
    this.events.push("made");
    this.made.setResult(undefined);
  }
  override dataReceived(data: Uint8Array): void {
    if (this.events.at(-1) !== "data") this.events.push("data");
    this.bytes += data.length;
    if (this.bytes < 4096) this.received += dec(data);
  }
  override eofReceived(): boolean | undefined {
    this.events.push("eof");
    this.eof.setResult(undefined);
    return this.keepOpen;
  }
  override pauseWriting(): void {
    this.events.push("pauseWriting");
  }
  override resumeWriting(): void {
    this.events.push("resumeWriting");
  }
  override connectionLost(exc: Error | undefined): void {
    this.events.push(`lost:${exc === undefined ? "undefined" : exc.name}`);
    this.lost.setResult(exc);
  }
}

/** Pauses reading in every dataReceived. */
export class PauseOnData extends Recorder {
  override dataReceived(data: Uint8Array): void {
    super.dataReceived(data);
    this.transport.pauseReading();
  }
}

/**
 * Pauses reading in connectionMade: a peer that reads nothing until the test
 * calls resumeReading, so what comes to it waits in the kernel (a writer to
 * it stalls; data and a reset behind it arrive together).
 */
export class PausedAtFirst extends Recorder {
  override connectionMade(transport: asyncio.Transport): void {
    super.connectionMade(transport);
    transport.pauseReading();
  }
}

/** A server whose protocols are collected in `protocols`, in accept order. */
export function* recordingServer<P extends Recorder | asyncio.BufferedProtocol>(
  make: () => P,
  options?: asyncio.TcpServerOptions,
): asyncio.Coroutine<{ server: asyncio.Server; protocols: P[] }> {
  const protocols: P[] = [];
  const server = yield* asyncio.getRunningLoop().createServer(
    () => {
      const p = make();
      protocols.push(p);
      return p;
    },
    "127.0.0.1",
    0,
    options,
  );
  return { server, protocols };
}
