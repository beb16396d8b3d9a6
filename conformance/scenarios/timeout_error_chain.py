# Pins: Python 3.13 splices a TimeoutError into the chain of an error that
# escapes while the timeout's CancelledError is being handled; the error
# itself propagates, not TimeoutError (test_foreign_exception_on_timeout).
# Python chains implicitly (__context__); JavaScript has no implicit chain,
# so the twin chains explicitly with `cause`, which asyncio-ts walks.
# An error raised without a timeout expiring is left alone
# (test_foreign_exception_passed).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


def chain(e):
    names = []
    while e is not None:
        names.append(describe(e))
        e = e.__context__
    return " <- ".join(names)


async def crash():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        raise ValueError("cleanup failed")


async def main():
    start_clock()
    try:
        async with asyncio.timeout(1):
            await crash()
    except ValueError as e:
        print(f"{now()} {chain(e)}")
    try:
        async with asyncio.timeout(1) as cm:
            raise KeyError("k")
    except KeyError as e:
        print(f"{now()} {chain(e)} expired={show(cm.expired())}")


vtrun(main())
