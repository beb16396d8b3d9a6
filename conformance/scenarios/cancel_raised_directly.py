# Pins: a coroutine that raises CancelledError itself (nobody called
# cancel()) ends its task cancelled, cancelling() stays 0, and the first
# await re-raises that same error with its message. Quirk: the task hands out
# its stored CancelledError only once (Future._make_cancelled_error clears
# it), so a later result() raises a fresh CancelledError with no message.
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def gives_up():
    await asyncio.sleep(1)
    raise asyncio.CancelledError("gave up")


async def main():
    t = asyncio.create_task(gives_up())
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"await raised {describe(e)}")
    print(f"cancelled={show(t.cancelled())} cancelling={t.cancelling()}")
    try:
        t.result()
    except asyncio.CancelledError as e:
        print(f"result() raised {describe(e)}")


vtrun(main())
