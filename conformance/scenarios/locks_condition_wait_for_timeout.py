# Pins: Condition.wait_for() checks the predicate before waiting and after each
# wake-up, returns the predicate's value, and under a timeout it re-acquires
# the lock before TimeoutError leaves the block.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    cond = asyncio.Condition()
    state = {"n": 0}
    print(f"{now()} immediate {show(await cond.wait_for(lambda: [1, 2]))}")

    async def bump():
        for _ in range(3):
            await asyncio.sleep(1)
            async with cond:
                state["n"] += 1
                print(f"{now()} bump to {state['n']}")
                cond.notify_all()

    b = asyncio.create_task(bump())
    async with cond:
        r = await cond.wait_for(lambda: state["n"] >= 2 and state["n"])
        print(f"{now()} predicate true: {r}")
        try:
            async with asyncio.timeout(0.5):
                await cond.wait_for(lambda: state["n"] >= 10)
        except TimeoutError as e:
            print(f"{now()} {describe(e)} locked={cond.locked()}")
    await b


vtrun(main())
