/** asyncio's streams on Node sockets. */
export {
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  FileNotFoundError,
  OSError,
  PermissionError,
  ProcessLookupError,
} from "./connection-errors.js";
export { EOFError, IncompleteReadError, LimitOverrunError } from "./errors.js";
export {
  type ClientConnected,
  openConnection,
  openUnixConnection,
  Server,
  type StreamOptions,
  startServer,
  startUnixServer,
} from "./open-connection.js";
export { type ReadTransport, StreamReader } from "./stream-reader.js";
export { StreamWriter } from "./stream-writer.js";
