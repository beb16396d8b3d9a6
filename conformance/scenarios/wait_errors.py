# Pins: wait() rejects an empty collection (ValueError), a single future or
# coroutine instead of a collection, a collection holding a bare coroutine
# (TypeError: "Passing coroutines is forbidden, use tasks explicitly.") and
# an invalid return_when (test_wait_errors, test_wait_invalid_args).
import asyncio
from vtloop import vtrun
from _trace import describe


async def coro():
    return 1


async def attempt(label, make):
    try:
        await make()
        print(f"{label}: ok")
    except (TypeError, ValueError) as e:
        print(f"{label}: {describe(e)}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    await attempt("empty list", lambda: asyncio.wait([]))
    await attempt("empty set", lambda: asyncio.wait(set()))
    await attempt("a future", lambda: asyncio.wait(fut))
    c = coro()
    await attempt("a coroutine", lambda: asyncio.wait(c))
    await attempt("list with a coroutine", lambda: asyncio.wait([c]))
    c.close()
    await attempt("bad return_when", lambda: asyncio.wait([fut], return_when="SOMETIME"))
    fut.set_result(None)
    await attempt("a done future in a list", lambda: asyncio.wait([fut]))


vtrun(main())
