# Pins: an eager task that suspends in its first step continues as a normal
# task: it is pending and in all_tasks() after the constructor, it resumes
# in scheduling order with other tasks, current_task() is the same object
# before and after the suspension (test_block_after_eager_step,
# test_all_tasks_with_blocking, test_current_task); cancelling it after the
# eager step delivers the message (test_cancellation_after_eager_step_blocks).
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def stepper(name, hops):
    me = asyncio.current_task()
    print(f"{name} step 0")
    for i in range(1, hops + 1):
        await asyncio.sleep(0)
        print(f"{name} step {i} same task={show(asyncio.current_task() is me)}")
    return name


async def main():
    a = asyncio.create_task(stepper("lazy", 2))
    b = asyncio.Task(stepper("eager", 2), loop=asyncio.get_running_loop(), eager_start=True)
    print(f"after constructors: eager done={show(b.done())} in all_tasks={show(b in asyncio.all_tasks())}")
    print(f"gather -> {show(await asyncio.gather(a, b))}")
    print(f"after: in all_tasks={show(b in asyncio.all_tasks())}")
    c = asyncio.Task(stepper("doomed", 1), loop=asyncio.get_running_loop(), eager_start=True)
    c.cancel("cancellation message")
    print(f"cancelling={c.cancelling()}")
    try:
        await c
    except asyncio.CancelledError as e:
        print(f"doomed -> {describe(e)}")


vtrun(main())
