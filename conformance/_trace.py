"""Trace formatting shared by the Python scenarios (twin of scenarios/_trace.ts).

Conventions (the TypeScript twin must print the same text):
  fmt_time(t)   '%.3f' of a float; -0.0 prints as 0.000
  now()         fmt_time(loop.time() - start), start set by start_clock()
  describe(e)   'ClassName: message', or 'ClassName' when the message is empty;
                a group: 'ExceptionGroup: message [sub1, sub2]' (recursive)
  show(v)       a small Python-like repr: 'str', 1, True, None, [a, b];
                exceptions as describe(e); integral floats print like ints
  report(l, c)  an exception handler printing 'handler: MESSAGE' plus
                ' -> ' + describe(exception) when the context has one
"""

import asyncio
import re

_start = 0.0


def fmt_time(t):
    return f"{t + 0.0:.3f}"


def start_clock():
    global _start
    _start = asyncio.get_running_loop().time()


def now():
    return fmt_time(asyncio.get_running_loop().time() - _start)


def describe(e):
    name = type(e).__name__
    if isinstance(e, BaseExceptionGroup):
        subs = ", ".join(describe(x) for x in e.exceptions)
        return f"{name}: {e.message} [{subs}]"
    msg = str(e)
    return name if msg == "" else f"{name}: {msg}"


def show(v):
    if v is None:
        return "None"
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, str):
        return f"'{v}'"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(show(x) for x in v) + "]"
    if isinstance(v, BaseException):
        return describe(v)
    return str(v)


# CPython appends the callback's source location to some messages
# ("Exception in callback f() at /path/file.py:12"); it is not portable.
_SOURCE_SUFFIX = re.compile(r" at \S+:\d+$")
# Reprs with addresses ("<async_generator object gen at 0x7f...>") print without.
_ADDRESS = re.compile(r" at 0x[0-9a-f]+>")


def report(loop, context):
    message = _ADDRESS.sub(">", _SOURCE_SUFFIX.sub("", context["message"]))
    exc = context.get("exception")
    suffix = "" if exc is None else f" -> {describe(exc)}"
    print(f"handler: {message}{suffix}")
