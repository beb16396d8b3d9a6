# Pins: shutdown_asyncgens() closes every async generator still suspended,
# concurrently (their finally blocks interleave), in the order they were
# first iterated; an exception out of one goes to the loop's exception
# handler as "an error occurred during closing of asynchronous generator";
# a generator that never started, or already finished, is not touched.
import asyncio
from vtloop import vtrun
from _trace import now, report, start_clock

kept = []


async def worker(name, fail):
    try:
        yield name
    finally:
        print(f"{now()} {name} closing")
        await asyncio.sleep(1)
        print(f"{now()} {name} closed")
        if fail:
            raise ValueError(f"{name} failed to close")


async def main():
    start_clock()
    asyncio.get_running_loop().set_exception_handler(report)
    for name, fail in [("first", True), ("second", False), ("third", True)]:
        agen = worker(name, fail)
        kept.append(agen)
        print(f"{now()} {await anext(agen)} started")
    kept.append(worker("never", True))
    finished = worker("finished", False)
    kept.append(finished)
    await anext(finished)
    try:
        await anext(finished)
    except StopAsyncIteration:
        pass
    print(f"{now()} main ends")


vtrun(main())
print("after run")
