# Pins: an eagerly started task runs its first step inside the Task
# constructor: its prints come before the caller's next line, current_task()
# is the new task during that step and the caller again afterwards; a task
# that finishes without suspending is done at once and its coroutine is
# dropped (test_eager_completion, test_current_task); a normal task created
# alongside runs only later.
import asyncio
from vtloop import vtrun
from _trace import show


async def quick(name):
    print(f"{name} runs in {asyncio.current_task().get_name()}")
    return name.upper()


async def main():
    me = asyncio.current_task()
    lazy = asyncio.create_task(quick("lazy"), name="lazy-task")
    print("lazy created")
    t = asyncio.Task(quick("eager"), loop=asyncio.get_running_loop(), name="eager-task", eager_start=True)
    print(f"eager created: done={show(t.done())} result={show(t.result())} coro={show(t.get_coro())}")
    print(f"current task is main again={show(asyncio.current_task() is me)}")
    print(f"in all_tasks={show(t in asyncio.all_tasks())}")
    print(f"lazy done before await={show(lazy.done())}")
    print(f"lazy -> {show(await lazy)}")
    t.cancel()
    print(f"cancel after eager completion: cancelled={show(t.cancelled())} -> {show(await t)}")


vtrun(main())
