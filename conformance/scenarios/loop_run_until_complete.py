# Pins: run_until_complete on a hand-made loop returns the coroutine's result,
# raises its exception, and "Event loop stopped before Future completed." when
# the loop is stopped first; loop.time() persists across runs.
import asyncio
from vtloop import VirtualTimeLoop
from _trace import describe, fmt_time


async def work(x):
    await asyncio.sleep(1)
    return x * 2


async def fail():
    await asyncio.sleep(1)
    raise ValueError("failed")


def main():
    loop = VirtualTimeLoop()
    start = loop.time()
    print(f"result {loop.run_until_complete(work(21))}")
    print(f"time {fmt_time(loop.time() - start)}")
    try:
        loop.run_until_complete(fail())
    except ValueError as e:
        print(describe(e))
    print(f"time {fmt_time(loop.time() - start)}")
    loop.call_soon(loop.stop)
    fut = loop.create_future()
    try:
        loop.run_until_complete(fut)
    except RuntimeError as e:
        print(describe(e))
    loop.close()
    print(f"closed={loop.is_closed()}")


main()
