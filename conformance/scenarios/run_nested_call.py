# Pins: calling run() while a loop is running raises RuntimeError at once.
import asyncio
from vtloop import vtrun
from _trace import describe


async def sub():
    print("sub never runs")


async def main():
    coro = sub()
    try:
        vtrun(coro)
    except RuntimeError as e:
        print(describe(e))
    coro.close()
    return "main ok"


print(vtrun(main()))
