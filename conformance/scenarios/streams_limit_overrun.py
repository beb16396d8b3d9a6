# Pins: LimitOverrunError over a socket (client limit=8). readuntil leaves
# the data in the buffer ("Separator is found, but chunk is longer than
# limit", consumed = where the separator starts; "Separator is not found,
# and chunk exceed the limit", consumed = what is buffered), so the stream
# stays usable; readline turns it into ValueError and drops the line (up to
# and including its newline, or the whole buffer when there is none). Each
# reply is one small write, which a loopback socket delivers in one piece.
# Real sockets run on the real clock (asyncio.run, not vtrun).
import asyncio
from _trace import describe, show


def b(data):
    return repr(bytes(data))


REPLIES = {
    b"one\n": b"0123456789!ok\nabcdefghijklmnop\nnext\n",
    b"two\n": b"xxxxxxxxxxxx",
    b"three\n": b"yyyyyyyyyyyy",
    b"four\n": b"done\n",
}


async def main():
    async def handle(reader, writer):
        while line := await reader.readline():
            writer.write(REPLIES[line])
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    reader, writer = await asyncio.open_connection(host, port, limit=8)

    writer.write(b"one\n")
    try:
        await reader.readuntil(b"!")
    except asyncio.LimitOverrunError as e:
        print(f"readuntil: {describe(e)} consumed={show(e.consumed)}")
    print(f"readexactly {b(await reader.readexactly(11))}")
    print(f"readline {b(await reader.readline())}")
    try:
        await reader.readline()
    except ValueError as e:
        print(f"readline: {describe(e)}")
    print(f"readline {b(await reader.readline())}")

    writer.write(b"two\n")
    try:
        await reader.readuntil(b"!")
    except asyncio.LimitOverrunError as e:
        print(f"readuntil: {describe(e)} consumed={show(e.consumed)}")
    print(f"read(5) {b(await reader.read(5))}")
    print(f"readexactly {b(await reader.readexactly(7))}")

    writer.write(b"three\n")
    try:
        await reader.readline()
    except ValueError as e:
        print(f"readline: {describe(e)}")

    writer.write(b"four\n")
    print(f"readline {b(await reader.readline())}")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
