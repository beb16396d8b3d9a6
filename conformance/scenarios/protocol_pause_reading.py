# Pins: pause_reading() in connection_made holds data_received back (even
# though the peer's bytes have arrived) until resume_reading(); is_reading()
# follows, pausing or resuming twice is a no-op, and after close()
# is_reading() is False and pause/resume do nothing. The 0.1 s real sleep
# only gives the bytes time to arrive; nothing printed depends on it. Real
# sockets run on the real clock (asyncio.run, not vtrun).
import asyncio
from _trace import show


def b(data):
    return repr(bytes(data))


class Sender(asyncio.Protocol):
    def __init__(self, sent):
        self.sent = sent

    def connection_made(self, transport):
        transport.write(b"hello")
        self.sent.set_result(None)


class Reader(asyncio.Protocol):
    def __init__(self, got, lost):
        self.got = got
        self.lost = lost
        self.received = []

    def connection_made(self, transport):
        transport.pause_reading()
        transport.pause_reading()
        print(f"connection_made: paused, is_reading={show(transport.is_reading())}")

    def data_received(self, data):
        self.received.append(b(data))
        self.got.set_result(None)

    def connection_lost(self, exc):
        print(f"connection_lost {show(exc)}")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    sent, got, lost = loop.create_future(), loop.create_future(), loop.create_future()
    server = await loop.create_server(lambda: Sender(sent), "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    transport, protocol = await loop.create_connection(
        lambda: Reader(got, lost), host, port)
    await sent
    await asyncio.sleep(0.1)
    print(f"while paused: received={show(protocol.received)}")
    transport.resume_reading()
    transport.resume_reading()
    print(f"resumed: is_reading={show(transport.is_reading())}")
    await got
    print(f"after resume: received={show(protocol.received)}")
    transport.close()
    print(f"closed: is_reading={show(transport.is_reading())}")
    transport.pause_reading()
    transport.resume_reading()
    print(f"pause/resume after close: is_reading={show(transport.is_reading())}")
    await lost
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
