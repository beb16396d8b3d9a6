# Pins: a deadline already reached fires at the next loop iteration, through
# call_soon, never synchronously: callbacks scheduled before entering run
# first; a block that never awaits exits normally and is not expired; a
# block that awaits sleep(0) times out (test_timeout_zero_sleep_zero,
# test_timeout_in_the_past_sleep_zero, test_timeout_zero).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(0) as cm:
        print("no await in the block")
    print(f"no await: expired={show(cm.expired())}")

    loop.call_soon(print, "callback scheduled before entering")
    try:
        async with asyncio.timeout(-5) as cm:
            loop.call_soon(print, "callback scheduled inside")
            print("block awaits sleep(0)")
            await asyncio.sleep(0)
            print("not reached")
    except TimeoutError as e:
        print(f"{now()} {describe(e)} expired={show(cm.expired())} when={show(cm.when())}")

    try:
        async with asyncio.timeout(0) as cm:
            await asyncio.sleep(10)
    except TimeoutError as e:
        print(f"{now()} timeout(0) around sleep(10): {describe(e)}")

    async with asyncio.timeout(10) as cm:
        await asyncio.sleep(1)
        cm.reschedule(loop.time() - 1)
        print(f"{now()} rescheduled into the past")
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            print(f"{now()} cancelled at the next iteration")
    print(f"expired={show(cm.expired())}")


vtrun(main())
