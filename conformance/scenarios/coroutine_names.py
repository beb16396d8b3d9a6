# Pins: the coroutine a Task names in its repr (coro=<NAME()>) where the
# library makes the coroutine or starts the Task: a Task made on
# staggered_race() and the Tasks staggered_race starts, one per attempt
# (its run_one_coro, a function local to it), while they are pending and
# once done. `name` keeps the Task's name and the coroutine's: CPython's
# repr adds the source line, which asyncio-ts cannot know outside debug
# mode, and asyncio-ts's names are camelCase (staggeredRace), which the
# twin writes in snake_case to compare them.
import asyncio
import re
from asyncio.staggered import staggered_race
from vtloop import vtrun
from _trace import now, start_clock


def name(task):
    coro = re.search(r"coro=<(\S+?)\(\) (?:done|running)", repr(task)).group(1)
    state = "done" if task.done() else "pending"
    return f"{task.get_name()} {state} coro=<{coro}()>"


async def fails(x):
    await asyncio.sleep(1)
    raise ValueError(x)


async def succeeds(x):
    await asyncio.sleep(5)
    return x


async def main():
    start_clock()
    race = asyncio.create_task(
        staggered_race([lambda: fails("a"), lambda: succeeds("b"), lambda: succeeds("c")], 2)
    )
    await asyncio.sleep(3)
    tasks = sorted(asyncio.all_tasks(), key=lambda t: int(t.get_name().split("-")[1]))
    for t in tasks:
        print(f"{now()} {name(t)}")
    winner, index, errors = await race
    print(f"{now()} won by {index}: {winner}")
    print(f"{now()} {name(race)}")


vtrun(main())
