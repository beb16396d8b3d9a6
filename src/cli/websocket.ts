/**
 * A minimal WebSocket client (RFC 6455) on node:http, for talking to Node's
 * inspector: the opening handshake (with its `Sec-WebSocket-Accept` check),
 * masked text frames out, text frames in (reassembled from continuation
 * frames), pings answered, and the closing handshake. Node 20 has no global
 * WebSocket, and the package takes no dependency for one.
 */
import { createHash, randomBytes } from "node:crypto";
import { request } from "node:http";
import type { Socket } from "node:net";
import { encodeFrame, FrameParser, OPCODE } from "./websocket-frames.js";

const ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/** What a server must answer to `key` (§4.2.2). */
export function acceptKey(key: string): string {
  return createHash("sha1")
    .update(key + ACCEPT_GUID)
    .digest("base64");
}

export class WebSocketClient {
  /** Called with each text message, in arrival order. */
  onMessage: (text: string) => void = () => {};
  /** Settles when the connection is gone, whoever closed it. */
  readonly closed: Promise<void>;
  private readonly _parser = new FrameParser();
  private _fragments: Buffer[] = [];
  private _closing = false;

  private constructor(private readonly _socket: Socket) {
    this.closed = new Promise((resolve) => _socket.once("close", () => resolve()));
    _socket.on("data", (chunk: Buffer) => this._receive(chunk));
    // A reset after the close handshake, or the peer gone: `closed` says so.
    _socket.on("error", () => {});
  }

  /** Opens a connection to `url` (`ws://host:port/path`). */
  static connect(url: string, timeoutSeconds = 5): Promise<WebSocketClient> {
    const { hostname, port, pathname, search } = new URL(url);
    const key = randomBytes(16).toString("base64");
    return new Promise((resolve, reject) => {
      const req = request({
        host: hostname,
        port: Number(port || 80),
        path: pathname + search,
        headers: {
          Connection: "Upgrade",
          Upgrade: "websocket",
          "Sec-WebSocket-Key": key,
          "Sec-WebSocket-Version": "13",
        },
        timeout: timeoutSeconds * 1000,
      });
      req.on("timeout", () => req.destroy(new Error(`WebSocket handshake with ${url} timed out`)));
      req.on("error", reject);
      req.on("response", (res) => {
        res.resume();
        reject(new Error(`WebSocket handshake with ${url} refused: HTTP ${res.statusCode}`));
      });
      req.on("upgrade", (res, socket, head) => {
        if (res.headers["sec-websocket-accept"] !== acceptKey(key)) {
          socket.destroy();
          reject(new Error(`WebSocket handshake with ${url}: wrong Sec-WebSocket-Accept`));
          return;
        }
        socket.setTimeout(0);
        socket.setNoDelay(true);
        const client = new WebSocketClient(socket);
        resolve(client);
        if (head.length > 0) client._receive(head);
      });
      req.end();
    });
  }

  /** Sends `text` as one masked text frame. */
  send(text: string): void {
    this._write(OPCODE.text, Buffer.from(text, "utf8"));
  }

  /**
   * Starts the closing handshake and settles when the connection is gone; the
   * socket is destroyed if the server does not finish it within the timeout.
   */
  close(timeoutSeconds = 2): Promise<void> {
    if (!this._closing && !this._socket.destroyed) {
      this._closing = true;
      const status = Buffer.alloc(2);
      status.writeUInt16BE(1000);
      this._write(OPCODE.close, status);
      const timer = setTimeout(() => this._socket.destroy(), timeoutSeconds * 1000);
      void this.closed.then(() => clearTimeout(timer));
    }
    return this.closed;
  }

  private _write(opcode: number, payload: Buffer): void {
    if (this._socket.writable) this._socket.write(encodeFrame(opcode, payload, randomBytes(4)));
  }

  private _receive(chunk: Buffer): void {
    let frames: ReturnType<FrameParser["push"]>;
    try {
      frames = this._parser.push(chunk);
    } catch {
      this._socket.destroy();
      return;
    }
    for (const frame of frames) {
      switch (frame.opcode) {
        case OPCODE.text:
        case OPCODE.binary:
        case OPCODE.continuation:
          this._fragments.push(frame.payload);
          if (frame.fin) {
            const message = Buffer.concat(this._fragments).toString("utf8");
            this._fragments = [];
            this.onMessage(message);
          }
          break;
        case OPCODE.ping:
          this._write(OPCODE.pong, frame.payload);
          break;
        case OPCODE.close:
          // The server's half of the closing handshake, or its own close, answered.
          if (!this._closing) {
            this._closing = true;
            this._write(OPCODE.close, frame.payload.subarray(0, 2));
          }
          this._socket.end();
          break;
      }
    }
  }
}
