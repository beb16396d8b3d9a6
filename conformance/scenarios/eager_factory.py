# Pins: with loop.set_task_factory(asyncio.eager_task_factory) every
# create_task runs the coroutine's first step at once; a task that sets a
# future during that step has done so when create_task returns
# (test_await_future_during_eager_step); TaskGroup children and gather's
# coroutines start eagerly too; all_tasks() holds a finished eager task only
# during its step (test_all_tasks_with_eager_completion); context variables
# set in the eager step stay in the task's context (test_context_vars).
import asyncio
import contextvars
from vtloop import vtrun
from _trace import show

cv = contextvars.ContextVar("cv", default=0)


async def child(name, delay):
    print(f"{name} starts")
    await asyncio.sleep(delay)
    print(f"{name} ends")
    return name


async def set_result(fut, v):
    fut.set_result(v)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_task_factory(asyncio.eager_task_factory)
    print(f"factory set={show(loop.get_task_factory() is asyncio.eager_task_factory)}")
    fut = loop.create_future()
    t = asyncio.create_task(set_result(fut, "my message"))
    print(f"after create_task: task done={show(t.done())} fut done={show(fut.done())}")
    print(f"fut -> {show(await fut)}")

    async with asyncio.TaskGroup() as tg:
        tg.create_task(child("tg-1", 1))
        print("body after first child")
        tg.create_task(child("tg-2", 0.5))
        print("body after second child")
    print(f"gather -> {show(await asyncio.gather(child('g-1', 1), child('g-2', 0)))}")

    seen = []

    async def capture():
        seen.append(asyncio.current_task() in asyncio.all_tasks())

    t = asyncio.create_task(capture())
    print(f"in all_tasks during its step={show(seen[0])} after={show(t in asyncio.all_tasks())}")

    async def ctx():
        print(f"ctx sees {cv.get()}")
        cv.set(2)
        await asyncio.sleep(0)
        print(f"ctx after suspension sees {cv.get()}")

    cv.set(1)
    t = asyncio.create_task(ctx())
    print(f"caller sees {cv.get()}")
    await t
    print(f"caller after await sees {cv.get()}")


vtrun(main())
