# Pins: shield() copies the inner outcome to the outer future: result
# (test_shield_result), exception (test_shield_exception), cancellation of
# the inner one cancels the outer (test_shield_cancel_inner); a done inner
# future is returned as is (test_shield_shortcut); a coroutine is wrapped
# in a task (test_shield_coroutine_use_running_loop); cancelling the outer
# future leaves a gather inside untouched (test_shield_gather,
# test_gather_shield).
import asyncio
from vtloop import vtrun
from _trace import describe, show


async def coro():
    return 42


async def main():
    loop = asyncio.get_running_loop()
    inner = loop.create_future()
    outer = asyncio.shield(inner)
    print(f"new outer={show(outer is not inner)} done={show(outer.done())}")
    inner.set_result(42)
    print(f"result -> {show(await outer)}")

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    await asyncio.sleep(0)
    err = RuntimeError("expected")
    inner.set_exception(err)
    await asyncio.sleep(0)
    print(f"exception -> {describe(outer.exception())} same={show(outer.exception() is err)}")

    inner = loop.create_future()
    outer = asyncio.shield(inner)
    inner.cancel()
    await asyncio.sleep(0)
    print(f"inner cancelled -> outer cancelled={show(outer.cancelled())}")

    done = loop.create_future()
    done.set_result("already")
    print(f"done inner returned as is={show(asyncio.shield(done) is done)}")
    print(f"coroutine -> {show(await asyncio.shield(coro()))}")

    c1, c2 = loop.create_future(), loop.create_future()
    parent = asyncio.gather(c1, c2)
    outer = asyncio.shield(parent)
    await asyncio.sleep(0)
    outer.cancel()
    await asyncio.sleep(0)
    c1.set_result(1)
    c2.set_result(2)
    await asyncio.sleep(0)
    print(f"shield(gather): outer cancelled={show(outer.cancelled())} gather -> {show(parent.result())}")

    c1, c2 = loop.create_future(), loop.create_future()
    s1, s2 = asyncio.shield(c1), asyncio.shield(c2)
    parent = asyncio.gather(s1, s2)
    await asyncio.sleep(0)
    parent.cancel()
    await asyncio.sleep(0)
    print(f"gather(shields) cancelled: {describe(parent.exception())} shields cancelled={show(s1.cancelled() and s2.cancelled())} children pending={show(not c1.done() and not c2.done())}")


vtrun(main())
