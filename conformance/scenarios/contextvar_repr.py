# Pins: a ContextVar's repr shows its default (Python's repr of the value)
# when it has one, a Token's repr shows its variable's, and the variable's
# name is read-only: assigning it raises AttributeError("readonly attribute").
# CPython's reprs end with " at 0x..."; asyncio-ts's reprs carry no address.
import re
from contextvars import ContextVar
from _trace import describe


def bare(obj):
    return re.sub(r" at 0x[0-9a-f]+", "", repr(obj))


a = ContextVar("a", default=123)
print(bare(a))
print(bare(ContextVar("b")))
print(bare(ContextVar("s", default="x")))
print(bare(ContextVar("n", default=None)))
print(bare(ContextVar("t", default=True)))
print(bare(ContextVar("f", default=1.5)))
print(bare(ContextVar("l", default=[1, "two"])))
print(bare(a.set(5)))
try:
    a.name = "b"
except AttributeError as e:
    print(describe(e))
print(a.name)
