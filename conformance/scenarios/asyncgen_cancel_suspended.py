# Pins: cancelling a task while an async generator it iterates awaits
# inside anext() throws CancelledError into the generator's body at that
# await: its finally runs (and may await), the generator ends, and the task
# ends cancelled with the message. Cancelled while its own body awaits
# instead, the task leaves the generator suspended at its yield, to be
# closed at loop shutdown. A generator that swallows the cancellation and
# yields hands that value to the task.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock

kept = []


async def ticker(name):
    try:
        i = 0
        while True:
            yield i
            i += 1
            print(f"{now()} {name} sleeps")
            await asyncio.sleep(1)
    except BaseException as e:
        print(f"{now()} {name} got {describe(e)}")
        raise
    finally:
        await asyncio.sleep(0)
        print(f"{now()} {name} finally")


async def stubborn():
    try:
        yield "first"
        await asyncio.sleep(5)
    except asyncio.CancelledError:
        print(f"{now()} stubborn swallows the cancellation")
        yield "after cancel"


async def consume(agen, pause):
    async for x in agen:
        print(f"{now()} consumer got {show(x)}")
        await asyncio.sleep(pause)


async def consume_then_cancel(name, agen, pause):
    t = asyncio.create_task(consume(agen, pause))
    await asyncio.sleep(1.5)
    t.cancel(f"stop {name}")
    try:
        await t
    except asyncio.CancelledError as e:
        print(f"{now()} consumer of {name}: {describe(e)}")


async def main():
    start_clock()
    a = ticker("a")
    await consume_then_cancel("a", a, 0)
    print(f"{now()} a then -> {show(await anext(a, 'end'))}")

    b = ticker("b")
    kept.append(b)
    await consume_then_cancel("b", b, 10)

    s = stubborn()
    print(f"{now()} {show(await anext(s))}")
    t = asyncio.create_task(anext(s))
    await asyncio.sleep(1)
    t.cancel()
    print(f"{now()} task got {show(await t)}, cancelling={t.cancelling()}")
    await s.aclose()
    print(f"{now()} main ends")


vtrun(main())
