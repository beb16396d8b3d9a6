# Pins: contextlib.asynccontextmanager. The code before the yield runs at
# enter and the yielded value is the `as` value; the code after it runs at
# exit, awaits included. An error in the body is thrown in at the yield: a
# generator that catches it and ends suppresses it (the statement after the
# `async with` runs), one that re-raises it, or raises another, propagates
# that. A generator that never yields raises RuntimeError("generator didn't
# yield") at enter; one that yields twice, RuntimeError("generator didn't
# stop") at exit (after the body raised: "... didn't stop after athrow()"),
# and is closed (its finally runs). Cancellation of the body goes through
# the generator's except/finally as any error does.
import asyncio
from contextlib import asynccontextmanager
from vtloop import vtrun
from _trace import describe, now, start_clock


@asynccontextmanager
async def resource(name, suppress=False):
    await asyncio.sleep(1)
    print(f"{now()} open {name}")
    try:
        yield name.upper()
    except ValueError as e:
        print(f"{now()} {name} saw {describe(e)}")
        if not suppress:
            raise
    except BaseException as e:
        print(f"{now()} {name} saw {describe(e)}")
        raise KeyError(name) from e
    finally:
        await asyncio.sleep(0.5)
        print(f"{now()} close {name}")


@asynccontextmanager
async def no_yield():
    await asyncio.sleep(0)
    if False:
        yield


@asynccontextmanager
async def twice():
    try:
        yield 1
    except ValueError as e:
        print(f"{now()} twice caught {describe(e)}")
    try:
        await asyncio.sleep(0)
        yield 2
    finally:
        print(f"{now()} twice closed")


async def use(cm, raise_=None):
    try:
        async with cm as value:
            print(f"{now()} body got {value}")
            await asyncio.sleep(1)
            if raise_ is not None:
                raise raise_
        print(f"{now()} after the block")
    except BaseException as e:
        print(f"{now()} raised {describe(e)}")


async def main():
    start_clock()
    await use(resource("plain"))
    await use(resource("failing"), ValueError("bad"))
    await use(resource("suppressing", suppress=True), ValueError("bad"))
    await use(resource("other"), TypeError("odd"))
    await use(no_yield())
    await use(twice())
    await use(twice(), ValueError("bad"))
    task = asyncio.create_task(use(resource("cancelled")))
    await asyncio.sleep(1.5)
    task.cancel()
    await task


vtrun(main())
