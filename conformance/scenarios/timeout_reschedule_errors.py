# Pins: the RuntimeError messages of reschedule() outside the active state
# (not entered, expiring, expired, finished) and of entering a Timeout twice
# (test_timeout_not_entered, test_timeout_expiring, test_timeout_expired,
# test_timeout_finished, test_timeout_already_entered,
# test_timeout_double_enter).
import asyncio
from vtloop import vtrun
from _trace import describe


def attempt(label, fn):
    try:
        fn()
        print(f"{label}: ok")
    except RuntimeError as e:
        print(f"{label}: {describe(e)}")


async def main():
    cm = asyncio.timeout(1)
    attempt("created", lambda: cm.reschedule(5))

    async with asyncio.timeout(1) as cm:
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("body cancelled")
        attempt("expiring", lambda: cm.reschedule(5))
    attempt("expired", lambda: cm.reschedule(5))

    async with asyncio.timeout(1) as cm:
        try:
            async with cm:
                pass
        except RuntimeError as e:
            print(f"enter while active: {describe(e)}")
    attempt("finished", lambda: cm.reschedule(5))
    try:
        async with cm:
            pass
    except RuntimeError as e:
        print(f"enter after exit: {describe(e)}")


vtrun(main())
