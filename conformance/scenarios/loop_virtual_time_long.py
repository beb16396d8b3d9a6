# Pins: virtual time: an hour-long sleep and a two-day timer (longer than
# CPython's 24 h select cap) finish at once with loop.time() advanced exactly.
import asyncio
from vtloop import vtrun
from _trace import now, start_clock


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    await asyncio.sleep(3600)
    print(f"{now()} slept an hour")
    fut = loop.create_future()
    loop.call_later(2 * 86400, fut.set_result, "two days")
    value = await fut
    print(f"{now()} {value}")
    await asyncio.sleep(0.25)
    print(f"{now()} quarter second later")


vtrun(main())
