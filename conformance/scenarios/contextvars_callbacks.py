# Pins: call_soon/call_later callbacks and done-callbacks run in a copy of
# the context current when they were scheduled/registered; a set() inside a
# callback does not leak; reset() restores the previous value.
import asyncio
import contextvars
from vtloop import vtrun

var = contextvars.ContextVar("var", default="default")


def show_var(label):
    print(f"{label} sees {var.get()}")
    var.set("set inside callback")


async def main():
    loop = asyncio.get_running_loop()
    token = var.set("first")
    loop.call_soon(show_var, "call_soon")
    loop.call_later(1, show_var, "call_later")
    fut = loop.create_future()
    fut.add_done_callback(lambda f: show_var("done-callback"))
    var.set("second")
    fut.set_result(None)
    await asyncio.sleep(2)
    print(f"main sees {var.get()}")
    var.reset(token)
    print(f"after reset main sees {var.get()}")


vtrun(main())
