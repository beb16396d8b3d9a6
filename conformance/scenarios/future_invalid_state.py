# Pins: Future state errors: result()/exception() on a pending future raise
# InvalidStateError (CPython's C Future says "Result is not set." and
# "Exception is not set."); set_result/set_exception on a done future raise
# InvalidStateError("invalid state"); cancel() on a done future returns False.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print(f"done={show(fut.done())} cancelled={show(fut.cancelled())}")
    try:
        fut.result()
    except asyncio.InvalidStateError as e:
        print(describe(e))
    try:
        fut.exception()
    except asyncio.InvalidStateError as e:
        print(describe(e))
    fut.set_result("ok")
    print(f"done={show(fut.done())} result={show(fut.result())} exception={show(fut.exception())}")
    try:
        fut.set_result("again")
    except asyncio.InvalidStateError as e:
        print(describe(e))
    try:
        fut.set_exception(ValueError("late"))
    except asyncio.InvalidStateError as e:
        print(describe(e))
    print(f"cancel -> {show(fut.cancel())}")


vtrun(main())
