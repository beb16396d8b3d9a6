/** asyncio's streams (the reading side so far). */
export { EOFError, IncompleteReadError, LimitOverrunError } from "./errors.js";
export { type ReadTransport, StreamReader } from "./stream-reader.js";
