/**
 * What every transport here shares (CPython's `_FlowControlMixin` and the
 * bookkeeping of `_SelectorTransport`): the protocol, extra info, write
 * buffer water marks that call the protocol's `pauseWriting` and
 * `resumeWriting`, and fatal errors that close the connection.
 */
import { type EventLoop, inspectCustom, ValueError } from "../../core/kernel/index.js";
import { OSError } from "../streams/connection-errors.js";
import type { BaseProtocol } from "./protocols.js";
import type { ExtraInfo } from "./transport.js";

const DEFAULT_HIGH_WATER = 64 * 1024;

/** Writes dropped after the connection is lost before a warning is logged (CPython's threshold). */
export const LOG_THRESHOLD_FOR_CONNLOST_WRITES = 5;

export abstract class FlowControlledTransport<P extends BaseProtocol = BaseProtocol> {
  protected _protocol: P;
  protected _protocolPaused = false;
  protected _high = DEFAULT_HIGH_WATER;
  protected _low = DEFAULT_HIGH_WATER / 4;
  /** Counts `connectionLost` being scheduled, then writes dropped after it (as CPython's `_conn_lost`). */
  protected _connLost = 0;
  protected _closing = false;

  constructor(
    protected readonly _loop: EventLoop,
    protocol: P,
    protected readonly _extra: Record<string, unknown>,
  ) {
    this._protocol = protocol;
  }

  abstract getWriteBufferSize(): number;
  abstract toString(): string;
  /** Closes at once and schedules `connectionLost(exc)`. */
  protected abstract _forceClose(exc: Error | undefined): void;

  /** Closes at once: buffered data is dropped; `connectionLost(undefined)` follows. */
  abort(): void {
    this._forceClose(undefined);
  }

  getExtraInfo<K extends string, D = undefined>(name: K, defaultValue?: D): ExtraInfo<K, D> {
    const value = this._extra[name];
    return (value === undefined ? defaultValue : value) as ExtraInfo<K, D>;
  }

  isClosing(): boolean {
    return this._closing;
  }

  setProtocol(protocol: P): void {
    this._protocol = protocol;
  }

  getProtocol(): P {
    return this._protocol;
  }

  [inspectCustom](): string {
    return this.toString();
  }

  /** @internal Whether the protocol was told to pause writing (CPython's `_protocol_paused`). */
  _isProtocolPaused(): boolean {
    return this._protocolPaused;
  }

  getWriteBufferLimits(): [low: number, high: number] {
    return [this._low, this._high];
  }

  setWriteBufferLimits(high?: number, low?: number): void {
    const h = high ?? (low === undefined ? DEFAULT_HIGH_WATER : 4 * low);
    const l = low ?? Math.floor(h / 4);
    if (!(h >= l && l >= 0)) throw new ValueError(`high (${h}) must be >= low (${l}) must be >= 0`);
    this._high = h;
    this._low = l;
    this._maybePauseProtocol();
  }

  /** Call after the write buffer grew. */
  protected _maybePauseProtocol(): void {
    if (this._protocolPaused || this.getWriteBufferSize() <= this._high) return;
    this._protocolPaused = true;
    this._callProtocol("pauseWriting");
  }

  /** Call after the write buffer shrank. */
  protected _maybeResumeProtocol(): void {
    if (!this._protocolPaused || this.getWriteBufferSize() > this._low) return;
    this._protocolPaused = false;
    this._callProtocol("resumeWriting");
  }

  private _callProtocol(method: "pauseWriting" | "resumeWriting"): void {
    try {
      this._protocol[method]();
    } catch (exc) {
      this._loop.callExceptionHandler({
        message: `protocol.${method}() failed`,
        exception: exc,
        transport: this,
        protocol: this._protocol,
      });
    }
  }

  /**
   * Reports an error that ends the connection and closes it. Connection
   * errors are the peer's doing and are not reported, as in CPython.
   */
  _fatalError(exc: unknown, message = "Fatal error on transport"): void {
    if (!(exc instanceof OSError)) {
      this._loop.callExceptionHandler({
        message,
        exception: exc,
        transport: this,
        protocol: this._protocol,
      });
    }
    this._forceClose(exc instanceof Error ? exc : new Error(String(exc)));
  }
}

/**
 * CPython's message for writing something that is not bytes, naming the
 * Python type. `hint`: a string (JavaScript has no bytes literal) is told
 * how to encode it; not for write(), whose message the conformance scenario
 * protocol_transport_errors pins to CPython's.
 */
export function bytesTypeError(data: unknown, hint = false): TypeError {
  const encode =
    hint && typeof data === "string" ? " (encode it: new TextEncoder().encode(text))" : "";
  return new TypeError(
    `data argument must be a bytes-like object, not '${pythonTypeName(data)}'${encode}`,
  );
}

function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  switch (typeof value) {
    case "string":
      return "str";
    case "number":
      return Number.isInteger(value) ? "int" : "float";
    case "bigint":
      return "int";
    case "boolean":
      return "bool";
    case "function":
      return "function";
    case "object":
      if (Array.isArray(value)) return "list";
      if (Object.getPrototypeOf(value) === Object.prototype) return "dict";
      return value.constructor?.name ?? "object";
    default:
      return typeof value;
  }
}
