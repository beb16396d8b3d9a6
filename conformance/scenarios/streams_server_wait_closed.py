# Pins: CPython 3.12.1+ Server.close() with a live connection: it stops
# listening (is_serving() False, sockets empty, a new connection is
# refused) but leaves the connection working; wait_closed() returns only
# once that connection is gone, and at once on a closed idle server.
# close() twice is harmless. Real sockets run on the real clock
# (asyncio.run, not vtrun); prints follow protocol causality only.
import asyncio
from _trace import show


def b(data):
    return repr(bytes(data))


async def main():
    async def handle(reader, writer):
        while line := await reader.readline():
            writer.write(line.upper())
        print("server handler: EOF")
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"is_serving={show(server.is_serving())} sockets={len(server.sockets)}")
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"before\n")
    print(f"client got {b(await reader.readline())}")

    server.close()
    server.close()
    print(f"closed: is_serving={show(server.is_serving())} sockets={len(server.sockets)}")
    waiter = asyncio.create_task(server.wait_closed())
    for _ in range(5):
        await asyncio.sleep(0)
    print(f"wait_closed done={show(waiter.done())}")
    try:
        await asyncio.open_connection(host, port)
    except ConnectionRefusedError:
        print("new connection: ConnectionRefusedError")

    writer.write(b"after close\n")
    print(f"client got {b(await reader.readline())}")
    print(f"wait_closed done={show(waiter.done())}")
    writer.close()
    await writer.wait_closed()
    await waiter
    print("wait_closed returned")
    await server.wait_closed()
    print("wait_closed again returned")


asyncio.run(main())
