# Pins: a socket transport's argument errors and limits, with CPython's
# messages: write(str) is a TypeError; get_write_buffer_limits() defaults to
# (16384, 65536); set_write_buffer_limits derives the missing bound (low =
# high // 4, high = 4 * low) and rejects high < low or low < 0 with
# ValueError; get_extra_info falls back to the default. abort() drops the
# connection at once: connection_lost(None), and later writes and close()
# are silently ignored. Real sockets run on the real clock (asyncio.run,
# not vtrun).
import asyncio
from _trace import describe, show


class Quiet(asyncio.Protocol):
    pass


class Client(asyncio.Protocol):
    def __init__(self, lost):
        self.lost = lost

    def connection_lost(self, exc):
        print(f"connection_lost {show(exc)}")
        self.lost.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()
    server = await loop.create_server(Quiet, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    transport, _ = await loop.create_connection(lambda: Client(lost), host, port)

    print(f"limits {show(transport.get_write_buffer_limits())}")
    print(f"buffer size {show(transport.get_write_buffer_size())}")
    try:
        transport.write("text")
    except TypeError as e:
        print(f"write(str): {describe(e)}")
    for high, low in [(1, 2), (None, -1), (-1, None)]:
        try:
            transport.set_write_buffer_limits(high, low)
        except ValueError as e:
            print(f"limits({show(high)}, {show(low)}): {describe(e)}")
    for high, low in [(100, None), (None, 100), (10, 10), (None, None)]:
        transport.set_write_buffer_limits(high, low)
        print(f"limits({show(high)}, {show(low)}) -> {show(transport.get_write_buffer_limits())}")
    print(f"extra missing {show(transport.get_extra_info('no-such-key', 'default'))}")
    print(f"extra peer host {show(transport.get_extra_info('peername')[0])}")

    transport.abort()
    print(f"aborted: is_closing={show(transport.is_closing())}")
    transport.write(b"ignored")
    transport.close()
    await lost
    transport.write(b"ignored")
    print("write after connection_lost: no error")
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
