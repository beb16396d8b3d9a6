// W10's load, in a process of its own so that the server's memory is the
// server's alone: rounds of clients that all connect at once, each sending
// 256 KiB to the echo server under test and resetting the connection (RST)
// once 64 KiB have come back, mid-transfer. Prints one JSON line: how many
// clients finished and how many of them reset mid-transfer (the others saw
// an error first, e.g. a reset from a server whose accept queue overflowed).
// Usage: node bench/workloads/reset-storm.mjs <port> <clients per round> <rounds>
import net from "node:net";

const SEND = 256 * 1024;
const RESET_AFTER = 64 * 1024;

const [port, clients, rounds] = process.argv.slice(2).map(Number);
const payload = Buffer.alloc(SEND, 120);

/** One client; resolves with how it ended ("reset" or an error code). */
function client() {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: "127.0.0.1", port });
    let received = 0;
    let ended = false;
    const end = (how) => {
      if (ended) return;
      ended = true;
      resolve(how);
    };
    socket.on("connect", () => socket.write(payload));
    socket.on("data", (chunk) => {
      received += chunk.length;
      if (received >= RESET_AFTER && !socket.destroyed) {
        socket.resetAndDestroy();
        end("reset");
      }
    });
    socket.on("error", (e) => end(e.code ?? "error"));
    socket.on("close", () => end("closed"));
  });
}

let finished = 0;
let reset = 0;
for (let r = 0; r < rounds; r++) {
  const ends = await Promise.all(Array.from({ length: clients }, client));
  finished += ends.length;
  reset += ends.filter((how) => how === "reset").length;
}
console.log(JSON.stringify({ finished, reset }));
