# Pins: nested timeouts convert only their own expiry. With equal deadlines
# the inner one sees its block cancelled but re-raises CancelledError and
# only the outermost raises TimeoutError (test_nested_timeouts). A shorter
# inner timeout raises TimeoutError inside the outer block, which goes on
# until its own deadline (test_nested_timeouts_loop_busy).
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 1
    try:
        async with asyncio.timeout_at(deadline) as cm1:
            try:
                async with asyncio.timeout_at(deadline) as cm2:
                    await asyncio.sleep(10)
            except asyncio.CancelledError as e:
                print(f"{now()} inner block left with {describe(e)}")
                raise
    except TimeoutError as e:
        print(f"{now()} outer raised {describe(e)}")
    print(f"cm1 expired={show(cm1.expired())} cm2 expired={show(cm2.expired())}")

    try:
        async with asyncio.timeout(5) as outer:
            try:
                async with asyncio.timeout(1) as inner:
                    await asyncio.sleep(10)
            except TimeoutError as e:
                print(f"{now()} inner raised {describe(e)}")
            print(f"{now()} outer block goes on, outer expired={show(outer.expired())}")
            await asyncio.sleep(10)
    except TimeoutError as e:
        print(f"{now()} outer raised {describe(e)}")
    print(f"inner expired={show(inner.expired())} outer expired={show(outer.expired())}")
    print(f"cancelling={asyncio.current_task().cancelling()}")


vtrun(main())
