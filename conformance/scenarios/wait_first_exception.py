# Pins: FIRST_EXCEPTION returns at the first future that fails, whether it
# failed before the wait (test_wait_first_exception) or during it
# (test_wait_first_exception_in_wait); cancellations do not count as
# exceptions; with no failure it waits for all.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def value(delay, v):
    await asyncio.sleep(delay)
    return v


async def fail(delay):
    await asyncio.sleep(delay)
    raise ZeroDivisionError("err")


def names(fs, order):
    return [n for n, t in order if t in fs]


async def main():
    start_clock()
    a = asyncio.create_task(value(10, "a"))
    b = asyncio.create_task(fail(0))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    order = [("a", a), ("b", b)]
    done, pending = await asyncio.wait([b, a], return_when=asyncio.FIRST_EXCEPTION)
    print(f"{now()} already failed: done={names(done, order)} pending={names(pending, order)}")
    c = asyncio.create_task(value(3, "c"))
    d = asyncio.create_task(fail(1))
    e = asyncio.create_task(value(5, "e"))
    e.cancel()
    order = [("a", a), ("c", c), ("d", d), ("e", e)]
    done, pending = await asyncio.wait([a, c, d, e], return_when=asyncio.FIRST_EXCEPTION)
    print(f"{now()} during: done={names(done, order)} pending={names(pending, order)} d={describe(d.exception())}")
    f = asyncio.create_task(value(1, "f"))
    g = asyncio.create_task(value(2, "g"))
    h = asyncio.create_task(value(3, "h"))
    h.cancel()
    order = [("f", f), ("g", g), ("h", h)]
    done, pending = await asyncio.wait([f, g, h], return_when=asyncio.FIRST_EXCEPTION)
    print(f"{now()} no failure: done={names(done, order)} pending={names(pending, order)}")
    a.cancel()
    c.cancel()


vtrun(main())
