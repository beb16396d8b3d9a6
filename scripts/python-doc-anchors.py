"""Record which anchors of docs.python.org name something real in CPython.

The API reference's `@python` tags link to CPython's documentation
(https://docs.python.org/3/library/<page>.html#<anchor>); test/api-docs.test.ts
checks every anchor against the fixture this script writes, since the tests
have no internet. Regenerate with the oracle after a CPython upgrade:

    PYENV_VERSION=3.13.0 python3 scripts/python-doc-anchors.py > test/fixtures/python-doc-anchors.json

Each anchor maps to the page that documents it (without `.html`), or to null
where the page is not known from the name alone (the test then accepts any
page). Anchors are dotted Python names, as Sphinx writes them: asyncio's
`__all__` and the public members of its classes (`asyncio.Task.cancel`), the event
loop's methods as `asyncio.loop.<name>`, `asyncio.subprocess.*`, contextvars,
the built-in exceptions and functions, `collections.abc`, `contextlib`,
`inspect`, `unittest.IsolatedAsyncioTestCase`, a few of `sys` and `socket.gaierror`.
"""

import asyncio
import asyncio.subprocess
import builtins
import collections.abc
import contextlib
import contextvars
import inspect
import json
import sys
import unittest

# Which asyncio page documents each name of asyncio.__all__ (Doc/library/asyncio-*.rst).
PAGES = {
    "asyncio-runner": "run Runner",
    "asyncio-task": (
        "sleep create_task TaskGroup gather eager_task_factory create_eager_task_factory shield "
        "timeout timeout_at Timeout wait_for wait as_completed to_thread run_coroutine_threadsafe "
        "current_task all_tasks iscoroutine Task FIRST_COMPLETED FIRST_EXCEPTION ALL_COMPLETED"
    ),
    "asyncio-future": "isfuture ensure_future wrap_future Future",
    "asyncio-eventloop": (
        "get_running_loop get_event_loop set_event_loop new_event_loop AbstractEventLoop "
        "BaseEventLoop SelectorEventLoop ProactorEventLoop EventLoop Handle TimerHandle "
        "AbstractServer Server"
    ),
    "asyncio-policy": (
        "AbstractEventLoopPolicy DefaultEventLoopPolicy WindowsSelectorEventLoopPolicy "
        "WindowsProactorEventLoopPolicy get_event_loop_policy set_event_loop_policy "
        "get_child_watcher set_child_watcher AbstractChildWatcher ThreadedChildWatcher "
        "MultiLoopChildWatcher SafeChildWatcher FastChildWatcher PidfdChildWatcher"
    ),
    "asyncio-sync": "Lock Event Condition Semaphore BoundedSemaphore Barrier BrokenBarrierError",
    "asyncio-queue": "Queue PriorityQueue LifoQueue QueueEmpty QueueFull QueueShutDown",
    "asyncio-exceptions": (
        "TimeoutError CancelledError InvalidStateError SendfileNotAvailableError "
        "IncompleteReadError LimitOverrunError"
    ),
    "asyncio-stream": (
        "open_connection start_server open_unix_connection start_unix_server StreamReader "
        "StreamWriter"
    ),
    "asyncio-subprocess": "create_subprocess_exec create_subprocess_shell",
    "asyncio-protocol": (
        "BaseTransport Transport ReadTransport WriteTransport DatagramTransport "
        "SubprocessTransport BaseProtocol Protocol BufferedProtocol DatagramProtocol "
        "SubprocessProtocol"
    ),
}
PAGE_OF = {name: page for page, names in PAGES.items() for name in names.split()}

# Python 3.14 added these (Doc/library/asyncio-graph.rst); 3.13, the oracle, lacks them.
ADDED_IN_3_14 = {
    "asyncio.capture_call_graph": "asyncio-graph",
    "asyncio.format_call_graph": "asyncio-graph",
    "asyncio.print_call_graph": "asyncio-graph",
    "asyncio.FrameCallGraphEntry": "asyncio-graph",
    "asyncio.FrameCallGraphEntry.frame": "asyncio-graph",
    "asyncio.FutureCallGraph": "asyncio-graph",
    "asyncio.FutureCallGraph.future": "asyncio-graph",
    "asyncio.FutureCallGraph.call_stack": "asyncio-graph",
    "asyncio.FutureCallGraph.awaited_by": "asyncio-graph",
    "asyncio.future_add_to_awaited_by": "asyncio-graph",
    "asyncio.future_discard_from_awaited_by": "asyncio-graph",
}

