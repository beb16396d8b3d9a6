# Found by the fuzzer (node scripts/conformance-fuzz.mjs --seed 2 --count 500, program 234), shrunk.
# Pins: asyncio.run() shutdown runs the loop through shutdown_asyncgens() and
# shutdown_default_executor() after cancelling leftover tasks, so tasks spawned
# during shutdown get about four more iterations before the loop closes.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


class MyError(Exception):
    pass


def out(text):
    print(f"{now()} {text}")

async def c0():
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError as e:
        out(f"k8 cancelled {describe(e)}")
    t2 = asyncio.create_task(c2())
    t3 = asyncio.create_task(c1(t2))
    return 'r0'

async def c1(p):
    try:
        out(f"a5 -> {show(await p)}")
    except Exception as e:
        out(f"a5 raised {describe(e)}")
    return 'r1'

async def c2():
    await asyncio.sleep(0)
    return 'r2'

async def main():
    start_clock()
    try:
        t0 = asyncio.create_task(c0())
    except Exception as e:
        out(f"main caught {describe(e)}")
    return 'main'

try:
    print(f"run -> {show(vtrun(main()))}")
except BaseException as e:
    print(f"run raised {describe(e)}")
