# Pins: cancelling a task before its first step: the body never runs,
# cancel() returns True, cancelled() only becomes True once the task has
# actually been stepped, and awaiting it raises CancelledError with the message.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def body():
    print("body ran")


async def main():
    t = asyncio.create_task(body())
    print(f"cancel -> {show(t.cancel('early'))}")
    print(f"cancelled={show(t.cancelled())} done={show(t.done())} cancelling={t.cancelling()}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"await raised {describe(e)}")
    print(f"cancelled={show(t.cancelled())} done={show(t.done())}")


vtrun(main())
