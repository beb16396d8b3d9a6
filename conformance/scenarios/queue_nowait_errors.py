# Pins: the names and (empty) messages of QueueEmpty, QueueFull and
# QueueShutDown, which error each *_nowait call raises in which state, and
# ValueError from task_done(); errors leave the queue unchanged.
import asyncio
from vtloop import vtrun
from _trace import describe, show


def attempt(label, fn, *args):
    try:
        result = fn(*args)
        print(f"{label}: ok {show(result)}")
    except Exception as e:
        print(f"{label}: {describe(e)} (Exception: {isinstance(e, Exception)})")


async def main():
    q = asyncio.Queue(1)
    attempt("get_nowait empty", q.get_nowait)
    attempt("put_nowait", q.put_nowait, "a")
    attempt("put_nowait full", q.put_nowait, "b")
    print(str(q), q.qsize(), q.full(), q.empty())
    attempt("get_nowait", q.get_nowait)
    attempt("task_done", q.task_done)
    attempt("task_done again", q.task_done)
    q.put_nowait("c")
    q.shutdown()
    attempt("put_nowait shut down", q.put_nowait, "d")
    attempt("get_nowait shut down, not empty", q.get_nowait)
    attempt("get_nowait shut down, empty", q.get_nowait)
    print(str(q))
    u = asyncio.Queue(-1)
    for i in range(5):
        u.put_nowait(i)
    print(str(u), u.full(), u.maxsize)


vtrun(main())
