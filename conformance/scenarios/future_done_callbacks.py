# Pins: set_result never runs done-callbacks synchronously; each callback is
# call_soon-ed in registration order; a callback added to a done future is
# call_soon-ed at once (after those already scheduled); callbacks get the future.
import asyncio
from vtloop import vtrun


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def cb(name):
        return lambda f: print(f"{name} sees result {f.result()}")

    fut.add_done_callback(cb("cb1"))
    fut.add_done_callback(cb("cb2"))
    loop.call_soon(print, "soon before set_result")
    fut.set_result(7)
    print("after set_result")
    fut.add_done_callback(cb("cb3-late"))
    loop.call_soon(print, "soon after late callback")
    await asyncio.sleep(0)
    print("main resumed")


vtrun(main())
