/**
 * The StreamReader's ByteBuffer (a queue of the chunks it was given) against
 * a model that keeps one contiguous array: random appends of random chunks,
 * takes, discards, separator searches across chunk boundaries. And what it
 * keeps: a whole chunk goes out as it came in, a part of one is a copy, a
 * spent chunk is let go; every take is a Node Buffer.
 */
import fc from "fast-check";
import { expect, test } from "vitest";
import { ByteBuffer } from "../src/node/streams/byte-buffer.js";

type Op =
  | { kind: "append"; bytes: number[] }
  | { kind: "take" | "discard"; n: number }
  | { kind: "find" | "startsWith"; sep: number[]; offset: number }
  | { kind: "clear" };

// Bytes from a three-letter alphabet, so separators are often found.
const bytes = (maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength });

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("append" as const), bytes: bytes(12) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constantFrom("take" as const, "discard" as const),
      n: fc.integer({ min: 0, max: 30 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom("find" as const, "startsWith" as const),
      sep: bytes(4),
      offset: fc.integer({ min: 0, max: 30 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("clear" as const) }) },
);

function modelFind(model: number[], sep: number[], offset: number): number {
  outer: for (let i = offset; i + sep.length <= model.length; i++) {
    for (let j = 0; j < sep.length; j++) if (model[i + j] !== sep[j]) continue outer;
    return i;
  }
  return -1;
}

test("ByteBuffer behaves as one contiguous array", () => {
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const buffer = new ByteBuffer();
      let model: number[] = [];
      for (const o of ops) {
        if (o.kind === "append") {
          buffer.append(new Uint8Array(o.bytes));
          model.push(...o.bytes);
        } else if (o.kind === "take") {
          const out = buffer.take(o.n);
          expect(Buffer.isBuffer(out)).toBe(true);
          expect([...out]).toEqual(model.slice(0, o.n));
          model = model.slice(o.n);
        } else if (o.kind === "discard") {
          buffer.discard(o.n);
          model = model.slice(o.n);
        } else if (o.kind === "find") {
          expect(buffer.find(new Uint8Array(o.sep), o.offset)).toBe(
            modelFind(model, o.sep, o.offset),
          );
        } else if (o.kind === "startsWith") {
          expect(buffer.startsWith(new Uint8Array(o.sep), o.offset)).toBe(
            modelFind(model, o.sep, o.offset) === o.offset,
          );
        } else {
          buffer.clear();
          model = [];
        }
        expect(buffer.length).toBe(model.length);
      }
    }),
    { numRuns: 500 },
  );
});

test("a take of exactly the front chunk hands it over without a copy: a Buffer over its memory, for a Buffer and a plain Uint8Array", () => {
  const buffer = new ByteBuffer();
  const chunk = Buffer.from("hello");
  const plain = new Uint8Array([1, 2, 3]);
  buffer.append(chunk);
  buffer.append(plain);
  const first = buffer.take(5);
  expect(Buffer.isBuffer(first)).toBe(true);
  expect(first.buffer).toBe(chunk.buffer);
  expect(first.byteOffset).toBe(chunk.byteOffset);
  expect(String(first)).toBe("hello");
  const second = buffer.take(3);
  expect(Buffer.isBuffer(second)).toBe(true);
  expect(second.buffer).toBe(plain.buffer);
  expect(second.byteOffset).toBe(plain.byteOffset);
  expect([...second]).toEqual([1, 2, 3]);
});

test("a take of part of a chunk is a copy: the chunk is not kept alive by it", () => {
  const buffer = new ByteBuffer();
  const chunk = new Uint8Array(1024).fill(7);
  buffer.append(chunk);
  const part = buffer.take(10);
  expect(Buffer.isBuffer(part)).toBe(true);
  expect(part.buffer).not.toBe(chunk.buffer);
  expect(part.buffer.byteLength).toBe(10);
  const rest = buffer.take(2000);
  expect(rest.length).toBe(1014);
  expect(rest.buffer.byteLength).toBe(1014);
});

test("spent chunks are let go at once", () => {
  const buffer = new ByteBuffer();
  for (let i = 0; i < 10; i++) buffer.append(new Uint8Array(100));
  buffer.take(450);
  const chunks = (buffer as unknown as { chunks: Uint8Array[] }).chunks;
  expect(chunks.filter((c) => c.length > 0).length).toBe(6);
  buffer.take(550);
  expect(chunks.length).toBe(0);
});

test("a long run of small chunks read one by one keeps its order and compacts", () => {
  const buffer = new ByteBuffer();
  for (let i = 0; i < 200; i++) buffer.append(new Uint8Array([i]));
  for (let i = 0; i < 150; i++) expect(buffer.take(1)[0]).toBe(i);
  const chunks = (buffer as unknown as { chunks: Uint8Array[] }).chunks;
  expect(chunks.length).toBeLessThan(200);
  expect(buffer.find(new Uint8Array([180, 181]), 0)).toBe(30);
  expect([...buffer.take(100)]).toEqual(Array.from({ length: 50 }, (_, i) => 150 + i));
});
