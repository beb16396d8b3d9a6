# Pins: leaving `async for` early (break) does not close the async generator:
# it stays suspended at its yield until the loop shuts down, when
# shutdown_asyncgens() (after the leftover tasks are cancelled) throws
# GeneratorExit in at that yield; its finally block may await. A generator
# that ran to its end has nothing left to close.
import asyncio
from vtloop import vtrun
from _trace import describe, now, start_clock

kept = []


async def ticker(n):
    try:
        for i in range(n):
            print(f"{now()} ticker yields {i}")
            yield i
            await asyncio.sleep(1)
    except BaseException as e:
        print(f"{now()} ticker got {describe(e)}")
        raise
    finally:
        await asyncio.sleep(0)
        print(f"{now()} ticker finally")


async def leftover():
    try:
        await asyncio.sleep(10)
    finally:
        print(f"{now()} leftover cancelled")


async def main():
    start_clock()
    asyncio.create_task(leftover())
    agen = ticker(5)
    kept.append(agen)
    async for i in agen:
        print(f"{now()} main got {i}")
        if i == 1:
            break
    print(f"{now()} main after break")
    done = ticker(1)
    kept.append(done)
    async for i in done:
        print(f"{now()} main got {i} from the short one")
    await asyncio.sleep(2)
    print(f"{now()} main ends")


vtrun(main())
print("after run")
