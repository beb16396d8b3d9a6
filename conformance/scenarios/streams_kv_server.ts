// Program: a line-protocol key-value server and its clients over loopback
// TCP, with streams. The server (start_server, async with server) reads
// commands with readline() until QUIT or EOF and answers each with write()
// and drain(); a bad command gets an error line; a line longer than the
// reader's limit ends that connection with an error. Three clients run in a
// TaskGroup, each keeping its own log, printed after the group so the
// output does not depend on socket timing. A last client stays connected
// and idle: close_clients() (3.13) closes it so wait_closed() can return.
// Real sockets run on the real clock (asyncio.run); prints follow protocol
// causality only.

import * as asyncio from "../../src/index.js";
import { describe, show } from "./_trace.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (data: Uint8Array): string => new TextDecoder().decode(data);

/** Python's repr() of printable ASCII bytes. */
function b(data: Uint8Array): string {
  const text = dec(data).replace(/\n/g, "\\n");
  return `b'${text}'`;
}

function* main(): asyncio.Coroutine<void> {
  const store = new Map<string, string>();
  const serverLog = new Map<string, string[]>();
  const idleDone = new asyncio.Event();

  function* handle(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
  ): asyncio.Coroutine<void> {
    const hello = yield* reader.readline();
    const name = dec(hello).trim();
    if (!serverLog.has(name)) serverLog.set(name, []);
    const log = serverLog.get(name)!;
    writer.write(enc(`HELLO ${name}\n`));
    yield* writer.drain();
    try {
      let quit = false;
      let line: Uint8Array;
      while ((line = yield* reader.readline()).length > 0) {
        const [cmd, ...args] = dec(line).trim().split(/\s+/);
        let reply: string;
        if (cmd === "SET" && args.length === 2) {
          store.set(args[0]!, args[1]!);
          reply = "OK";
        } else if (cmd === "GET" && args.length === 1) {
          reply = store.get(args[0]!) ?? "(nil)";
        } else if (cmd === "DEL" && args.length === 1) {
          reply = String(Number(store.delete(args[0]!)));
        } else if (cmd === "QUIT") {
          writer.write(enc("BYE\n"));
          yield* writer.drain();
          quit = true;
          break;
        } else {
          reply = `ERR unknown ${cmd}`;
        }
        log.push(`${cmd} -> ${reply}`);
        writer.write(enc(`${reply}\n`));
        yield* writer.drain();
      }
      if (!quit) {
        log.push("EOF");
      }
    } catch (e) {
      if (!(e instanceof asyncio.ValueError)) throw e;
      log.push(`too long: ${describe(e)}`);
    }
    writer.close();
    yield* writer.waitClosed();
    if (name === "idle") {
      idleDone.set();
    }
  }

  function* client(name: string, commands: string[], log: string[]): asyncio.Coroutine<void> {
    const [reader, writer] = yield* asyncio.openConnection(host, port, { limit: 64 });
    writer.write(enc(`${name}\n`));
    log.push(b(yield* reader.readline()));
    for (const command of commands) {
      writer.write(enc(`${command}\n`));
      yield* writer.drain();
      log.push(`${command} => ${b(yield* reader.readline())}`);
    }
    writer.close();
    yield* writer.waitClosed();
  }

  const server = yield* asyncio.startServer(handle, "127.0.0.1", 0, { limit: 32 });
  const [host, port] = server.sockets[0]!.getsockname() as [string, number];
  yield* asyncio.asyncWith(server, function* () {
    const logs = new Map<string, string[]>([
      ["ann", []],
      ["bob", []],
      ["cy", []],
    ]);
    yield* asyncio.asyncWith(new asyncio.TaskGroup(), function* (tg) {
      tg.createTask(client("ann", ["SET a 1", "GET a", "QUIT"], logs.get("ann")!));
      tg.createTask(
        client("bob", ["GET nothing", "PING", "DEL nothing", "QUIT"], logs.get("bob")!),
      );
      tg.createTask(client("cy", [`SET ${"x".repeat(40)} 1`], logs.get("cy")!));
    });
    for (const [name, log] of logs) {
      console.log(`client ${name}: ${log.join(" | ")}`);
    }
    for (const name of [...serverLog.keys()].sort()) {
      console.log(`server ${name}: ${serverLog.get(name)!.join(" | ")}`);
    }
    console.log(`store ${show([...store].sort(asyncio.pythonCompare))}`);

    const [reader, writer] = yield* asyncio.openConnection(host, port);
    writer.write(enc("idle\n"));
    console.log(`idle client got ${b(yield* reader.readline())}`);
    server.close();
    console.log(`serving after close: ${show(server.isServing())}`);
    server.closeClients();
    console.log(`idle client reads ${b(yield* reader.read())} at_eof=${show(reader.atEof())}`);
    yield* server.waitClosed();
    yield* idleDone.wait();
    console.log(`server log idle: ${show(serverLog.get("idle"))}`);
    writer.close();
    yield* writer.waitClosed();
  });
  console.log("done");
}

await asyncio.run(main());
