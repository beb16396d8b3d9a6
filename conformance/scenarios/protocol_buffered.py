# Pins: a BufferedProtocol with a 4-byte buffer: the transport asks
# get_buffer(-1) and reports buffer_updated(n) for each piece, so ten bytes
# arrive as 4 + 4 + 2, then eof_received and connection_lost(None). A
# buffer is asked for before every read, the one that finds EOF too. The
# server sends its ten bytes in one write, which a loopback socket delivers
# in one piece. Real sockets run on the real clock (asyncio.run, not vtrun).
import asyncio
from _trace import show


def b(data):
    return repr(bytes(data))


class Sender(asyncio.Protocol):
    def connection_made(self, transport):
        transport.write(b"abcdefghij")
        transport.close()


class Receiver(asyncio.BufferedProtocol):
    def __init__(self, lost):
        self.lost = lost
        self.buffer = bytearray(4)

    def connection_made(self, transport):
        print("connection_made")

    def get_buffer(self, sizehint):
        print(f"get_buffer({sizehint})")
        return self.buffer

    def buffer_updated(self, nbytes):
        print(f"buffer_updated({nbytes}) {b(self.buffer[:nbytes])}")

    def eof_received(self):
        print("eof_received")

    def connection_lost(self, exc):
        print(f"connection_lost {show(exc)}")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()
    server = await loop.create_server(Sender, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    await loop.create_connection(lambda: Receiver(lost), host, port)
    await lost
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
