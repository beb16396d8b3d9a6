# Pins: the client's writer.close() sends what was written, then EOF: the
# server's readexactly gets the bytes and its read() returns b''. On the
# client, wait_closed() returns once the connection is lost; then drain()
# raises ConnectionResetError('Connection lost'), a write is silently
# dropped, and the reader is at EOF. The server's view is reported through
# a Future, so the two sides' prints cannot race. Real sockets run on the
# real clock (asyncio.run, not vtrun).
import asyncio
from _trace import describe, show


def b(data):
    return repr(bytes(data))


async def main():
    seen = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        first = await reader.readexactly(4)
        rest = await reader.read()
        seen.set_result([b(first), b(rest), show(reader.at_eof())])
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    reader, writer = await asyncio.open_connection(host, port)
    print(f"client is_closing={show(writer.is_closing())}")
    writer.write(b"data")
    writer.close()
    print(f"client is_closing={show(writer.is_closing())}")
    await writer.wait_closed()
    print("client wait_closed returned")
    try:
        await writer.drain()
    except ConnectionResetError as e:
        print(f"client drain: {describe(e)}")
    writer.write(b"dropped")
    print("client write after close: no error")
    print(f"client read {b(await reader.read())} at_eof={show(reader.at_eof())}")
    first, rest, at_eof = await seen
    print(f"server readexactly {first}, then read {rest} at_eof={at_eof}")
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
