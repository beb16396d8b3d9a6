# Pins: a future completed with set_exception re-raises that same exception
# object on await and from result(); exception() returns it; a custom
# exception class keeps its name.
import asyncio
from vtloop import vtrun
from _trace import describe, show


class MyError(Exception):
    pass


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    err = MyError("custom failure")
    loop.call_later(1, fut.set_exception, err)
    try:
        await fut
    except MyError as e:
        print(f"await raised {describe(e)} same={show(e is err)}")
    print(f"exception() {describe(fut.exception())} same={show(fut.exception() is err)}")
    try:
        fut.result()
    except MyError as e:
        print(f"result raised {describe(e)}")


vtrun(main())
