/** asyncio's streams on Node sockets. */
export {
  BrokenPipeError,
  ConnectionAbortedError,
  ConnectionError,
  ConnectionRefusedError,
  ConnectionResetError,
  type EaiName,
  FileNotFoundError,
  gaierror,
  PermissionError,
  ProcessLookupError,
} from "./connection-errors.js";
export { EOFError, IncompleteReadError, LimitOverrunError } from "./errors.js";
export {
  openConnection,
  openUnixConnection,
  type StreamOptions,
  startServer,
  startUnixServer,
} from "./open-connection.js";
export { StreamReader } from "./stream-reader.js";
export { type ClientConnected, StreamReaderProtocol } from "./stream-reader-protocol.js";
export { StreamWriter } from "./stream-writer.js";
