# Pins: a waiter cancelled in Condition.wait() re-acquires the lock before the
# CancelledError reaches it (it waits for a contending holder to release),
# and re-raises the very error it got (3.13), message included.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def waiter(cond):
    async with cond:
        try:
            await cond.wait()
        except asyncio.CancelledError as e:
            print(f"{now()} waiter caught {describe(e)} locked={cond.locked()}")
            raise
    print("never")


async def main():
    start_clock()
    cond = asyncio.Condition()
    t = asyncio.create_task(waiter(cond))
    await asyncio.sleep(0)
    await cond.acquire()
    t.cancel("stop")
    await asyncio.sleep(1)
    print(f"{now()} holder releasing, waiter done={t.done()}")
    cond.release()
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} main caught {describe(e)} locked={cond.locked()}")


vtrun(main())
