# Pins: where a TaskGroup's parent wakes from its exit, and what the group
# counts (its repr) at every callback around its children's completions,
# when children succeed, fail, are cancelled and are added in the same loop
# iterations as other callbacks. Each line is printed by a callback or a
# Task step, so a parent woken one callback early or late, or a child
# forgotten before its done callback would have run, moves or changes a line.
import asyncio
from vtloop import vtrun
from _trace import describe


def marker(tg):
    """Prints what happens with the group's repr."""
    return lambda what: print(f"  {what}: {tg!r}")


def done_marker(mark):
    """A done callback that marks, and queues a marker after itself."""
    def done(t):
        mark(f"{t.get_name()} done callback")
        asyncio.get_running_loop().call_soon(mark, f"after {t.get_name()} done callback")
    return done


async def child(mark, name, turns, fail=False, then=None):
    try:
        for _ in range(turns):
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        mark(f"{name} cancelled")
        raise
    mark(f"{name} returns")
    if then is not None:
        then()
    if fail:
        raise ValueError(name)


async def succeed_together():
    # a and b finish in one iteration, c and d in the next; markers sit between.
    loop = asyncio.get_running_loop()
    tg = asyncio.TaskGroup()
    mark = marker(tg)

    def returned(name):
        return lambda: loop.call_soon(mark, f"after {name} returned")

    async with tg:
        for name, turns in (("a", 1), ("b", 1), ("c", 2), ("d", 2)):
            t = tg.create_task(child(mark, name, turns, then=returned(name)), name=name)
            t.add_done_callback(lambda t: mark(f"{t.get_name()} done callback"))
        loop.call_soon(mark, "body left")
    mark("parent resumed")


async def failures(children):
    # Children (name, turns, fails) in one group; the parent reports the group's errors.
    tg = asyncio.TaskGroup()
    mark = marker(tg)
    try:
        async with tg:
            for name, turns, fail in children:
                t = tg.create_task(child(mark, name, turns, fail), name=name)
                t.add_done_callback(done_marker(mark))
    except ExceptionGroup as e:
        mark(f"parent resumed with {describe(e)}")


async def failure_between():
    # f fails between two children that succeed in the same iteration; the
    # last to finish succeeds after f's callback is queued.
    await failures((("a", 1, False), ("f", 1, True), ("b", 1, False), ("c", 3, False)))


async def failure_last():
    # The last child to finish fails after siblings that succeeded in its iteration.
    await failures((("a", 1, False), ("b", 1, False), ("f", 1, True)))


async def failures_while_aborting():
    # After a first failure aborts the group, x fails and y returns in one
    # iteration (both caught the cancellation): y is the last, and the parent
    # wakes at y's callback, after what x's callbacks queued.
    tg = asyncio.TaskGroup()
    mark = marker(tg)

    async def outliving(name, fail):
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            mark(f"{name} cancelled")
        await child(mark, name, 1, fail)

    try:
        async with tg:
            tg.create_task(child(mark, "first", 1, True), name="first").add_done_callback(done_marker(mark))
            for name, fail in (("x", True), ("y", False)):
                tg.create_task(outliving(name, fail), name=name).add_done_callback(done_marker(mark))
    except ExceptionGroup as e:
        mark(f"parent resumed with {describe(e)}")


async def cancelled_from_outside():
    # The parent is cancelled while its children finish; the cancelled ones are forgotten too.
    tg = asyncio.TaskGroup()
    mark = marker(tg)
    parent = asyncio.current_task()

    def done(t):
        state = "cancelled" if t.cancelled() else "done"
        mark(f"{t.get_name()} {state} callback")

    try:
        async with tg:
            for name, turns in (("a", 1), ("b", 1), ("c", 3), ("d", 3)):
                then = parent.cancel if name == "b" else None
                tg.create_task(child(mark, name, turns, then=then), name=name).add_done_callback(done)
    except asyncio.CancelledError:
        mark(f"parent resumed cancelled, cancelling() = {parent.cancelling()}")
        parent.uncancel()


async def added_after_children_finish():
    # create_task from a done callback of a child that is not the last (it
    # joins the group) and of the last one (the group is finished), and from
    # a child's step after siblings finished; a child made in another
    # context (from a child) finishes in the same iteration as the others.
    loop = asyncio.get_running_loop()
    tg = asyncio.TaskGroup()
    mark = marker(tg)

    async def spawner():
        await asyncio.sleep(0)
        mark("spawner adds s1")
        tg.create_task(child(mark, "s1", 1), name="s1").add_done_callback(done)

    def add(what, name, turns):
        try:
            tg.create_task(child(mark, name, turns), name=name).add_done_callback(done)
            mark(f"{what} added {name}")
        except RuntimeError as e:
            mark(f"{what} could not add {name}: {e}".replace(repr(tg), "<tg>"))

    def done(t):
        mark(f"{t.get_name()} done callback")
        if t.get_name() == "a":
            add("a's done callback", "late", 2)
        if t.get_name() == "late":
            loop.call_soon(add, "after late's done callback", "too-late", 1)

    async with tg:
        tg.create_task(child(mark, "a", 1), name="a").add_done_callback(done)
        tg.create_task(spawner(), name="spawner").add_done_callback(done)
        tg.create_task(child(mark, "b", 3), name="b").add_done_callback(done)
    mark("parent resumed")


async def main():
    # asyncio-ts runs the second pass under a tracer (CPython has none): a
    # trace shows every callback, so none is skipped then, and nothing moves.
    for traced in (False, True):
        print(f"traced: {traced}")
        for scenario in (succeed_together, failure_between, failure_last,
                         failures_while_aborting, cancelled_from_outside,
                         added_after_children_finish):
            print(scenario.__name__)
            await scenario()
            for _ in range(3):  # the markers still queued print before the next scenario
                await asyncio.sleep(0)


vtrun(main())
