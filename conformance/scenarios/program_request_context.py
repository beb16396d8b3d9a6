# Program: request-scoped logging with contextvars, as a web service does it.
# Two requests are handled concurrently; each handler sets request_id and
# user, and everything it starts sees them: a Task it creates (a copy taken
# at creation), call_soon and call_later callbacks (a copy taken when
# scheduled), TaskGroup children, and a child given context=. What a child
# Task or a callback sets stays in its copy; a Token resets the handler's
# value; a copy_context() outlives its handler and is used later as a
# callback's explicit context.
import asyncio
import contextvars
from vtloop import vtrun
from _trace import now, show, start_clock

request_id = contextvars.ContextVar("request_id", default="-")
user = contextvars.ContextVar("user")
hops = contextvars.ContextVar("hops", default=())


def log(msg):
    print(f"{now()} [{request_id.get()}|{user.get('anon')}] {msg}")


async def audit(event, pause):
    await asyncio.sleep(pause)
    hops.set(hops.get() + (event,))
    log(f"audit {event}, hops {show(list(hops.get()))}")
    return event


def on_timer(label):
    log(f"timer {label}")
    request_id.set("set-in-callback")


async def handle(rid, who, delay):
    request_id.set(rid)
    token = user.set(who)
    hops.set(("handle",))
    log("start")
    loop = asyncio.get_running_loop()
    loop.call_soon(log, "call_soon sees the handler's values")
    loop.call_later(delay / 2, on_timer, "half-way")
    background = asyncio.create_task(audit("begin", 0.125))
    request_id.set(f"{rid}+")
    await asyncio.sleep(delay)
    log("after the sleep")
    async with asyncio.TaskGroup() as tg:
        tg.create_task(audit("work", 0.25))
        fresh = contextvars.Context()
        tg.create_task(audit("fresh", 0.375), context=fresh)
    print(f"{now()} fresh context now holds {show(fresh.get(hops))}, {len(fresh)} vars")
    user.reset(token)
    log("user reset")
    print(f"{now()} background saw {await background}, hops here {show(list(hops.get()))}")
    snapshot = contextvars.copy_context()
    snapshot.run(request_id.set, f"{rid}-snapshot")
    log(f"snapshot has {snapshot[request_id]}")
    return snapshot


async def main():
    start_clock()
    log("main starts")
    user.set("root")
    snapshots = await asyncio.gather(handle("r1", "ann", 0.5), handle("r2", "bob", 0.75))
    log("main after gather")
    loop = asyncio.get_running_loop()
    for snap in snapshots:
        loop.call_soon(log, "explicit context", context=snap)
        loop.call_later(0.25, on_timer, "explicit", context=snap)
    await asyncio.sleep(0.5)
    print(f"{now()} snapshots now {show([s[request_id] for s in snapshots])}")
    task = asyncio.create_task(audit("copied", 0), context=snapshots[0].copy())
    await task
    print(f"{now()} {user in snapshots[0]}, {user.get()}, {show(request_id in contextvars.copy_context())}")


vtrun(main())
