# Pins: cancelling the gather future cancels every child with the message;
# cancel() returns True but the gather is not done until the children
# finish; then awaiting it raises CancelledError(msg) even with
# return_exceptions=True, and cancelled() is False while exception() returns
# the CancelledError.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def job(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print(f"{name} cancelled with {describe(e)}")
        raise


async def main():
    g = asyncio.gather(job("x"), job("y"), return_exceptions=True)
    await asyncio.sleep(0)
    print(f"cancel -> {show(g.cancel('stop'))} done={show(g.done())}")
    try:
        await g
    except asyncio.CancelledError as e:
        print(f"await gather raised {describe(e)}")
    print(f"cancelled={show(g.cancelled())} exception={describe(g.exception())}")
    print(f"cancel again -> {show(g.cancel())}")


vtrun(main())
