"""Names that do not resolve: the oracle for test/faults.test.ts ("CPython differential").

Every asyncio API that resolves a host name, given one that resolves nowhere
(`.invalid` is reserved for that, RFC 6761), and one address family the
name does not have. Each prints the class CPython raises, whether it is an
OSError, `errno` as the name of its `socket.EAI_*` constant (asyncio-ts's
`errno`), `strerror`, `str(e)` and `repr(e)`.

Run with a resolver that answers (here: none, NXDOMAIN for every name not
in /etc/hosts) for EAI_NONAME; with one that does not (a nameserver nobody
listens on) every name gives EAI_AGAIN instead, which is what
`python3 unresolvable.py again` prints a line of.
"""

import asyncio
import socket
import sys

HOST = "nonexistent.invalid"
EAI = {getattr(socket, n): n for n in dir(socket) if n.startswith("EAI_")}


def show(what, e):
    print(
        f"{what}: {type(e).__name__} OSError={isinstance(e, OSError)} errno={EAI[e.errno]} "
        f"strerror={e.strerror!r} str={str(e)!r} repr={e!r}"
    )


async def attempt(what, coro):
    try:
        await coro
    except socket.gaierror as e:
        show(what, e)
    else:
        print(f"{what}: no error")


async def main():
    loop = asyncio.get_running_loop()
    if sys.argv[1:] == ["again"]:
        await attempt("open_connection", asyncio.open_connection(HOST, 80))
        return
    await attempt("open_connection", asyncio.open_connection(HOST, 80))
    await attempt("open_connection ssl", asyncio.open_connection(HOST, 443, ssl=True))
    await attempt(
        "open_connection local_addr",
        asyncio.open_connection("127.0.0.1", 80, local_addr=(HOST, 0)),
    )
    await attempt("create_connection", loop.create_connection(asyncio.Protocol, HOST, 80))
    await attempt("start_server", asyncio.start_server(lambda r, w: None, HOST, 0))
    await attempt(
        "start_server hosts",
        asyncio.start_server(lambda r, w: None, ["127.0.0.1", HOST], 0),
    )
    await attempt("create_server", loop.create_server(asyncio.Protocol, HOST, 0))
    await attempt(
        "create_datagram_endpoint remote_addr",
        loop.create_datagram_endpoint(asyncio.DatagramProtocol, remote_addr=(HOST, 80)),
    )
    await attempt(
        "create_datagram_endpoint local_addr",
        loop.create_datagram_endpoint(asyncio.DatagramProtocol, local_addr=(HOST, 0)),
    )
    await attempt(
        "create_datagram_endpoint family",
        loop.create_datagram_endpoint(
            asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0), family=socket.AF_INET6
        ),
    )


asyncio.run(main())
