# Pins: "Task exception was never retrieved" is reported through the
# exception handler when a failed task whose exception nobody looked at is
# destroyed. In CPython that is the moment the last reference goes: here the
# `del t` (the gc.collect() only guards against cycles), so the report comes
# between the two prints. asyncio-ts has no such moment: see the .ts twin.
import asyncio
import gc
from vtloop import vtrun
from _trace import report, show


async def boom():
    raise ValueError("lost")


async def main():
    asyncio.get_running_loop().set_exception_handler(report)
    t = asyncio.create_task(boom())
    await asyncio.sleep(0)
    print(f"task done={show(t.done())}, dropping the last reference")
    del t
    gc.collect()
    print("after dropping the reference")


vtrun(main())
