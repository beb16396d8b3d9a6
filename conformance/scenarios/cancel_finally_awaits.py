# Pins: a cancelled task's finally block may await (sleep 1); the awaiter
# waits for it; the task ends cancelled once the finally completes.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print(f"{now()} finally starts cleanup")
        await asyncio.sleep(1)
        print(f"{now()} finally done")


async def main():
    start_clock()
    t = asyncio.create_task(worker())
    await asyncio.sleep(2)
    t.cancel("shutdown")
    print(f"{now()} cancel requested, done={show(t.done())}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} main caught {describe(e)}")
    print(f"cancelled={show(t.cancelled())}")


vtrun(main())
