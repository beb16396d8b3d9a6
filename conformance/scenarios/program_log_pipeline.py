# Program: a log-processing pipeline of async generators, driven by an
# asyncio.Runner across several run() calls. Each stage closes its upstream
# with contextlib.aclosing, so when take() stops early every stage's finally
# runs, innermost last. A stats generator is driven by asend() and reset by
# athrow(). A context variable set in one run() is seen by the next (the
# Runner keeps one Context), and a generator left suspended by the last
# run() is closed by the Runner's shutdown_asyncgens() at close.
import asyncio
import contextlib
import contextvars
from vtloop import vtrunner
from _trace import describe, now, show, start_clock

LINES = [
    "INFO boot", "ERROR disk slow", "INFO ready", "WARN cache miss",
    "ERROR timeout", "INFO request", "ERROR refused", "ERROR again",
]
source_name = contextvars.ContextVar("source_name", default="?")


async def source(lines, pace):
    name = source_name.get()
    try:
        for i, line in enumerate(lines):
            await asyncio.sleep(pace)
            yield i, line
        print(f"{now()} source {name} exhausted")
    finally:
        print(f"{now()} source {name} closed")


async def parse(stream):
    async with contextlib.aclosing(stream):
        try:
            async for i, line in stream:
                level, _, text = line.partition(" ")
                yield i, level, text
        finally:
            print(f"{now()} parse closed")


async def only(level, stream):
    async with contextlib.aclosing(stream):
        async for i, lvl, text in stream:
            if lvl == level:
                yield f"#{i} {text}"


async def take(n, stream):
    async with contextlib.aclosing(stream):
        count = 0
        async for item in stream:
            yield item
            count += 1
            if count == n:
                print(f"{now()} take has {n}")
                return


async def stats():
    total = count = 0
    mean = None
    while True:
        try:
            value = yield mean
        except ValueError as e:
            print(f"stats reset: {describe(e)}")
            total = count = 0
            mean = None
            continue
        total += value
        count += 1
        mean = total / count


async def first_run():
    start_clock()
    source_name.set("app.log")
    errors = [e async for e in take(3, only("ERROR", parse(source(LINES, 0.25))))]
    print(f"{now()} first three errors: {show(errors)}")
    return len(errors)


async def second_run():
    print(f"{now()} second run sees source {source_name.get()}")
    s = stats()
    print(f"primed: {show(await s.asend(None))}")
    for v in (4, 8, 3):
        print(f"mean after {v}: {show(await s.asend(v))}")
    print(f"after athrow: {show(await s.athrow(ValueError('new window')))}")
    print(f"mean after 10: {show(await s.asend(10))}")
    await s.aclose()
    try:
        await s.asend(1)
    except StopAsyncIteration:
        print("closed stats: StopAsyncIteration")
    warnings = only("WARN", parse(source(LINES, 0.125)))
    print(f"{now()} first warning: {await anext(warnings)}")
    return warnings


with vtrunner() as runner:
    print(f"errors: {runner.run(first_run())}")
    left_open = runner.run(second_run())
    print(f"runner loop time {runner.get_loop().time():.3f}")
print(f"runner closed, source_name outside: {source_name.get()}")
