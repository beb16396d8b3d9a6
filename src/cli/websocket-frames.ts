/**
 * WebSocket frames (RFC 6455 §5), the little of them a client of Node's
 * inspector needs: text, close, ping and pong frames, payload lengths in 7,
 * 16 or 64 bits, masking, and messages split into continuation frames. Node
 * 20 has no WebSocket client, and the package takes no dependency for one.
 */

export const OPCODE = {
  continuation: 0x0,
  text: 0x1,
  binary: 0x2,
  close: 0x8,
  ping: 0x9,
  pong: 0xa,
} as const;

export interface Frame {
  readonly fin: boolean;
  readonly opcode: number;
  /** Whether it came masked (as a client's must). */
  readonly masked: boolean;
  /** Unmasked. */
  readonly payload: Buffer;
}

/**
 * One frame's bytes. A client masks every frame it sends (§5.3), with `mask`
 * (four bytes); a server sends its frames unmasked (`mask` omitted).
 */
export function encodeFrame(opcode: number, payload: Buffer, mask?: Buffer, fin = true): Buffer {
  const length = payload.length;
  const lengthBytes = length < 126 ? 0 : length < 0x10000 ? 2 : 8;
  const maskBytes = mask === undefined ? 0 : 4;
  const frame = Buffer.alloc(2 + lengthBytes + maskBytes + length);
  frame[0] = (fin ? 0x80 : 0) | opcode;
  const maskBit = mask === undefined ? 0 : 0x80;
  if (lengthBytes === 0) {
    frame[1] = maskBit | length;
  } else if (lengthBytes === 2) {
    frame[1] = maskBit | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = maskBit | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  const start = 2 + lengthBytes + maskBytes;
  if (mask === undefined) {
    payload.copy(frame, start);
  } else {
    mask.copy(frame, 2 + lengthBytes, 0, 4);
    // In range: i < payload.length, and a mask has four bytes.
    for (let i = 0; i < length; i++) frame[start + i] = payload[i]! ^ mask[i & 3]!;
  }
  return frame;
}

/** Cuts a byte stream into frames, whatever the chunk boundaries. */
export class FrameParser {
  // Chunks wait here until the next frame is whole, then are joined once.
  private _chunks: Buffer[] = [];
  private _size = 0;
  private _need = 2;

  /** The frames completed by `chunk`. */
  push(chunk: Buffer): Frame[] {
    this._chunks.push(chunk);
    this._size += chunk.length;
    const frames: Frame[] = [];
    while (this._size >= this._need) {
      const b = this._chunks.length === 1 ? this._chunks[0]! : Buffer.concat(this._chunks);
      const parsed = parseFrame(b);
      if (typeof parsed === "number") {
        this._chunks = [b];
        this._need = parsed;
        break;
      }
      frames.push(parsed.frame);
      const rest = b.subarray(parsed.length);
      this._chunks = rest.length > 0 ? [rest] : [];
      this._size = rest.length;
      this._need = 2;
    }
    return frames;
  }
}

/** The frame at the start of `b` and its length in bytes, or how many bytes it needs. */
function parseFrame(b: Buffer): { frame: Frame; length: number } | number {
  // FrameParser calls this with two bytes at least (its `_need` is never below 2).
  const head = b[0]!;
  const second = b[1]!;
  const masked = (second & 0x80) !== 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (b.length < 4) return 4;
    length = b.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (b.length < 10) return 10;
    const long = b.readBigUInt64BE(2);
    if (long > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError("WebSocket frame too long");
    length = Number(long);
    offset = 10;
  }
  const maskAt = offset;
  if (masked) offset += 4;
  if (b.length < offset + length) return offset + length;
  const payload = Buffer.from(b.subarray(offset, offset + length));
  // In range: b holds the mask and the whole payload (checked above).
  if (masked) for (let i = 0; i < length; i++) payload[i] = payload[i]! ^ b[maskAt + (i & 3)]!;
  const frame = { fin: (head & 0x80) !== 0, opcode: head & 0x0f, masked, payload };
  return { frame, length: offset + length };
}
