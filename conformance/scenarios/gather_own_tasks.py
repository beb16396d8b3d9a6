# Pins: the Tasks gather makes for its coroutines are made as create_task
# makes them: named from the one counter in argument order and first stepped
# in that order, after the callbacks already queued, also when a Future comes
# first (the coroutines then go on that Future's loop); with a task factory
# set on the loop, the factory makes each of them, in argument order.
# (CPython 3.13.0 then renames each Task 'None', a bug later versions fixed;
# the children made by the factory print no name.)
import asyncio
from vtloop import vtrun
from _trace import show


async def child(name, named=True):
    task = asyncio.current_task()
    print(f"step {name} as {task.get_name()}" if named else f"step {name}")
    await asyncio.sleep(0)
    return name


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    loop.call_soon(print, "queued before")
    loop.call_soon(fut.set_result, "fut")
    print(show(await asyncio.gather(fut, child("a"), child("b"))))
    made = []

    def factory(loop, coro, **kwargs):
        task = asyncio.Task(coro, loop=loop, **kwargs)
        made.append(task.get_name())
        return task

    loop.set_task_factory(factory)
    g = asyncio.gather(child("c", False), child("d", False), child("e", False))
    loop.set_task_factory(None)
    print(f"factory made {show(made)}")
    print(show(await g))


vtrun(main())
