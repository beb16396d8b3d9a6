"""UDP echo: the oracle for test/udp.test.ts ("CPython differential").

An echo server and a connected client on 127.0.0.1, strict request and
reply, so the order of the lines is causal. Ports are printed as PORT.
"""

import asyncio


class EchoServer(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        print("server connection_made")
        self.transport = transport

    def datagram_received(self, data, addr):
        print(f"server datagram_received {data!r} from client {addr == CLIENT[0]}")
        self.transport.sendto(data.upper(), addr)

    def connection_lost(self, exc):
        print(f"server connection_lost {exc!r}")


class Client(asyncio.DatagramProtocol):
    def __init__(self, loop):
        self.replies = asyncio.Queue()
        self.lost = loop.create_future()

    def connection_made(self, transport):
        print("client connection_made")

    def datagram_received(self, data, addr):
        print(f"client datagram_received {data!r}")
        self.replies.put_nowait(data)

    def error_received(self, exc):
        print(f"client error_received {type(exc).__name__}")

    def connection_lost(self, exc):
        print(f"client connection_lost {exc!r}")
        self.lost.set_result(None)


CLIENT = [None]


async def main():
    loop = asyncio.get_running_loop()
    server, _ = await loop.create_datagram_endpoint(
        EchoServer, local_addr=("127.0.0.1", 0)
    )
    print("server created")
    host, port = server.get_extra_info("sockname")
    print(f"server sockname {host} peername {server.get_extra_info('peername')}")
    client, proto = await loop.create_datagram_endpoint(
        lambda: Client(loop), remote_addr=("127.0.0.1", port)
    )
    print("client created")
    CLIENT[0] = client.get_extra_info("sockname")
    print(f"client peername is server sockname {client.get_extra_info('peername') == (host, port)}")
    for word in [b"hello", b"world", b""]:
        client.sendto(word)
        reply = await proto.replies.get()
        print(f"reply {reply!r}")
    try:
        client.sendto("text")
    except TypeError as e:
        print(f"TypeError {e}")
    try:
        client.sendto(b"x", ("127.0.0.1", port + 1 if port < 65535 else port - 1))
    except ValueError as e:
        print(f"ValueError {str(e).replace(str(port), 'PORT')}")
    print(f"closing {client.is_closing()}")
    client.close()
    print(f"closing {client.is_closing()}")
    client.sendto(b"dropped")
    await proto.lost
    server.close()
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())
