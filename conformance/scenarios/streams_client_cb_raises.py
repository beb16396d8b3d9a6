# Pins: a client_connected_cb coroutine that raises goes to the loop's
# exception handler as 'Unhandled exception in client_connected_cb' (with
# the exception and the transport in the context), and the server closes
# that connection: the client reads EOF. A handler task that is cancelled
# closes its connection too, with no report. (A handler that returns
# closes nothing; CPython 3.13's StreamWriter.__del__ then closes it at
# garbage collection, which JavaScript cannot observe, so that case is not
# here.) Real sockets run on the real clock (asyncio.run, not vtrun);
# prints follow protocol causality only.
import asyncio
from _trace import describe, show


def b(data):
    return repr(bytes(data))


def handler(loop, context):
    print(f"handler: {context['message']} -> {describe(context['exception'])}"
          f" transport={show('transport' in context)}")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    waiting = loop.create_future()

    async def handle(reader, writer):
        line = await reader.readline()
        print(f"server got {b(line)}")
        if line == b"raise\n":
            raise ValueError("bad request")
        waiting.set_result(asyncio.current_task())
        await reader.read()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    host, port = server.sockets[0].getsockname()[:2]

    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"raise\n")
    print(f"client 1 read {b(await reader.read())}")
    writer.close()
    await writer.wait_closed()

    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"wait\n")
    (await waiting).cancel()
    print(f"client 2 read {b(await reader.read())}")
    writer.close()
    await writer.wait_closed()

    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
