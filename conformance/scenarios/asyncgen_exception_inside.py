# Pins: an exception raised in an async generator's body comes out of the
# anext() that ran it (after its finally block) and ends the generator:
# later anext() calls find it exhausted. An exception in the body of an
# `async for` leaves the generator suspended where it was (anext resumes
# it). StopAsyncIteration raised in the body becomes a RuntimeError.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def failing():
    try:
        yield 1
        await asyncio.sleep(1)
        raise ValueError("boom")
    finally:
        print(f"{now()} failing finally")


async def counter():
    try:
        for i in range(3):
            yield i
    finally:
        print(f"{now()} counter finally")


async def stopper():
    yield 1
    raise StopAsyncIteration


async def main():
    start_clock()
    agen = failing()
    try:
        async for x in agen:
            print(f"{now()} got {x}")
    except ValueError as e:
        print(f"{now()} async for raised {describe(e)}")
    print(f"{now()} then anext -> {show(await anext(agen, 'end'))}")

    c = counter()
    try:
        async for x in c:
            print(f"{now()} got {x}")
            raise KeyError("k")
    except KeyError as e:
        print(f"{now()} body raised {describe(e)}")
    print(f"{now()} anext resumes -> {show(await anext(c))}")
    await c.aclose()
    print(f"{now()} closed -> {show(await anext(c, 'end'))}")

    s = stopper()
    print(f"{now()} stopper -> {show(await anext(s))}")
    try:
        await anext(s)
    except RuntimeError as e:
        print(f"{now()} stopper raised {describe(e)}")
    print(f"{now()} stopper then -> {show(await anext(s, 'end'))}")


vtrun(main())
