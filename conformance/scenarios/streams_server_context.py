# Pins: a start_server handler's Task runs in a copy of the context that
# started serving (CPython's accept callback is a Handle made, with a copy
# of the context, when start_server starts listening): a ContextVar set
# before start_server is seen by every handler, one set after it is not,
# and what a handler sets stays in its own Task. Real sockets run on the
# real clock (asyncio.run, not vtrun); prints follow protocol causality.
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="unset")


async def handle(reader, writer):
    line = (await reader.readline()).decode().strip()
    print(f"handler {line} sees {request_id.get()}")
    request_id.set(f"set by {line}")
    writer.write(b"ok\n")
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def client(port, name):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"{name}\n".encode())
    print(f"client {name} got {(await reader.readline()).decode().strip()}")
    writer.close()
    await writer.wait_closed()


async def main():
    request_id.set("before start_server")
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    request_id.set("after start_server")
    port = server.sockets[0].getsockname()[1]
    await client(port, "c1")
    await client(port, "c2")
    print(f"main sees {request_id.get()}")
    server.close()
    await server.wait_closed()


asyncio.run(main())
