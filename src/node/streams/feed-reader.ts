/**
 * Feeds Node Readables (a socket; a child's stdout, with its stderr when
 * merged) into one StreamReader: data, errors, and EOF once every one has
 * ended; the reader's flow control pauses and resumes them all.
 */
import type { Readable } from "node:stream";
import { toOSError } from "./connection-errors.js";
import type { StreamReader } from "./stream-reader.js";

export function feedReader(reader: StreamReader, ...readables: Readable[]): void {
  reader.setTransport({
    pauseReading: () => {
      for (const r of readables) r.pause();
    },
    resumeReading: () => {
      for (const r of readables) r.resume();
    },
  });
  let open = readables.length;
  for (const readable of readables) {
    readable.on("data", (chunk: Uint8Array) => {
      if (!reader.atEof()) reader.feedData(chunk);
    });
    readable.on("end", () => {
      if (--open === 0) reader.feedEof();
    });
    readable.on("error", (e) => reader.setException(toOSError(e)));
  }
}
