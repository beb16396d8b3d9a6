# Pins: a server made with start_serving=False is not serving until
# start_serving(); serve_forever() on it serves, a second serve_forever()
# raises RuntimeError, and cancelling serve_forever() closes the server and
# then waits (wait_closed) for the live connection to end before the task
# finishes cancelled; serve_forever() on a closed server raises
# RuntimeError. (The messages hold the server's repr, with its port, so
# only the class is printed.) Real sockets run on the real clock
# (asyncio.run, not vtrun); prints follow protocol causality only.
import asyncio
from _trace import show


def b(data):
    return repr(bytes(data))


async def main():
    async def handle(reader, writer):
        while line := await reader.readline():
            writer.write(b"echo " + line)
        print("server handler: EOF")
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, start_serving=False)
    host, port = server.sockets[0].getsockname()[:2]
    print(f"created: is_serving={show(server.is_serving())}")
    await server.start_serving()
    print(f"start_serving: is_serving={show(server.is_serving())}")
    forever = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0)
    print(f"serve_forever: is_serving={show(server.is_serving())}")
    try:
        await server.serve_forever()
    except RuntimeError:
        print("second serve_forever: RuntimeError")

    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"one\n")
    print(f"client got {b(await reader.readline())}")

    forever.cancel()
    for _ in range(5):
        await asyncio.sleep(0)
    print(f"cancelled: done={show(forever.done())} is_serving={show(server.is_serving())}"
          f" sockets={len(server.sockets)}")
    writer.write(b"two\n")
    print(f"client got {b(await reader.readline())}")
    writer.close()
    await writer.wait_closed()
    try:
        await forever
    except asyncio.CancelledError:
        print(f"serve_forever task cancelled={show(forever.cancelled())}")
    try:
        await server.serve_forever()
    except RuntimeError:
        print("serve_forever on closed server: RuntimeError")


asyncio.run(main())
