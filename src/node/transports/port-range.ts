/**
 * A port outside 0–65535, refused before Node sees it, in CPython's words.
 *
 * CPython raises OverflowError("bind(): port must be 0-65535.") (or
 * "connect(): …") from the socket call. Node was inconsistent, and leaky:
 * `net` threw its own RangeError from `socket.connect()` after the socket's
 * handle was made, so the socket stayed behind, never destroyed; `dgram`
 * bound a UDP socket to the port modulo 65536 (70000 became 4464) and
 * reported success. JavaScript's RangeError stands for OverflowError, as
 * elsewhere in asyncio-ts where Python raises on a number out of range.
 */
export function checkPort(port: number | undefined, call: "bind" | "connect"): void {
  if (typeof port === "number" && Number.isInteger(port) && (port < 0 || port > 65535)) {
    throw new RangeError(`${call}(): port must be 0-65535.`);
  }
}
