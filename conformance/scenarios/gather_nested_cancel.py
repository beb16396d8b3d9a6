# Pins: cancelling an outer gather whose children are gathers cancels every
# leaf (depth first, in argument order); the inner gathers end with
# CancelledError (not cancelled()), and the outer raises CancelledError(msg).
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def leaf(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print(f"{name} cancelled: {describe(e)}")
        raise


async def main():
    g1 = asyncio.gather(leaf("a"), leaf("b"))
    g2 = asyncio.gather(leaf("c"))
    outer = asyncio.gather(g1, g2)
    await asyncio.sleep(0)
    print(f"cancel -> {show(outer.cancel('stop all'))}")
    try:
        await outer
    except asyncio.CancelledError as e:
        print(f"outer raised {describe(e)}")
    for name, g in (("g1", g1), ("g2", g2)):
        print(f"{name} cancelled={show(g.cancelled())} exception={describe(g.exception())}")


vtrun(main())
