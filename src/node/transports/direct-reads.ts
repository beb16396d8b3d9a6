/**
 * A client socket that reads through Node's `onread` option (net.Socket's,
 * documented since Node 12): Node reads into one buffer and calls back with
 * the byte count, and the transport gets a copy of those bytes, without
 * Node's Readable stream in between (its `push`, its `'data'` event and the
 * `maybeReadMore` tick it schedules per chunk) (BENCHMARKS.md, W9).
 *
 * The copy is `Buffer.allocUnsafe`'s: a read under 4 KiB is a slice of
 * Node's shared 8 KiB pool, where Node's own read path makes an ArrayBuffer
 * per read. A new ArrayBuffer is V8's dearest allocation (about 4,100
 * instructions for a 1 KiB read, against 1,300 for a pool slice: 16% of a
 * W9 round trip). The bytes are the chunk's own all the same (the pool never
 * hands a byte out twice); what differs is `data.buffer`, which holds other
 * bytes around them (read it with `byteOffset`, as any Buffer's), and a
 * small chunk kept for good keeps its 8 KiB slab, as any pooled Buffer does.
 *
 * What the transport sees is otherwise unchanged: each chunk a Buffer; `pause()` and `resume()`
 * stop and restart reading (at once, where a paused stream may still read
 * ahead into its buffer); EOF, errors and the close come as the same events.
 *
 * Only for sockets asyncio-ts makes itself (createConnection,
 * createUnixConnection without TLS or `sock`, and a plain server's accepted
 * sockets, which Node makes without the option and direct-accept.ts makes
 * again with it): a TLS socket reads through its own wrap, and a socket a
 * user hands over may have listeners of its own.
 */
import type {
  IpcNetConnectOpts,
  OnReadOpts,
  Socket,
  SocketConstructorOpts,
  TcpNetConnectOpts,
} from "node:net";
import { net } from "../lazy-builtins.js";

/**
 * Where Node reads for every such socket: the callback copies a read out
 * before it returns, and Node reads one socket at a time on its thread, so
 * one buffer serves them all. 64 KiB is what libuv asks for per read.
 */
let shared: Uint8Array<ArrayBuffer> | undefined;
/** The first bytes of `shared`, as many as the last read's (a view made once per length: reads of one length repeat). */
let front = new Uint8Array(0);

/** What takes a socket's reads: its transport (stream-reading.ts). */
export interface ReadTarget {
  _onHostData(chunk: Uint8Array): void;
}

/**
 * Where a socket's reads go: `into`, the transport, once one takes them
 * over; until then, and after it hands the socket over, the socket's
 * Readable buffer, as without `onread`. A plain object, not a closure per
 * socket: an idle connection keeps it for its whole life (BENCHMARKS.md, W10).
 */
export interface DirectReads {
  into: ReadTarget | undefined;
  socket: Socket | undefined;
}

/**
 * A socket connecting with `options` that reads into the shared buffer and
 * hands each read to `reads.into`. It is paused before it connects, so
 * nothing is read before a transport resumes it (a socket that connects
 * unpaused starts reading at once, into its Readable buffer without the
 * option). Until a transport takes `reads` over, a read would go to that
 * buffer, as without the option.
 */
export function directConnect(options: TcpNetConnectOpts | IpcNetConnectOpts): {
  socket: Socket;
  reads: DirectReads;
} {
  const reads: DirectReads = { into: undefined, socket: undefined };
  // Node 20's types know `onread` as a connect option only; the Socket's constructor reads it.
  const construct: SocketConstructorOpts & { onread: OnReadOpts } = {
    allowHalfOpen: options.allowHalfOpen,
    onread: onreadInto(reads),
  };
  const socket = new (net().Socket)(construct);
  reads.socket = socket;
  socket.pause();
  connectOrDestroy(socket, options);
  return { socket, reads };
}

/**
 * `socket.connect(options)`; a socket whose connect() throws (an argument
 * Node refuses, found after the socket's handle was made) is destroyed, as
 * nobody else holds it to.
 */
export function connectOrDestroy(
  socket: Socket,
  options: TcpNetConnectOpts | IpcNetConnectOpts,
): void {
  try {
    socket.connect(options);
  } catch (e) {
    socket.destroy();
    throw e;
  }
}

/** The `onread` option of a socket whose reads go to `reads`: the shared buffer, copied out per read. */
export function onreadInto(reads: DirectReads): OnReadOpts {
  return {
    buffer: (shared ??= new Uint8Array(64 * 1024)),
    callback: (nread: number): boolean => {
      deliver(reads, copyOut(nread));
      return true;
    },
  };
}

/** The first `n` bytes of the shared buffer in a Buffer of their own. */
function copyOut(n: number): Uint8Array {
  if (front.length !== n) front = new Uint8Array(shared!.buffer, 0, n);
  const out = Buffer.allocUnsafe(n);
  out.set(front);
  return out;
}

/** One read, to the transport, or kept in the socket's Readable buffer, where Node would have put it without `onread`. */
function deliver(reads: DirectReads, chunk: Uint8Array): void {
  const into = reads.into;
  if (into !== undefined) into._onHostData(chunk);
  else reads.socket!.push(chunk);
}
