# A service's main: it only waits for SIGTERM, and the process waits with it.
# send: SIGTERM
import asyncio
import signal


async def main():
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    await stop.wait()
    print("got SIGTERM", flush=True)


asyncio.run(main())
