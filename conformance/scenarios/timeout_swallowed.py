# Pins: a body that swallows the timeout's CancelledError ends normally:
# no TimeoutError, expired() True, cancelling() back to 0, repr states
# (test_repr_active, test_repr_expired, test_repr_finished); a whole-number
# deadline prints as a float (when=3.0).
import asyncio
from vtloop import vtrun
from _trace import now, show, start_clock


async def main():
    start_clock()
    async with asyncio.timeout(1.25) as cm:
        print(f"repr {cm!r}")
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print(f"{now()} swallowed, repr {cm!r}")
        await asyncio.sleep(1)
        print(f"{now()} block goes on")
    print(f"{now()} no error, expired={show(cm.expired())} repr {cm!r}")
    print(f"cancelling={asyncio.current_task().cancelling()}")
    async with asyncio.timeout(10) as cm:
        print(f"repr {cm!r}")
        await asyncio.sleep(0)
    print(f"repr {cm!r}")
    async with asyncio.timeout(0.75) as cm:
        print(f"{now()} repr {cm!r}")


vtrun(main())
