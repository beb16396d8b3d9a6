# Pins: an exception raised by a protocol callback is a fatal error of its
# transport: the loop's exception handler gets 'Fatal error:
# protocol.data_received() call failed.' (or eof_received) with the
# exception, the transport and the protocol in the context, and the
# protocol's connection_lost receives that exception. The peer then reads
# EOF. Real sockets run on the real clock (asyncio.run, not vtrun); prints
# follow protocol causality only.
import asyncio
from _trace import describe, show


def handler(loop, context):
    print(f"handler: {context['message']} -> {describe(context['exception'])}"
          f" transport={show('transport' in context)} protocol={show('protocol' in context)}")


class Faulty(asyncio.Protocol):
    def data_received(self, data):
        if data == b"data":
            raise ValueError("bad data")

    def eof_received(self):
        raise RuntimeError("bad eof")

    def connection_lost(self, exc):
        print(f"server connection_lost {show(exc)}")


class Client(asyncio.Protocol):
    def __init__(self, lost):
        self.lost = lost

    def eof_received(self):
        print("client eof_received")

    def connection_lost(self, exc):
        print(f"client connection_lost {show(exc)}")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    server = await loop.create_server(Faulty, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]

    lost = loop.create_future()
    transport, _ = await loop.create_connection(lambda: Client(lost), host, port)
    transport.write(b"data")
    await lost

    lost = loop.create_future()
    transport, _ = await loop.create_connection(lambda: Client(lost), host, port)
    transport.write(b"ok")
    transport.write_eof()
    await lost

    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
