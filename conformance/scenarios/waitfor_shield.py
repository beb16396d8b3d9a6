# Pins: wait_for(shield(task), t) times out with TimeoutError but the task
# goes on and its result is there later; with timeout 0 the shield future is
# cancelled at once and the task is untouched; with None it just waits
# (WaitForShieldTests).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def work(name):
    await asyncio.sleep(1)
    print(f"{now()} {name} finished")
    return name


async def main():
    start_clock()
    task = asyncio.create_task(work("a"))
    try:
        await asyncio.wait_for(asyncio.shield(task), 0.25)
    except TimeoutError as e:
        print(f"{now()} {describe(e)} task done={show(task.done())} cancelled={show(task.cancelled())}")
    print(f"{now()} awaiting task -> {show(await task)}")

    task = asyncio.create_task(work("b"))
    shielded = asyncio.shield(task)
    try:
        await asyncio.wait_for(shielded, 0)
    except TimeoutError as e:
        print(f"{now()} zero: {describe(e)} shield cancelled={show(shielded.cancelled())} task done={show(task.done())}")
    await asyncio.sleep(2)
    print(f"{now()} task result={show(task.result())}")

    task = asyncio.create_task(work("c"))
    print(f"{now()} none -> {show(await asyncio.wait_for(asyncio.shield(task), None))}")


vtrun(main())
