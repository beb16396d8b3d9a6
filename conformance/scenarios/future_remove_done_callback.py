# Pins: remove_done_callback removes every registration of that callback and
# returns how many it removed; the remaining callbacks keep their order.
import asyncio
from vtloop import vtrun


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def a(f):
        print("a")

    def b(f):
        print("b")

    fut.add_done_callback(a)
    fut.add_done_callback(b)
    fut.add_done_callback(a)
    fut.add_done_callback(b)
    print(f"removed a: {fut.remove_done_callback(a)}")
    print(f"removed a again: {fut.remove_done_callback(a)}")
    fut.add_done_callback(a)
    fut.set_result(None)
    await asyncio.sleep(0)
    print("main resumed")


vtrun(main())
