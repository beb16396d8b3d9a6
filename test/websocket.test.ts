/**
 * The WebSocket client `asyncio-ts ps` talks to Node's inspector with
 * (src/cli/websocket.ts): frames checked against RFC 6455's own examples
 * (§5.7), lengths in 7, 16 and 64 bits, frames cut anywhere by TCP, and a
 * conversation with a server written here from the RFC (handshake, echo,
 * fragmented messages, ping, closing handshake).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterEach, expect, test } from "vitest";
import { acceptKey, WebSocketClient } from "../src/cli/websocket.js";
import { encodeFrame, FrameParser, OPCODE } from "../src/cli/websocket-frames.js";

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ""), "hex");

test("the RFC's examples: an unmasked and a masked 'Hello'", () => {
  const hello = Buffer.from("Hello");
  expect(encodeFrame(OPCODE.text, hello)).toEqual(hex("81 05 48 65 6c 6c 6f"));
  expect(encodeFrame(OPCODE.text, hello, hex("37 fa 21 3d"))).toEqual(
    hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"),
  );
  const parser = new FrameParser();
  expect(parser.push(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"))).toEqual([
    { fin: true, opcode: OPCODE.text, masked: true, payload: hello },
  ]);
  // A fragmented unmasked text message: "Hel", then "lo".
  expect(parser.push(hex("01 03 48 65 6c 80 02 6c 6f"))).toEqual([
    { fin: false, opcode: OPCODE.text, masked: false, payload: Buffer.from("Hel") },
    { fin: true, opcode: OPCODE.continuation, masked: false, payload: Buffer.from("lo") },
  ]);
});

test("the RFC's examples: 256 bytes take a 16-bit length, 65536 a 64-bit one", () => {
  expect(encodeFrame(OPCODE.binary, Buffer.alloc(256)).subarray(0, 4)).toEqual(hex("82 7e 01 00"));
  expect(encodeFrame(OPCODE.binary, Buffer.alloc(65536)).subarray(0, 10)).toEqual(
    hex("82 7f 00 00 00 00 00 01 00 00"),
  );
  expect(encodeFrame(OPCODE.text, Buffer.alloc(125))[1]).toBe(125);
  expect(encodeFrame(OPCODE.text, Buffer.alloc(126))[1]).toBe(126);
  expect(encodeFrame(OPCODE.text, Buffer.alloc(65535))[1]).toBe(126);
});

test.each([0, 1, 125, 126, 65535, 65536, 200_000])(
  "a %i-byte payload survives encoding, masking and any cutting of the stream",
  (length) => {
    const payload = Buffer.from(Array.from({ length }, (_, i) => (i * 7) & 0xff));
    const mask = hex("01 80 ff 7e");
    const bytes = Buffer.concat([
      encodeFrame(OPCODE.text, payload, mask),
      encodeFrame(OPCODE.ping, Buffer.from("p")),
    ]);
    for (const step of [1, 3, 1000, bytes.length]) {
      const parser = new FrameParser();
      const frames = [];
      for (let i = 0; i < bytes.length; i += step)
        frames.push(...parser.push(bytes.subarray(i, i + step)));
      expect(frames.map((f) => f.opcode)).toEqual([OPCODE.text, OPCODE.ping]);
      expect(frames[0]!.payload.equals(payload)).toBe(true);
    }
  },
);

let server: Server | undefined;
afterEach(() => {
  server?.close();
  server = undefined;
});

/**
 * A WebSocket server from the RFC: it answers the handshake, then echoes
 * each text message in upper case (the long one in three fragments), pings
 * before its first answer, and answers a close with a close.
 */
async function startServer(log: string[]): Promise<number> {
  server = createServer();
  server.on("upgrade", (req, socket: Socket) => {
    const key = req.headers["sec-websocket-key"] as string;
    socket.write(
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${acceptKey(key)}\r\n\r\n`,
    );
    const parser = new FrameParser();
    let pinged = false;
    socket.on("data", (chunk: Buffer) => {
      for (const frame of parser.push(chunk)) {
        log.push(`${frame.opcode}:${frame.masked}:${frame.payload.length}`);
        if (frame.opcode === OPCODE.close) {
          socket.end(encodeFrame(OPCODE.close, frame.payload));
        } else if (frame.opcode === OPCODE.text) {
          if (!pinged) socket.write(encodeFrame(OPCODE.ping, Buffer.from("are you there")));
          pinged = true;
          const answer = Buffer.from(frame.payload.toString().toUpperCase());
          const third = Math.ceil(answer.length / 3);
          socket.write(
            Buffer.concat([
              encodeFrame(OPCODE.text, answer.subarray(0, third), undefined, false),
              encodeFrame(OPCODE.continuation, answer.subarray(third, 2 * third), undefined, false),
              encodeFrame(OPCODE.continuation, answer.subarray(2 * third)),
            ]),
          );
        }
      }
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server!.address() as AddressInfo).port;
}

test("a conversation: handshake, messages in fragments, a ping answered, the closing handshake", async () => {
  const log: string[] = [];
  const port = await startServer(log);
  const ws = await WebSocketClient.connect(`ws://127.0.0.1:${port}/path?x=1`);
  const received: string[] = [];
  const got = (n: number): Promise<void> =>
    new Promise((resolve) => {
      ws.onMessage = (text) => {
        received.push(text);
        if (received.length === n) resolve();
      };
    });
  const long = "é".repeat(40_000);
  const both = got(2);
  ws.send("hello");
  ws.send(long);
  await both;
  expect(received).toEqual(["HELLO", long.toUpperCase()]);
  await ws.close();
  // Every frame a client sends is masked; the pong may come before or after the second message.
  expect(log.slice(0, -1).sort()).toEqual(
    ["1:true:5", `${OPCODE.pong}:true:13`, `1:true:${Buffer.byteLength(long)}`].sort(),
  );
  expect(log.at(-1)).toBe(`${OPCODE.close}:true:2`);
});

test("a server that does not switch protocols is an error, not a hang", async () => {
  server = createServer((_req, res) => res.writeHead(404).end());
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await expect(WebSocketClient.connect(`ws://127.0.0.1:${port}/`)).rejects.toThrow(/HTTP 404/);
});
