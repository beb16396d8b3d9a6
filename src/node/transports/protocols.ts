/**
 * Python's protocol classes: what a transport calls as bytes arrive and the
 * connection changes state. Subclass one and override the callbacks you need;
 * the defaults do nothing, as CPython's do. The transport calls them inside
 * the loop (never from a Node event listener), so they may create tasks,
 * set Futures and call loop methods.
 *
 * This file holds what every protocol has (BaseProtocol) and the two a
 * stream transport reads into (Protocol, BufferedProtocol). CPython keeps all
 * five in protocols.py; here the datagram and subprocess protocols, which
 * only their own transports call, are in datagram-protocol.ts and
 * subprocess-protocol.ts.
 */
import { NotImplementedError } from "../../core/kernel/index.js";
import type { BaseTransport, Transport } from "./transport.js";

/**
 * A peer address: `[host, port]` for IP sockets, a path for Unix sockets (in Python, the
 * address tuples and paths of the `socket` module's address families).
 *
 * @python `socket` — https://docs.python.org/3/library/socket.html
 * @example
 * ```ts
 * const address: asyncio.Address = ["127.0.0.1", 8888];
 * const path: asyncio.Address = "/tmp/app.sock";
 * ```
 */
export type Address = [host: string, port: number] | string;

/**
 * The callbacks every protocol has: the connection is made or lost, and writing should pause
 * or may resume. Subclass one of its subclasses and override what you need; the defaults do
 * nothing. The transport calls them inside the loop, so they may create Tasks and set Futures.
 *
 * @python `asyncio.BaseProtocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol
 * @example
 * ```ts
 * class Watcher extends asyncio.BaseProtocol {
 *   override connectionLost(exc: Error | undefined): void {
 *     console.log(exc === undefined ? "closed" : `failed: ${exc.message}`);
 *   }
 * }
 * ```
 */
export class BaseProtocol {
  /**
   * Called when the connection is up; `transport` is how to write to it and close it.
   *
   * @python `asyncio.BaseProtocol.connection_made` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * class Greeter extends asyncio.Protocol {
   *   override connectionMade(transport: asyncio.Transport): void {
   *     transport.write(new TextEncoder().encode("hello\n"));
   *   }
   * }
   * ```
   */
  connectionMade(_transport: BaseTransport): void {}
  /**
   * Called when the connection is closed: `exc` is the error that ended it, or `undefined` for a
   * clean close or EOF.
   *
   * @python `asyncio.BaseProtocol.connection_lost` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_lost
   * @example
   * ```ts
   * class Client extends asyncio.Protocol {
   *   readonly done = asyncio.getRunningLoop().createFuture<void>();
   *   override connectionLost(exc: Error | undefined): void {
   *     if (exc === undefined) this.done.setResult();
   *     else this.done.setException(exc);
   *   }
   * }
   * ```
   */
  connectionLost(_exc: Error | undefined): void {}
  /**
   * Called when the transport's write buffer goes above its high-water mark: stop writing.
   *
   * @python `asyncio.BaseProtocol.pause_writing` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.pause_writing
   * @example
   * ```ts
   * class Producer extends asyncio.Protocol {
   *   paused = false;
   *   override pauseWriting(): void {
   *     this.paused = true;
   *   }
   *   override resumeWriting(): void {
   *     this.paused = false;
   *   }
   * }
   * ```
   */
  pauseWriting(): void {}
  /**
   * Called when the transport's write buffer drains to its low-water mark: writing may go on.
   *
   * @python `asyncio.BaseProtocol.resume_writing` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.resume_writing
   * @example
   * ```ts
   * class Producer extends asyncio.Protocol {
   *   override resumeWriting(): void {
   *     console.log("writing again");
   *   }
   * }
   * ```
   */
  resumeWriting(): void {}
}

/**
 * A stream protocol (TCP, TLS, Unix sockets, pipes): bytes arrive in `dataReceived` chunks.
 *
 * @python `asyncio.Protocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.Protocol
 * @example
 * ```ts
 * class Echo extends asyncio.Protocol {
 *   private transport?: asyncio.Transport;
 *   override connectionMade(transport: asyncio.Transport): void {
 *     this.transport = transport;
 *   }
 *   override dataReceived(data: Uint8Array): void {
 *     this.transport!.write(data);
 *   }
 * }
 * function* main(): asyncio.Coroutine<void> {
 *   const server = yield* asyncio.getRunningLoop().createServer(() => new Echo(), "127.0.0.1", 8888);
 *   yield* server.serveForever();
 * }
 * ```
 */
