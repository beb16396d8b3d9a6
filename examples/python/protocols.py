"""The transports-and-protocols layer: a TCP server written as a Protocol,
a client Protocol that talks to it, and a UDP ping. The TypeScript twin is
examples/protocols.ts; both print the same lines."""
import asyncio


class Shout(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print("server: connection made")

    def data_received(self, data):
        print(f"server: got {data.decode()!r}")
        self.transport.write(data.upper())

    def eof_received(self):
        print("server: eof, answering and closing")
        self.transport.write(b"BYE")
        return False

    def connection_lost(self, exc):
        print(f"server: connection lost ({exc})")


class Client(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.received = b""

    def connection_made(self, transport):
        transport.write(b"hello")
        transport.write_eof()

    def data_received(self, data):
        self.received += data

    def connection_lost(self, exc):
        self.done.set_result(self.received)


class Pong(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.transport.sendto(b"pong:" + data, addr)


class Ping(asyncio.DatagramProtocol):
    def __init__(self, answers):
        self.answers = answers

    def datagram_received(self, data, addr):
        self.answers.put_nowait(data.decode())


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Shout, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()
    done = loop.create_future()
    await loop.create_connection(lambda: Client(done), host, port)
    print(f"client: received {(await done).decode()!r}")
    server.close()
    await server.wait_closed()

    pong, _ = await loop.create_datagram_endpoint(Pong, local_addr=("127.0.0.1", 0))
    answers = asyncio.Queue()
    ping, _ = await loop.create_datagram_endpoint(
        lambda: Ping(answers), remote_addr=pong.get_extra_info("sockname")
    )
    for n in range(3):
        ping.sendto(f"{n}".encode())
        print(f"udp: {await answers.get()}")
    ping.close()
    pong.close()


asyncio.run(main())
