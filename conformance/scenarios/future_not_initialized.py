# Pins: a Future subclass whose __init__ skipped super().__init__() (in
# TypeScript: an object of the subclass made without running its constructor)
# raises RuntimeError("Future object is not initialized.") from get_loop(),
# set_result(), set_exception(), cancel(), remove_done_callback(), awaiting
# and repr(); result() and exception() raise InvalidStateError with the same
# words; add_done_callback() says "uninitialized Future object"; done() and
# cancelled() answer False (CPython's C Future, test_inherit_without_calling_super_init).
import asyncio
from vtloop import vtrun
from _trace import describe, show


class MyFut(asyncio.Future):
    def __init__(self):
        pass


class MyTask(asyncio.Task):
    def __init__(self):
        pass


def attempt(label, fn):
    try:
        print(f"{label} -> {show(fn())}")
    except Exception as e:
        print(f"{label}: {describe(e)}")


async def main():
    fut = MyFut()

    def waiter():
        return (yield from fut)

    attempt("get_loop()", fut.get_loop)
    attempt("done()", fut.done)
    attempt("cancelled()", fut.cancelled)
    attempt("result()", fut.result)
    attempt("exception()", fut.exception)
    attempt("set_result(1)", lambda: fut.set_result(1))
    attempt("set_exception(ValueError)", lambda: fut.set_exception(ValueError("x")))
    attempt("cancel()", fut.cancel)
    attempt("add_done_callback(print)", lambda: fut.add_done_callback(print))
    attempt("remove_done_callback(print)", lambda: fut.remove_done_callback(print))
    attempt("yield from fut", lambda: next(waiter()))
    attempt("repr()", lambda: repr(fut))
    attempt("done() at the end", fut.done)
    attempt("Task subclass: get_loop()", MyTask().get_loop)


vtrun(main())
