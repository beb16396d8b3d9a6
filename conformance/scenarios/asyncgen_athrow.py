# Pins: athrow(exc) throws exc into the generator at its yield. If the body
# catches it and yields, athrow returns that value; if it catches it and
# returns, athrow raises StopAsyncIteration; if it lets it out, athrow
# raises it and the generator is finished. Thrown into a generator that never
# started, it raises at once and closes it; on a closed generator it returns
# None (3.13).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def tolerant():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print(f"{now()} tolerant caught {describe(e)}")
            await asyncio.sleep(1)
            yield "recovered"
        except KeyError:
            print(f"{now()} tolerant returns")
            return


async def fragile():
    try:
        yield 1
        yield 2
    finally:
        print(f"{now()} fragile finally")


async def main():
    start_clock()
    g = tolerant()
    print(f"{now()} {show(await anext(g))}")
    got = await g.athrow(ValueError("v"))
    print(f"{now()} athrow -> {show(got)}")
    got = await anext(g)
    print(f"{now()} anext -> {show(got)}")
    try:
        await g.athrow(KeyError("k"))
    except StopAsyncIteration:
        print(f"{now()} athrow raised StopAsyncIteration")
    print(f"{now()} after return -> {show(await anext(g, 'end'))}")

    f = fragile()
    await anext(f)
    try:
        await f.athrow(ValueError("out"))
    except ValueError as e:
        print(f"{now()} athrow raised {describe(e)}")
    print(f"{now()} fragile then -> {show(await anext(f, 'end'))}")
    print(f"{now()} athrow on closed -> {show(await f.athrow(ValueError('late')))}")

    fresh = fragile()
    try:
        await fresh.athrow(ValueError("early"))
    except ValueError as e:
        print(f"{now()} fresh athrow raised {describe(e)}")
    print(f"{now()} fresh then -> {show(await anext(fresh, 'end'))}")


vtrun(main())
