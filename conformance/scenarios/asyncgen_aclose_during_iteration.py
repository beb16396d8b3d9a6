# Pins: aclose() from another task while the generator is suspended at a
# yield throws GeneratorExit in there: its finally runs (and may await)
# inside aclose(), and the iterating task's next anext finds it exhausted,
# ending its `async for` normally. aclose() while an anext() is running
# raises RuntimeError; on a generator that never started it just marks it
# closed (the body never runs); a body that yields again after GeneratorExit
# makes aclose() raise RuntimeError and stays suspended at that yield.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def numbers(name):
    try:
        i = 0
        while True:
            print(f"{now()} {name} yields {i}")
            yield i
            i += 1
            await asyncio.sleep(1)
    except BaseException as e:
        print(f"{now()} {name} got {describe(e)}")
        raise
    finally:
        await asyncio.sleep(0.5)
        print(f"{now()} {name} finally")


async def consume(agen):
    async for x in agen:
        print(f"{now()} consumer got {x}")
        await asyncio.sleep(2)
    print(f"{now()} consumer's async for ended")


async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print(f"{now()} stubborn ignores GeneratorExit")
        yield 2
        print(f"{now()} stubborn resumed")


async def main():
    start_clock()
    a = numbers("a")
    t = asyncio.create_task(consume(a))
    await asyncio.sleep(0.5)
    await a.aclose()
    print(f"{now()} aclose returned")
    await t

    b = numbers("b")
    print(f"{now()} {show(await anext(b))}")
    running = asyncio.create_task(anext(b))
    await asyncio.sleep(0.5)
    try:
        await b.aclose()
    except RuntimeError as e:
        print(f"{now()} {describe(e)}")
    got = await running
    print(f"{now()} running anext -> {show(got)}")
    await b.aclose()
    await b.aclose()
    print(f"{now()} closed twice")

    fresh = numbers("fresh")
    await fresh.aclose()
    print(f"{now()} fresh closed -> {show(await anext(fresh, 'end'))}")

    s = stubborn()
    await anext(s)
    try:
        await s.aclose()
    except RuntimeError as e:
        print(f"{now()} {describe(e)}")
    print(f"{now()} stubborn then -> {show(await anext(s, 'end'))}")


vtrun(main())
