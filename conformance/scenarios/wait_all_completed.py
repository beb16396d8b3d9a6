# Pins: wait() with the default ALL_COMPLETED returns when every future is
# done, errors included (no exception raised, test_wait_with_exception);
# duplicates count once (test_wait_duplicate_coroutines); an iterator or
# generator of tasks is accepted (test_wait_with_iterator_of_tasks,
# test_wait_generator); waiting again on done futures takes no time
# (test_wait).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def value(delay, v):
    await asyncio.sleep(delay)
    return v


async def fail(delay):
    await asyncio.sleep(delay)
    raise ValueError("boom")


def outcome(f):
    return describe(f.exception()) if f.exception() else show(f.result())


async def main():
    start_clock()
    a = asyncio.create_task(value(1, "a"))
    b = asyncio.create_task(fail(2))
    done, pending = await asyncio.wait([b, a, a])
    print(f"{now()} done={len(done)} pending={len(pending)}")
    print("outcomes: " + ", ".join(sorted(outcome(f) for f in done)))
    done, pending = await asyncio.wait([a, b])
    print(f"{now()} again: done={len(done)} pending={len(pending)}")
    tasks = (asyncio.create_task(value(i, i)) for i in range(3))
    done, pending = await asyncio.wait(tasks)
    print(f"{now()} generator: {show(sorted(f.result() for f in done))} pending={len(pending)}")
    done, pending = await asyncio.wait(iter([a]))
    print(f"iterator: done={len(done)}")


vtrun(main())
