# Pins: TaskGroup children copy the parent's context at create_task, and
# copy_context().run() runs a function in an isolated copy.
import asyncio
import contextvars
from vtloop import vtrun

var = contextvars.ContextVar("var", default="default")


async def child(name):
    print(f"{name} sees {var.get()}")
    var.set(name)


def in_copy():
    var.set("set in copy")
    return var.get()


async def main():
    async with asyncio.TaskGroup() as tg:
        var.set("one")
        tg.create_task(child("c1"))
        var.set("two")
        tg.create_task(child("c2"))
    print(f"main sees {var.get()}")
    ctx = contextvars.copy_context()
    print(f"copy run returned {ctx.run(in_copy)}")
    print(f"main still sees {var.get()}, copy holds {ctx.get(var)}")


vtrun(main())
