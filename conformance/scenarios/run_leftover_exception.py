# Pins: a leftover task that raises (instead of ending cancelled) while run()
# shuts down is reported to the exception handler as "unhandled exception
# during asyncio.run() shutdown"; run() still returns main's result.
import asyncio
from vtloop import vtrun
from _trace import report, show


async def bad_cleanup():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("bad_cleanup raises during cancellation")
        raise ValueError("cleanup failed")


async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    asyncio.create_task(bad_cleanup())
    await asyncio.sleep(0)
    return "done"


print(f"run returned {show(vtrun(main()))}")
