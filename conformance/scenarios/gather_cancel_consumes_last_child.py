# Found by the fuzzer (node scripts/conformance-fuzz.mjs --seed 103 --count 500, program 422), shrunk.
# Pins: a gather cancelled while its last child is long cancelled builds its
# CancelledError from that last child (CPython's loop variable), taking the
# child's stored error, so awaiting the child later raises a fresh CancelledError
# without the cancel message.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


def out(text):
    print(f"{now()} {text}")



q0 = asyncio.Queue(0)

async def c0(p):
    out(f"x13 cancel -> {show(p.cancel('m14'))}")
    out(f"g15 -> {show(await asyncio.gather(c1(), p, return_exceptions=True))}")
    return 'r0'

async def c1():
    try:
        out(f"q0 -> {show(await asyncio.wait_for(q0.get(), 1))}")
    except Exception as e:
        out(f"q0 raised {describe(e)}")
    await asyncio.sleep(0.5)
    return 'r1'

async def main():
    start_clock()
    try:
        t0 = asyncio.create_task(c1())
        try:
            out(f"w32 -> {show(await asyncio.wait_for(c0(t0), 1.5))}")
        except Exception as e:
            out(f"w32 raised {describe(e)}")
        try:
            out(f"s34 -> {show(await asyncio.shield(t0))}")
        except Exception as e:
            out(f"s34 raised {describe(e)}")
    except Exception as e:
        out(f"main caught {describe(e)}")
    return 'main'

try:
    print(f"run -> {show(vtrun(main()))}")
except BaseException as e:
    print(f"run raised {describe(e)}")
