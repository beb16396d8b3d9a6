# No signal: a callback raises SystemExit("stopping: bad config"), which
# escapes the loop; the interpreter prints the message alone and exits 1.
import asyncio


def stop():
    raise SystemExit("stopping: bad config")


async def main():
    asyncio.get_running_loop().call_soon(stop)
    print("main waits", flush=True)
    await asyncio.sleep(3600)


asyncio.run(main())
print("not reached")
