# Ctrl-C while main waits in drain() for a peer that never reads (the server's
# handler waits too): main's finally runs, then the handler's, cancelled as
# asyncio.run ends; the KeyboardInterrupt ends the process by SIGINT, with no
# socket or server left to hold it.
# send: SIGINT
import asyncio


async def main():
    async def handle(reader, writer):
        try:
            await asyncio.Event().wait()
        finally:
            print("handler finally", flush=True)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(bytes(64 << 20))
    try:
        print("ready", flush=True)
        await writer.drain()
    finally:
        print("main finally", flush=True)


asyncio.run(main())
