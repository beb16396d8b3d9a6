# Pins: the callback order of Protocol subclasses on both ends of a TCP
# connection: connection_made, data_received, eof_received, connection_lost
# (None for a clean close). eof_received returning None closes the
# transport, so the server's close after the client's write_eof reaches the
# client as EOF. Each side logs into its own list and the lists are printed
# at the end: the two sides' callbacks interleave by the kernel's timing.
# Real sockets run on the real clock (asyncio.run, not vtrun).
import asyncio
from _trace import show


def b(data):
    return repr(bytes(data))


class Logger(asyncio.Protocol):
    def __init__(self, name, log, lost):
        self.name = name
        self.log = log
        self.lost = lost
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.log.append(f"connection_made peer={peer[0]}")

    def data_received(self, data):
        self.log.append(f"data_received {b(data)}")

    def eof_received(self):
        self.log.append(f"eof_received is_closing={show(self.transport.is_closing())}")

    def connection_lost(self, exc):
        self.log.append(f"connection_lost {show(exc)} is_closing={show(self.transport.is_closing())}")
        self.lost.set_result(None)


class Server(Logger):
    def data_received(self, data):
        super().data_received(data)
        self.transport.write(b"pong")


class Client(Logger):
    def data_received(self, data):
        super().data_received(data)
        self.transport.write_eof()


async def main():
    loop = asyncio.get_running_loop()
    server_log, client_log = [], []
    server_lost, client_lost = loop.create_future(), loop.create_future()
    server = await loop.create_server(
        lambda: Server("server", server_log, server_lost), "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]
    transport, protocol = await loop.create_connection(
        lambda: Client("client", client_log, client_lost), host, port)
    print(f"create_connection returned; made={show(client_log)}")
    print(f"same protocol={show(transport.get_protocol() is protocol)}")
    transport.write(b"ping")
    await client_lost
    await server_lost
    for line in server_log:
        print(f"server {line}")
    for line in client_log:
        print(f"client {line}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
