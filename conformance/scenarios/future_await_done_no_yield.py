# Pins: awaiting a coroutine or an already-done future does not yield to the
# loop (a call_soon callback scheduled before still has not run), while
# sleep(0) yields exactly one iteration.
import asyncio
from vtloop import vtrun


async def noop():
    return 1


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "callback")
    r = await noop()
    print(f"awaited coroutine -> {r}")
    done = loop.create_future()
    done.set_result(2)
    r = await done
    print(f"awaited done future -> {r}")
    await asyncio.sleep(0)
    print("after sleep(0)")


vtrun(main())
