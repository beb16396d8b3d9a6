# Pins: Future.cancel(msg) returns True once, then False; cancelled() and
# done() become True at once; result(), exception() and await raise
# CancelledError carrying the message; done-callbacks still run.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f"callback cancelled={show(f.cancelled())}"))
    print(f"cancel -> {show(fut.cancel('why'))}")
    print(f"cancel again -> {show(fut.cancel('other'))}")
    print(f"done={show(fut.done())} cancelled={show(fut.cancelled())}")
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print(f"result: {describe(e)}")
    try:
        fut.exception()
    except asyncio.CancelledError as e:
        print(f"exception: {describe(e)}")
    try:
        await fut
    except asyncio.CancelledError as e:
        print(f"await: {describe(e)}")
    plain = loop.create_future()
    plain.cancel()
    try:
        await plain
    except asyncio.CancelledError as e:
        print(f"await without message: {describe(e)}")


vtrun(main())
