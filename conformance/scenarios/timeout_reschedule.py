# Pins: reschedule() moves the deadline while the block runs: later, earlier,
# to None (no deadline) and back; when() follows; the timer fires at the
# last deadline set; rescheduling from another task works
# (test_reschedule).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(1) as cm:
            cm.reschedule(loop.time() + 3)
            print(f"{now()} moved later, when={show(cm.when())}")
            await asyncio.sleep(2)
            print(f"{now()} still running")
            cm.reschedule(None)
            print(f"{now()} disabled, when={show(cm.when())}")
            await asyncio.sleep(5)
            print(f"{now()} still running after the old deadline")
            cm.reschedule(loop.time() + 0.5)
            await asyncio.sleep(10)
    except TimeoutError as e:
        print(f"{now()} {describe(e)} when={show(cm.when())}")

    started = loop.create_future()

    async def worker():
        try:
            async with asyncio.timeout(10) as cm:
                started.set_result(cm)
                await asyncio.sleep(50)
        except TimeoutError:
            print(f"{now()} worker timed out")

    t = asyncio.create_task(worker())
    cm = await started
    cm.reschedule(loop.time() + 2)
    await t
    print(f"{now()} worker expired={show(cm.expired())}")


vtrun(main())
