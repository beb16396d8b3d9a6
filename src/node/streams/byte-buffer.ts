/**
 * Python's `bytearray` as a StreamReader uses it: append at the end, find a
 * separator, take bytes from the front. The live bytes are `data[start, end)`;
 * the array doubles when full and is compacted when the front is mostly spent.
 */
export class ByteBuffer {
  private data = new Uint8Array(256);
  private start = 0;
  private end = 0;

  get length(): number {
    return this.end - this.start;
  }

  append(bytes: Uint8Array): void {
    if (this.end + bytes.length > this.data.length) {
      const live = this.length;
      if (live + bytes.length <= this.data.length) {
        this.data.copyWithin(0, this.start, this.end);
      } else {
        let size = this.data.length * 2;
        while (size < live + bytes.length) size *= 2;
        const grown = new Uint8Array(size);
        grown.set(this.data.subarray(this.start, this.end));
        this.data = grown;
      }
      this.start = 0;
      this.end = live;
    }
    this.data.set(bytes, this.end);
    this.end += bytes.length;
  }

  /** Index (relative to the front) of `sep` at or after `offset`, or -1. */
  find(sep: Uint8Array, offset: number): number {
    const data = this.data;
    const last = this.end - sep.length;
    outer: for (let i = this.start + offset; i <= last; i++) {
      for (let j = 0; j < sep.length; j++) if (data[i + j] !== sep[j]) continue outer;
      return i - this.start;
    }
    return -1;
  }

  /** True if the bytes at `offset` are `sep`. */
  startsWith(sep: Uint8Array, offset: number): boolean {
    return this.find(sep, offset) === offset;
  }

  /** Removes and returns the first `n` bytes (a copy). */
  take(n: number): Uint8Array {
    const count = Math.min(n, this.length);
    const out = this.data.slice(this.start, this.start + count);
    this.discard(count);
    return out;
  }

  /** Drops the first `n` bytes. */
  discard(n: number): void {
    this.start += Math.min(n, this.length);
    if (this.start === this.end) this.start = this.end = 0;
  }

  clear(): void {
    this.start = this.end = 0;
  }
}
