# Pins: while one anext() of an async generator runs (the generator awaits
# inside it), starting another anext, asend, athrow or aclose raises
# RuntimeError with the method's name; the running one is not disturbed. A
# generator awaiting its own anext() gets the same error.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def slow():
    try:
        yield 1
        await asyncio.sleep(1)
        yield 2
    finally:
        print(f"{now()} slow finally")


async def selfish():
    yield 1
    print(f"{now()} selfish awaits its own anext")
    yield await anext(me)


me = None


async def main():
    global me
    start_clock()
    g = slow()
    print(f"{now()} {show(await anext(g))}")
    t = asyncio.create_task(anext(g))
    await asyncio.sleep(0)
    for name, aw in [
        ("anext", anext(g)),
        ("asend", g.asend(None)),
        ("athrow", g.athrow(ValueError("x"))),
        ("aclose", g.aclose()),
    ]:
        try:
            await aw
        except RuntimeError as e:
            print(f"{now()} {name}: {describe(e)}")
    got = await t
    print(f"{now()} running one -> {show(got)}")
    await g.aclose()

    me = selfish()
    await anext(me)
    try:
        await anext(me)
    except RuntimeError as e:
        print(f"{now()} {describe(e)}")


vtrun(main())
