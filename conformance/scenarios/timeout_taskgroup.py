# Pins: a TaskGroup inside a timeout: at the deadline the body and every
# child are cancelled, the group exits cleanly after its children finish
# cleaning up, and the timeout raises TimeoutError; when a child crashes in
# its cleanup, the ExceptionGroup propagates instead (test_timeout_taskgroup).
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock


async def child(name, cleanup_error=False):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{now()} {name} cancelled")
        await asyncio.sleep(0.5)
        print(f"{now()} {name} cleaned up")
        if cleanup_error:
            raise ValueError(f"{name} cleanup failed")
        raise


async def run(cleanup_error):
    try:
        async with asyncio.timeout(1):
            async with asyncio.TaskGroup() as tg:
                tg.create_task(child("a"))
                tg.create_task(child("b", cleanup_error))
                await asyncio.sleep(10)
    except TimeoutError as e:
        print(f"{now()} {describe(e)}")
    except ExceptionGroup as e:
        print(f"{now()} {describe(e)}")
    print(f"cancelling={asyncio.current_task().cancelling()}")


async def main():
    start_clock()
    await run(False)
    start_clock()
    await run(True)


vtrun(main())
