# Pins: StreamReader over a loopback socket: readline, readexactly,
# readuntil (one separator, and a tuple whose earliest-ending match wins,
# 3.13), read() to EOF on the server after the client's write_eof(), then
# EOF on the client: readuntil/readexactly raise IncompleteReadError with
# the partial bytes and the expected size (None reads 'undefined' in the
# message), readline and read return b''. Real sockets run on the real
# clock (asyncio.run, not vtrun); prints follow protocol causality only.
import asyncio
from _trace import describe, show


def b(data):
    return repr(bytes(data))


async def main():
    handler_done = asyncio.get_running_loop().create_future()

    async def handle(reader, writer):
        line = await reader.readline()
        print(f"server readline {b(line)}")
        writer.write(b"line one\nABCxyz!rest;")
        await writer.drain()
        data = await reader.read()
        print(f"server read {b(data)} at_eof={show(reader.at_eof())}")
        writer.write(b"tail")
        writer.close()
        await writer.wait_closed()
        handler_done.set_result(None)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"hello\n")
    print(f"client readline {b(await reader.readline())}")
    print(f"client readexactly {b(await reader.readexactly(3))}")
    print(f"client readuntil {b(await reader.readuntil(b'!'))}")
    print(f"client readuntil tuple {b(await reader.readuntil((b';', b'st')))}")
    print(f"client readexactly {b(await reader.readexactly(1))}")
    writer.write(b"bye")
    print(f"client can_write_eof={show(writer.can_write_eof())}")
    writer.write_eof()
    try:
        await reader.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print(f"client readexactly: {describe(e)} partial={b(e.partial)} expected={show(e.expected)}")
    try:
        await reader.readuntil(b"!")
    except asyncio.IncompleteReadError as e:
        print(f"client readuntil: {describe(e)} partial={b(e.partial)} expected={show(e.expected)}")
    print(f"client readline at EOF {b(await reader.readline())}")
    print(f"client read at EOF {b(await reader.read())} at_eof={show(reader.at_eof())}")
    await handler_done
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
