# Pins: timeout(None) and timeout_at(None) never fire; when() is None;
# reschedule() can later give such a Timeout a deadline
# (test_timeout_disabled, test_timeout_at_disabled, test_repr_disabled).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    async with asyncio.timeout(None) as cm:
        print(f"repr {cm!r}")
        await asyncio.sleep(100)
    print(f"{now()} timeout(None) expired={show(cm.expired())} when={show(cm.when())}")
    async with asyncio.timeout_at(None) as cm:
        await asyncio.sleep(100)
    print(f"{now()} timeout_at(None) expired={show(cm.expired())} when={show(cm.when())}")
    try:
        async with asyncio.timeout(None) as cm:
            await asyncio.sleep(1)
            cm.reschedule(loop.time() + 1)
            await asyncio.sleep(100)
    except TimeoutError as e:
        print(f"{now()} {describe(e)} after reschedule")


vtrun(main())
