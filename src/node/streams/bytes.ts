/**
 * The bytes a read hands the user on Node: always a Node `Buffer` (a
 * `Uint8Array` subclass, and the documented type stays `Uint8Array`),
 * however the bytes were chunked: a chunk handed over whole, a copy of part
 * of one, several joined, an empty read. Node's sockets and pipes read
 * Buffers, so a whole chunk goes to the user as the Buffer it is, and
 * writing it back needs no conversion (Node's `Writable.write` wraps every
 * non-Buffer `Uint8Array` in a new Buffer): one typed-array object fewer per
 * echoed chunk than plain `Uint8Array` views (BENCHMARKS.md, W9).
 *
 * The one type for every read is the point: `String(data)` decodes a
 * Buffer as UTF-8 and prints a plain `Uint8Array` as numbers, and a
 * Buffer's `slice` is a view where a `Uint8Array`'s copies, so a program
 * must not see one or the other depending on how the bytes arrived.
 */

/**
 * `chunk` as a read returns it: a Buffer as it is, the bytes a transport
 * read (its own copy, direct-reads.ts, or the Buffer Node read); a plain
 * `Uint8Array` fed by hand gets a Buffer view over the same memory. A fresh
 * view per Buffer chunk cost a typed array per read (about 325 instructions,
 * 650 per W9 round trip); the view was kept because handing out Node's own
 * Buffers had left W10's server more resident memory in one series, which
 * later interleaved runs did not repeat (BENCHMARKS.md, W9: "Where the user
 * CPU goes").
 */
export function readBytes(chunk: Uint8Array): Uint8Array {
  if (chunk.constructor === Buffer) return chunk;
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
}

/**
 * A new Buffer of `n` bytes for a read to fill completely, not zeroed, with
 * an ArrayBuffer of its own: not a slice of Node's shared pool, so
 * `data.buffer` is the read's bytes alone, as a `new Uint8Array(n)` was.
 */
export function newBytes(n: number): Uint8Array {
  return Buffer.allocUnsafeSlow(n);
}

/** An empty read (EOF, `read(0)`): a new empty Buffer. */
export function noBytes(): Uint8Array {
  return Buffer.alloc(0);
}

/** The blocks one after another in new bytes; a single block as it is. */
export function joinBytes(blocks: readonly Uint8Array[]): Uint8Array {
  if (blocks.length === 1) return readBytes(blocks[0]!);
  let size = 0;
  for (const b of blocks) size += b.length;
  const out = newBytes(size);
  let at = 0;
  for (const b of blocks) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}
