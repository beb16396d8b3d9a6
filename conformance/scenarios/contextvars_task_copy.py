# Pins: a task runs in a copy of its creator's context taken at creation:
# it sees values set before create_task, not after; its own set() is
# invisible to the creator and to sibling tasks.
import asyncio
import contextvars
from vtloop import vtrun

var = contextvars.ContextVar("var", default="default")


async def child(name):
    print(f"{name} sees {var.get()}")
    var.set(f"set by {name}")
    await asyncio.sleep(0)
    print(f"{name} now sees {var.get()}")


async def main():
    print(f"main sees {var.get()}")
    var.set("before create")
    a = asyncio.create_task(child("a"))
    var.set("after create")
    b = asyncio.create_task(child("b"))
    await a
    await b
    print(f"main sees {var.get()}")


vtrun(main())
