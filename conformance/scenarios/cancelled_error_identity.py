# Pins which CancelledError object each observer gets, by identity (#n: the
# n-th distinct object seen). The error thrown into a cancelled Task is made
# by the Future it awaited (fresh: a plain Future stores none), caught and
# re-raised by the coroutine and stored by the Task (_cancelled_exc), which
# hands it out once: to the first of `await task`, task.exception(),
# task.result() or a gather without return_exceptions that the task fails
# (Future._make_cancelled_error clears it); later ones get a fresh error.
# gather(return_exceptions=True) puts a fresh CancelledError in its results
# without taking the stored one. The awaited Future makes a fresh error on
# every exception() call. timeout() and wait_for() chain the very error the
# coroutine raised as __cause__ of their TimeoutError.
import asyncio
from vtloop import vtrun
from _trace import describe

seen = []


def ident(e):
    for i, x in enumerate(seen):
        if x is e:
            return f"#{i + 1}"
    seen.append(e)
    return f"#{len(seen)}"


def label(e):
    return f"{describe(e)} {ident(e)}"


async def waiter(name, fut):
    try:
        await fut
    except asyncio.CancelledError as e:
        print(f"{name} caught {label(e)}")
        raise


def raised_by(what, f):
    try:
        r = f()
        print(f"{what} returned {label(r)}")
    except asyncio.CancelledError as e:
        print(f"{what} raised {label(e)}")


async def gathered_with_exceptions():
    loop = asyncio.get_running_loop()
    futs = [loop.create_future() for _ in range(3)]
    tasks = [asyncio.create_task(waiter(f"t{i}", futs[i])) for i in range(3)]
    await asyncio.sleep(0)
    tasks[0].cancel()
    tasks[1].cancel("msg")
    tasks[2].cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    for i, r in enumerate(results):
        print(f"results[{i}] {label(r)}")
    again = await asyncio.gather(*tasks, return_exceptions=True)
    print(f"again[0] {label(again[0])}")
    for i in range(2):
        raised_by(f"futs[{i}].exception()", futs[i].exception)
        raised_by(f"futs[{i}].exception() again", futs[i].exception)
    for i in range(2):
        raised_by(f"tasks[{i}].exception()", tasks[i].exception)
        raised_by(f"tasks[{i}].exception() again", tasks[i].exception)
        raised_by(f"tasks[{i}].result()", tasks[i].result)
    try:
        await tasks[2]
    except asyncio.CancelledError as e:
        print(f"await tasks[2] raised {label(e)}")
    try:
        await tasks[2]
    except asyncio.CancelledError as e:
        print(f"await tasks[2] again raised {label(e)}")


async def gathered_failing():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    t = asyncio.create_task(waiter("u", fut))
    other = loop.create_future()
    g = asyncio.gather(t, other)
    await asyncio.sleep(0)
    t.cancel("stop")
    try:
        await g
    except asyncio.CancelledError as e:
        print(f"gather raised {label(e)}")
    raised_by("u.exception()", t.exception)
    raised_by("g.exception()", g.exception)
    other.cancel()


async def sleeper(name):
    try:
        await asyncio.sleep(5)
    except asyncio.CancelledError as e:
        print(f"{name} caught {label(e)}")
        raise


async def timed_out():
    try:
        async with asyncio.timeout(1):
            await sleeper("in timeout")
    except TimeoutError as e:
        print(f"timeout raised TimeoutError, __cause__ {label(e.__cause__)}")
    try:
        await asyncio.wait_for(sleeper("in wait_for"), 1)
    except TimeoutError as e:
        print(f"wait_for raised TimeoutError, __cause__ {label(e.__cause__)}")


async def main():
    await gathered_with_exceptions()
    await gathered_failing()
    await timed_out()


vtrun(main())
