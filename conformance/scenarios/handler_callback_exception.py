# Pins: an exception raised by a call_soon/call_later callback goes to the
# loop's exception handler as "Exception in callback NAME()" and the loop
# keeps running. NAME is CPython's __qualname__, so the callbacks are
# module-level functions with the same one-word names in both twins. CPython
# 3.13 shows the arguments only in debug mode (explode(7, 'x') prints as
# "explode()") and appends " at FILE:LINE", which the trace helper drops.
import asyncio
from vtloop import vtrun
from _trace import now, report, start_clock


def boom():
    raise ValueError("from callback")


def explode(n, s):
    raise RuntimeError(f"{s}{n}")


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    loop.call_soon(boom)
    loop.call_soon(print, "next callback still runs")
    loop.call_later(1, explode, 7, "x")
    await asyncio.sleep(2)
    print(f"{now()} main done")


vtrun(main())