anchors = {}


# The special methods asyncio-ts has a counterpart for (Symbol.iterator, asyncWith, toString...).
DUNDERS = {"__await__", "__aenter__", "__aexit__", "__aiter__", "__anext__", "__iter__",
           "__repr__", "__str__", "__init__", "__len__", "__contains__", "__getitem__"}


def add_class(prefix, cls, page):
    """The class and its public attributes (dir()), with the special methods in DUNDERS."""
    anchors[prefix] = page
    for member in dir(cls):
        if not member.startswith("_") or member in DUNDERS:
            anchors[f"{prefix}.{member}"] = page


for name in asyncio.__all__:
    if name.startswith("_"):
        continue
    obj = getattr(asyncio, name)
    page = PAGE_OF.get(name)
    if isinstance(obj, type):
        add_class(f"asyncio.{name}", obj, page)
    else:
        anchors[f"asyncio.{name}"] = page

for cls in (asyncio.AbstractEventLoop, asyncio.BaseEventLoop):
    for member in dir(cls):
        if not member.startswith("_"):
            anchors[f"asyncio.loop.{member}"] = "asyncio-eventloop"

anchors["asyncio.subprocess.PIPE"] = "asyncio-subprocess"
anchors["asyncio.subprocess.STDOUT"] = "asyncio-subprocess"
anchors["asyncio.subprocess.DEVNULL"] = "asyncio-subprocess"
add_class("asyncio.subprocess.Process", asyncio.subprocess.Process, "asyncio-subprocess")

# Undocumented helpers that asyncio-ts also ports, named by their module (no page of their own).
anchors["asyncio.staggered.staggered_race"] = None

for name in ("ContextVar", "Token", "Context"):
    add_class(f"contextvars.{name}", getattr(contextvars, name), "contextvars")
anchors["contextvars.copy_context"] = "contextvars"

for name in dir(builtins):
    obj = getattr(builtins, name)
    if isinstance(obj, type) and issubclass(obj, BaseException):
        add_class(name, obj, "exceptions")
    elif callable(obj) and not name.startswith("_"):
        anchors[name] = "functions"

for name in collections.abc.__all__:
    add_class(f"collections.abc.{name}", getattr(collections.abc, name), "collections.abc")
for name in contextlib.__all__:
    anchors[f"contextlib.{name}"] = "contextlib"
for name in inspect.__all__:
    anchors[f"inspect.{name}"] = "inspect"
add_class("unittest.IsolatedAsyncioTestCase", unittest.IsolatedAsyncioTestCase, "unittest")
for name in ("set_asyncgen_hooks", "get_asyncgen_hooks", "exc_info", "exception"):
    anchors[f"sys.{name}"] = "sys"
# socket's exceptions that asyncio's name resolution raises (its attributes are OSError's).
anchors["socket.gaierror"] = "socket"

# Documented methods that CPython sets on the instance (Condition.__init__ binds its lock's), so dir() misses them.
for method in ("acquire", "release", "locked"):
    anchors[f"asyncio.Condition.{method}"] = "asyncio-sync"

anchors.update(ADDED_IN_3_14)

# Anchors of the language reference, for the syntax asyncio-ts spells as functions:
# section labels of Doc/reference/compound_stmts.rst, the async generator methods of
# expressions.rst and the special methods of datamodel.rst. Hand-written: no interpreter knows them.
REFERENCE = {
    "async-def": "compound_stmts", "async-for": "compound_stmts",
    "async-with": "compound_stmts", "except-star": "compound_stmts",
    "asynchronous-generator-functions": "expressions",
    "agen.__anext__": "expressions", "agen.asend": "expressions",
    "agen.athrow": "expressions", "agen.aclose": "expressions",
    "object.__aiter__": "datamodel", "object.__anext__": "datamodel",
    "object.__aenter__": "datamodel", "object.__aexit__": "datamodel",
    "object.__await__": "datamodel",
}

print(json.dumps({
    "python": sys.version.split()[0],
    "anchors": dict(sorted(anchors.items())),
    "reference": REFERENCE,
}, indent=2, ensure_ascii=False))
