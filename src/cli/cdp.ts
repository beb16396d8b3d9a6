/**
 * A Chrome DevTools Protocol session over a WebSocket: numbered commands
 * answered by id, events handed to listeners by method name. Node's
 * inspector speaks it (the Runtime, Debugger and other V8 domains).
 */
import { WebSocketClient } from "./websocket.js";

/** A command the target refused, with the protocol's error message. */
export class CdpError extends Error {
  constructor(
    readonly method: string,
    message: string,
  ) {
    super(`${method}: ${message}`);
    this.name = "CdpError";
  }
}

type Pending = { resolve(value: unknown): void; reject(error: Error): void; method: string };

export class CdpSession {
  private _nextId = 1;
  private readonly _pending = new Map<number, Pending>();
  private readonly _listeners = new Map<string, ((params: unknown) => void)[]>();

  private constructor(private readonly _ws: WebSocketClient) {
    _ws.onMessage = (text) => this._dispatch(text);
    void _ws.closed.then(() => {
      for (const [id, p] of this._pending) {
        this._pending.delete(id);
        p.reject(new CdpError(p.method, "the inspector connection closed"));
      }
    });
  }

  static async connect(webSocketUrl: string): Promise<CdpSession> {
    return new CdpSession(await WebSocketClient.connect(webSocketUrl));
  }

  /** Sends `method` and resolves with its result. */
  send<R = unknown>(method: string, params: object = {}): Promise<R> {
    const id = this._nextId++;
    return new Promise<R>((resolve, reject) => {
      this._pending.set(id, { resolve: resolve as (value: unknown) => void, reject, method });
      this._ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Calls `listener` with the params of every `method` event. */
  on(method: string, listener: (params: unknown) => void): void {
    const list = this._listeners.get(method) ?? [];
    list.push(listener);
    this._listeners.set(method, list);
  }

  close(): Promise<void> {
    return this._ws.close();
  }

  get closed(): Promise<void> {
    return this._ws.closed;
  }

  private _dispatch(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      method?: string;
      params?: unknown;
      result?: unknown;
      error?: { message: string };
    };
    if (message.id !== undefined) {
      const pending = this._pending.get(message.id);
      if (pending === undefined) return;
      this._pending.delete(message.id);
      if (message.error !== undefined) {
        pending.reject(new CdpError(pending.method, message.error.message));
      } else {
        pending.resolve(message.result);
      }
    } else if (message.method !== undefined) {
      for (const listener of this._listeners.get(message.method) ?? []) listener(message.params);
    }
  }
}
