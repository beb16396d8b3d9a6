# Program: a line-protocol key-value server and its clients over loopback
# TCP, with streams. The server (start_server, async with server) reads
# commands with readline() until QUIT or EOF and answers each with write()
# and drain(); a bad command gets an error line; a line longer than the
# reader's limit ends that connection with an error. Three clients run in a
# TaskGroup, each keeping its own log, printed after the group so the
# output does not depend on socket timing. A last client stays connected
# and idle: close_clients() (3.13) closes it so wait_closed() can return.
# Real sockets run on the real clock (asyncio.run); prints follow protocol
# causality only.
import asyncio
from _trace import describe, show


def b(data):
    return repr(bytes(data))


async def main():
    store = {}
    server_log = {}
    idle_done = asyncio.Event()

    async def handle(reader, writer):
        hello = await reader.readline()
        name = hello.decode().strip()
        log = server_log.setdefault(name, [])
        writer.write(f"HELLO {name}\n".encode())
        await writer.drain()
        try:
            while line := await reader.readline():
                cmd, *args = line.decode().split()
                if cmd == "SET" and len(args) == 2:
                    store[args[0]] = args[1]
                    reply = "OK"
                elif cmd == "GET" and len(args) == 1:
                    reply = store.get(args[0], "(nil)")
                elif cmd == "DEL" and len(args) == 1:
                    reply = str(int(store.pop(args[0], None) is not None))
                elif cmd == "QUIT":
                    writer.write(b"BYE\n")
                    await writer.drain()
                    break
                else:
                    reply = f"ERR unknown {cmd}"
                log.append(f"{cmd} -> {reply}")
                writer.write(f"{reply}\n".encode())
                await writer.drain()
            else:
                log.append("EOF")
        except ValueError as e:
            log.append(f"too long: {describe(e)}")
        writer.close()
        await writer.wait_closed()
        if name == "idle":
            idle_done.set()

    async def client(name, commands, log):
        reader, writer = await asyncio.open_connection(host, port, limit=64)
        writer.write(f"{name}\n".encode())
        log.append(b(await reader.readline()))
        for command in commands:
            writer.write(f"{command}\n".encode())
            await writer.drain()
            log.append(f"{command} => {b(await reader.readline())}")
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=32)
    host, port = server.sockets[0].getsockname()[:2]
    async with server:
        logs = {"ann": [], "bob": [], "cy": []}
        async with asyncio.TaskGroup() as tg:
            tg.create_task(client("ann", ["SET a 1", "GET a", "QUIT"], logs["ann"]))
            tg.create_task(client("bob", ["GET nothing", "PING", "DEL nothing", "QUIT"], logs["bob"]))
            tg.create_task(client("cy", ["SET " + "x" * 40 + " 1"], logs["cy"]))
        for name, log in logs.items():
            print(f"client {name}: {' | '.join(log)}")
        for name in sorted(server_log):
            print(f"server {name}: {' | '.join(server_log[name])}")
        print(f"store {show(sorted(store.items()))}")

        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"idle\n")
        print(f"idle client got {b(await reader.readline())}")
        server.close()
        print(f"serving after close: {show(server.is_serving())}")
        server.close_clients()
        print(f"idle client reads {b(await reader.read())} at_eof={show(reader.at_eof())}")
        await server.wait_closed()
        await idle_done.wait()
        print(f"server log idle: {show(server_log['idle'])}")
        writer.close()
        await writer.wait_closed()
    print("done")


asyncio.run(main())
