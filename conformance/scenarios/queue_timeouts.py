# Pins: a get() under wait_for or timeout() that expires takes no item and
# leaves no getter behind; a put() that times out on a full queue inserts
# nothing; an item put later goes to the next getter still waiting;
# wait_for(get(), 0) times out even with an item ready.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def main():
    start_clock()
    q = asyncio.Queue(1)

    async def patient(name):
        item = await q.get()
        print(f"{now()} {name} got {item}")

    try:
        await asyncio.wait_for(q.get(), 1)
    except TimeoutError as e:
        print(f"{now()} wait_for get: {describe(e)}, {str(q)}")
    waiting = asyncio.create_task(patient("patient"))
    try:
        async with asyncio.timeout(1):
            await q.get()
    except TimeoutError as e:
        print(f"{now()} timeout get: {describe(e)}, {str(q)}")
    q.put_nowait("x")
    await waiting

    q.put_nowait("full")
    try:
        await asyncio.wait_for(q.put("late"), 0.5)
    except TimeoutError as e:
        print(f"{now()} wait_for put: {describe(e)}, {str(q)}")

    async def drain_soon():
        await asyncio.sleep(0.25)
        print(f"{now()} drained {q.get_nowait()}")

    asyncio.create_task(drain_soon())
    await asyncio.wait_for(q.put("in time"), 0.5)
    print(f"{now()} put in time, {str(q)}")
    # wait_for(..., 0) cancels the get() before it runs, item or not.
    try:
        await asyncio.wait_for(q.get(), 0)
    except TimeoutError as e:
        print(f"{now()} wait_for 0: {describe(e)}, {str(q)}")
    print(f"{now()} got {await asyncio.wait_for(q.get(), 0.1)}")


vtrun(main())
