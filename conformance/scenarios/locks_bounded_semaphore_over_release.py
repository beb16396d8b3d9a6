# Pins: BoundedSemaphore.release() raises ValueError once the value is back at
# its initial value (a plain Semaphore just grows), and Semaphore rejects a
# negative initial value.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    bs = asyncio.BoundedSemaphore(2)
    try:
        bs.release()
    except ValueError as e:
        print(f"{now()} fresh: {describe(e)}")
    await bs.acquire()
    await bs.acquire()
    print(f"{now()} acquired twice value={bs._value} locked={bs.locked()}")
    bs.release()
    bs.release()
    print(f"{now()} released twice value={bs._value}")
    try:
        bs.release()
    except ValueError as e:
        print(f"{now()} third: {describe(e)} value={bs._value}")
    s = asyncio.Semaphore(1)
    s.release()
    print(f"{now()} plain semaphore value={s._value}")
    for cls in (asyncio.Semaphore, asyncio.BoundedSemaphore):
        try:
            cls(-1)
        except ValueError as e:
            print(f"{now()} {cls.__name__}(-1): {describe(e)}")


vtrun(main())
