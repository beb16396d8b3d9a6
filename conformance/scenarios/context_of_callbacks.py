# Pins: call_soon/call_later/call_at with context= run the callback in that
# Context itself (what it sets stays there) and pass it no extra argument;
# without context= a callback runs in a copy of the caller's Context; the
# exception handler runs in the Context of the failing Handle or Task (3.12+).
import asyncio
import contextvars
from vtloop import vtrun

v = contextvars.ContextVar("v", default="unset")


async def fails():
    v.set("task-ctx")
    raise ValueError("task failed")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(
        lambda _loop, c: print(f"handler: {c['message'].split(' ')[0]} sees v={v.get()}")
    )
    ctx = contextvars.Context()

    def setter(*args):
        v.set("set-in-cb")
        print(f"setter args={len(args)}")

    loop.call_soon(setter, context=ctx)
    loop.call_later(0.5, lambda *a: print(f"later args={len(a)} v={v.get()}"), context=ctx)
    loop.call_at(loop.time() + 1, lambda x: print(f"at {x} v={v.get()}"), "one", context=ctx)
    v.set("main")
    loop.call_soon(lambda: print(f"copy sees v={v.get()}"))
    v.set("main-later")

    def boom():
        raise RuntimeError("callback failed")

    ctx2 = contextvars.copy_context()
    ctx2.run(v.set, "handle-ctx")
    loop.call_soon(boom, context=ctx2)
    task = asyncio.create_task(fails())
    await asyncio.sleep(2)
    print(f"ctx has v={ctx.get(v)}; main has v={v.get()}")
    try:
        task.result()
    except ValueError as e:
        print(f"task raised {e}")


vtrun(main())
