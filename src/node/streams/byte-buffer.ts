/**
 * Python's `bytearray` as a StreamReader uses it: append at the end, find a
 * separator, take bytes from the front. It keeps the appended chunks
 * themselves, in order, rather than copying them into one growing array: a
 * reader holds only the bytes not yet read (an array grown by doubling was
 * kept at its largest, up to 256 KiB, for the connection's life), and a read
 * that takes a whole chunk hands it over without a copy. Under 1,500
 * connections at once, the copies (every byte in, and out again) and the
 * grown arrays came on top of Node's own read buffers (BENCHMARKS.md, W10).
 *
 * The buffer owns what it is given: a chunk must not be modified after
 * `append` (a transport hands over each chunk Node read and never touches it
 * again). What `take` returns is always a Node Buffer (bytes.ts).
 */
import { objectArray } from "../../core/kernel/index.js";
import { newBytes, noBytes, readBytes } from "./bytes.js";

const EMPTY = new Uint8Array(0);

export class ByteBuffer {
  /** The chunks, oldest first; those before `head` are spent. */
  private chunks = objectArray<Uint8Array>();
  private head = 0;
  /** Bytes of `chunks[head]` already taken. */
  private offset = 0;
  private size = 0;

  get length(): number {
    return this.size;
  }

  append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.size += bytes.length;
  }

  /** Index (relative to the front) of `sep` at or after `offset`, or -1. */
  find(sep: Uint8Array, offset: number): number {
    const first = sep[0];
    if (first === undefined) return Math.min(offset, this.size);
    const chunks = this.chunks;
    // `base`: the front-relative index of chunks[c][skip].
    let base = 0;
    for (let c = this.head; c < chunks.length; c++) {
      const chunk = chunks[c]!;
      const skip = c === this.head ? this.offset : 0;
      const end = base + chunk.length - skip;
      if (end > offset) {
        let from = skip + Math.max(0, offset - base);
        for (;;) {
          const at = chunk.indexOf(first, from);
          if (at === -1) break;
          const index = base + at - skip;
          if (index + sep.length > this.size) return -1;
          if (this.matches(sep, c, at)) return index;
          from = at + 1;
        }
      }
      base = end;
    }
    return -1;
  }

  /** True if the bytes at `offset` are `sep`. */
  startsWith(sep: Uint8Array, offset: number): boolean {
    if (offset + sep.length > this.size) return false;
    if (sep.length === 0) return true;
    let c = this.head;
    let at = this.offset + offset;
    while (at >= this.chunks[c]!.length) at -= this.chunks[c++]!.length;
    return this.matches(sep, c, at);
  }

  /** Whether `sep` starts at `chunks[c][at]`, running on into the next chunks (known to hold enough). */
  private matches(sep: Uint8Array, c: number, at: number): boolean {
    let chunk = this.chunks[c]!;
    let i = at;
    for (let j = 0; j < sep.length; j++, i++) {
      while (i >= chunk.length) {
        chunk = this.chunks[++c]!;
        i = 0;
      }
      if (chunk[i] !== sep[j]) return false;
    }
    return true;
  }

  /**
   * Removes and returns the first `n` bytes: when they are exactly the front
   * chunk, that chunk itself if it is a Buffer, else a Buffer over its memory
   * (bytes.ts); otherwise a copy (a view would keep the whole chunk alive for
   * a few of its bytes).
   */
  take(n: number): Uint8Array {
    const count = Math.min(n, this.size);
    if (count === 0) return noBytes();
    const chunks = this.chunks;
    const front = chunks[this.head]!;
    if (count === front.length && chunks.length === 1) {
      // The one chunk buffered, read whole (a request and its answer, W9): what discard() ends with.
      chunks.pop();
      this.size = 0;
      return readBytes(front);
    }
    let out: Uint8Array;
    if (this.offset === 0 && count === front.length) {
      out = readBytes(front);
    } else {
      out = newBytes(count);
      let at = 0;
      for (let c = this.head; at < count; c++) {
        const chunk = this.chunks[c]!;
        const skip = c === this.head ? this.offset : 0;
        const n = Math.min(chunk.length - skip, count - at);
        out.set(chunk.subarray(skip, skip + n), at);
        at += n;
      }
    }
    this.discard(count);
    return out;
  }

  /** Drops the first `n` bytes. */
  discard(n: number): void {
    let left = Math.min(n, this.size);
    this.size -= left;
    const chunks = this.chunks;
    while (left > 0) {
      const rest = chunks[this.head]!.length - this.offset;
      if (left < rest) {
        this.offset += left;
        return;
      }
      left -= rest;
      // Let the spent chunk go now, not when the array is next compacted.
      chunks[this.head++] = EMPTY;
      this.offset = 0;
    }
    if (this.head === chunks.length) {
      // Usually one chunk, read whole: pop() is inline where `length = 0` is a runtime call.
      if (this.head === 1) chunks.pop();
      else chunks.length = 0;
      this.head = 0;
    } else if (this.head >= 64 && this.head * 2 >= chunks.length) {
      chunks.splice(0, this.head);
      this.head = 0;
    }
  }

  clear(): void {
    this.chunks = objectArray();
    this.head = this.offset = this.size = 0;
  }
}
