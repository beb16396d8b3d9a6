# Pins: call_later(0) and call_later(<0) are timers: they run in the next
# iteration *after* the callbacks already ready (call_soon callbacks and the
# main task's step from sleep(0)); a negative delay sorts before a zero delay;
# a call_soon made by a callback of that iteration runs after the timers.
import asyncio
from vtloop import vtrun


def log(name):
    print(name)


def soon1():
    print("soon1, schedules nested")
    asyncio.get_running_loop().call_soon(log, "nested")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_later(0, log, "later0")
    loop.call_soon(soon1)
    loop.call_soon(log, "soon2")
    loop.call_later(-1, log, "later-negative")
    await asyncio.sleep(0)
    print("main resumed")
    await asyncio.sleep(0)
    print("main resumed again")


vtrun(main())
