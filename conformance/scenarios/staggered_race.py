# Pins: staggered_race starts the next attempt when the previous one fails or
# after `delay`, takes the first success, cancels the rest, and reports every
# started attempt's error in order (None for the winner).
import asyncio
from asyncio.staggered import staggered_race
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def attempt(i, delay, ok):
    print(f"{now()} start {i}")
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print(f"{now()} attempt {i} cancelled")
        raise
    if not ok:
        raise ValueError(f"attempt {i} failed")
    return f"r{i}"


async def main():
    start_clock()
    result, index, errors = await staggered_race(
        [
            lambda: attempt(0, 5, True),
            lambda: attempt(1, 0.5, False),
            lambda: attempt(2, 1, True),
            lambda: attempt(3, 1, True),
        ],
        1,
    )
    print(f"{now()} winner {show(result)} at {index}")
    for e in errors:
        print("  " + ("None" if e is None else describe(e)))
    result, index, errors = await staggered_race([lambda: attempt(9, 1, False)], None)
    print(f"{now()} no winner: {show(result)} {show(index)} {[describe(e) for e in errors]}")


vtrun(main())