export class Protocol extends BaseProtocol {
  /**
   * Called when the connection is up, with its bidirectional transport.
   *
   * @python `asyncio.BaseProtocol.connection_made` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * class Client extends asyncio.Protocol {
   *   override connectionMade(transport: asyncio.Transport): void {
   *     transport.write(new TextEncoder().encode("hello"));
   *   }
   * }
   * ```
   */
  override connectionMade(_transport: Transport): void {}
  /**
   * Called with each chunk of bytes received (chunk boundaries mean nothing: buffer to parse).
   *
   * @python `asyncio.Protocol.data_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.Protocol.data_received
   * @example
   * ```ts
   * class Lines extends asyncio.Protocol {
   *   private text = "";
   *   override dataReceived(data: Uint8Array): void {
   *     this.text += new TextDecoder().decode(data);
   *   }
   * }
   * ```
   */
  dataReceived(_data: Uint8Array): void {}
  /**
   * Called when the peer will send no more; return true to keep the connection open for
   * writing, else the transport closes.
   *
   * @python `asyncio.Protocol.eof_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.Protocol.eof_received
   * @example
   * ```ts
   * class Reply extends asyncio.Protocol {
   *   override eofReceived(): boolean {
   *     return true; // still answer after the peer half-closed
   *   }
   * }
   * ```
   */
  eofReceived(): boolean | undefined {
    return undefined;
  }
}

/**
 * A stream protocol that owns the receive buffer: the transport copies incoming bytes into
 * `getBuffer()` and reports how many in `bufferUpdated`, saving a copy per chunk.
 *
 * @python `asyncio.BufferedProtocol` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BufferedProtocol
 * @example
 * ```ts
 * class Counter extends asyncio.BufferedProtocol {
 *   private readonly buffer = new Uint8Array(65536);
 *   total = 0;
 *   override getBuffer(_sizeHint: number): Uint8Array {
 *     return this.buffer;
 *   }
 *   override bufferUpdated(nbytes: number): void {
 *     this.total += nbytes;
 *   }
 * }
 * ```
 */
export class BufferedProtocol extends BaseProtocol {
  /**
   * Called when the connection is up, with its bidirectional transport.
   *
   * @python `asyncio.BaseProtocol.connection_made` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BaseProtocol.connection_made
   * @example
   * ```ts
   * class Sink extends asyncio.BufferedProtocol {
   *   override connectionMade(transport: asyncio.Transport): void {
   *     console.log("connected to", transport.getExtraInfo("peername"));
   *   }
   *   override getBuffer(): Uint8Array {
   *     return new Uint8Array(4096);
   *   }
   * }
   * ```
   */
  override connectionMade(_transport: Transport): void {}
  /**
   * Returns a buffer to receive into (at least `sizeHint` bytes when it is positive); it must
   * be overridden.
   *
   * @python `asyncio.BufferedProtocol.get_buffer` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BufferedProtocol.get_buffer
   * @example
   * ```ts
   * class Sink extends asyncio.BufferedProtocol {
   *   private readonly buffer = new Uint8Array(4096);
   *   override getBuffer(_sizeHint: number): Uint8Array {
   *     return this.buffer;
   *   }
   * }
   * ```
   */
  getBuffer(_sizeHint: number): Uint8Array {
    throw new NotImplementedError();
  }
  /**
   * Called when `nbytes` bytes were written at the start of the buffer `getBuffer()` returned.
   *
   * @python `asyncio.BufferedProtocol.buffer_updated` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BufferedProtocol.buffer_updated
   * @example
   * ```ts
   * class Sink extends asyncio.BufferedProtocol {
   *   private readonly buffer = new Uint8Array(4096);
   *   override getBuffer(): Uint8Array {
   *     return this.buffer;
   *   }
   *   override bufferUpdated(nbytes: number): void {
   *     console.log(this.buffer.subarray(0, nbytes));
   *   }
   * }
   * ```
   */
  bufferUpdated(_nbytes: number): void {}
  /**
   * Called when the peer will send no more; return true to keep the connection open for
   * writing, else the transport closes.
   *
   * @python `asyncio.BufferedProtocol.eof_received` — https://docs.python.org/3/library/asyncio-protocol.html#asyncio.BufferedProtocol.eof_received
   * @example
   * ```ts
   * class Sink extends asyncio.BufferedProtocol {
   *   override getBuffer(): Uint8Array {
   *     return new Uint8Array(4096);
   *   }
   *   override eofReceived(): boolean {
   *     return false; // close
   *   }
   * }
   * ```
   */
  eofReceived(): boolean | undefined {
    return undefined;
  }
}
