# Pins: asend(v) resumes the generator with v as the value of its yield
# expression (anext sends None) and returns what it yields next; a
# non-None value to a generator that has not started is a TypeError; at the
# end, asend raises StopAsyncIteration like anext.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def accumulator():
    total = 0
    while total < 10:
        received = yield total
        print(f"{now()} received {show(received)}")
        if received is not None:
            await asyncio.sleep(received)
            total += received


async def main():
    start_clock()
    acc = accumulator()
    try:
        await acc.asend(3)
    except TypeError as e:
        print(f"{now()} {describe(e)}")
    got = await acc.asend(None)
    print(f"{now()} first -> {show(got)}")
    got = await acc.asend(3)
    print(f"{now()} asend(3) -> {show(got)}")
    got = await anext(acc)
    print(f"{now()} anext -> {show(got)}")
    got = await acc.asend(4)
    print(f"{now()} asend(4) -> {show(got)}")
    try:
        await acc.asend(5)
    except StopAsyncIteration:
        print(f"{now()} asend(5) raised StopAsyncIteration")
    try:
        await acc.asend(1)
    except StopAsyncIteration:
        print(f"{now()} asend after the end raised StopAsyncIteration")


vtrun(main())
