/**
 * Feeds a Node Readable (a socket, a child's stdout) into a StreamReader:
 * data, EOF and errors; the reader's flow control pauses and resumes it.
 */
import type { Readable } from "node:stream";
import { toOSError } from "./connection-errors.js";
import type { StreamReader } from "./stream-reader.js";

export function feedReader(readable: Readable, reader: StreamReader): void {
  reader.setTransport({
    pauseReading: () => readable.pause(),
    resumeReading: () => readable.resume(),
  });
  readable.on("data", (chunk: Uint8Array) => {
    if (!reader.atEof()) reader.feedData(chunk);
  });
  readable.on("end", () => reader.feedEof());
  readable.on("error", (e) => reader.setException(toOSError(e)));
}
