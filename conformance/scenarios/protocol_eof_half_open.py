# Pins: a server Protocol whose eof_received returns True keeps the
# connection open for writing after the client's write_eof: it answers, then
# closes. The client transport after write_eof: can_write_eof() is True,
# write_eof() again is a no-op, write()/writelines() raise RuntimeError,
# and it still reads the answer, EOF and connection_lost(None). Real
# sockets run on the real clock (asyncio.run, not vtrun); prints follow
# protocol causality only.
import asyncio
from _trace import describe, show


def b(data):
    return repr(bytes(data))


class Server(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        self.got = b""

    def data_received(self, data):
        self.got += data

    def eof_received(self):
        print(f"server eof_received after {b(self.got)}")
        self.transport.write(b"answer to " + self.got)
        self.transport.close()
        return True

    def connection_lost(self, exc):
        print(f"server connection_lost {show(exc)}")


class Client(asyncio.Protocol):
    def __init__(self, lost):
        self.lost = lost
        self.got = b""

    def data_received(self, data):
        self.got += data

    def eof_received(self):
        print(f"client eof_received after {b(self.got)}")

    def connection_lost(self, exc):
        print(f"client connection_lost {show(exc)}")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()
    server = await loop.create_server(Server, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    transport, _ = await loop.create_connection(lambda: Client(lost), host, port)
    transport.write(b"question")
    print(f"client can_write_eof={show(transport.can_write_eof())}")
    transport.write_eof()
    transport.write_eof()
    try:
        transport.write(b"more")
    except RuntimeError as e:
        print(f"client write: {describe(e)}")
    try:
        transport.writelines([b"more"])
    except RuntimeError as e:
        print(f"client writelines: {describe(e)}")
    print(f"client is_closing={show(transport.is_closing())}")
    await lost
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
