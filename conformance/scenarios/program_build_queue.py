# Program: a build farm's job queue. A producer feeds a bounded PriorityQueue
# (most urgent first, ties by name); two workers take jobs, push results on a
# LifoQueue (latest first) and call task_done() even when a job fails. join()
# waits for every job, then shutdown() (3.13) makes the idle workers leave
# get() with QueueShutDown. A slow auditor reads an unbounded Queue and is
# stopped with shutdown(immediate=True): what it has not read is dropped, and
# join() waits only for the entry in its hands.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock

JOBS = [
    (3, "docs", 0.5),
    (1, "compile", 0.75),
    (2, "test", 0.625),
    (1, "lint", 0.25),
    (3, "package", 0.375),
    (2, "bench", 1.0),
    (1, "format", 0.125),
]


async def producer(jobs):
    for prio, name, cost in JOBS:
        await jobs.put((prio, name, cost))
        print(f"{now()} queued {name} (p{prio}), {jobs.qsize()} waiting")
        await asyncio.sleep(0.1)
    print(f"{now()} producer done")


async def worker(wid, jobs, done, audit):
    handled = 0
    while True:
        try:
            prio, name, cost = await jobs.get()
        except asyncio.QueueShutDown:
            print(f"{now()} worker {wid} leaves after {handled} jobs")
            return handled
        print(f"{now()} worker {wid} starts {name}")
        try:
            await asyncio.sleep(cost)
            if name == "bench":
                raise RuntimeError("bench is flaky")
            done.put_nowait(name)
            audit.put_nowait(f"{name} by {wid}")
        except RuntimeError as e:
            print(f"{now()} worker {wid} failed {name}: {describe(e)}")
        finally:
            jobs.task_done()
            handled += 1


async def auditor(audit):
    try:
        while True:
            entry = await audit.get()
            await asyncio.sleep(0.5)
            print(f"{now()} audited {entry}")
            audit.task_done()
    except asyncio.QueueShutDown:
        print(f"{now()} auditor stopped, {audit.qsize()} left")


async def main():
    start_clock()
    jobs = asyncio.PriorityQueue(maxsize=3)
    done = asyncio.LifoQueue()
    audit = asyncio.Queue()
    workers = [asyncio.create_task(worker(i, jobs, done, audit)) for i in (1, 2)]
    audit_task = asyncio.create_task(auditor(audit))
    await producer(jobs)
    await jobs.join()
    print(f"{now()} all jobs handled: {jobs}")
    jobs.shutdown()
    counts = await asyncio.gather(*workers)
    print(f"{now()} workers handled {show(counts)}")
    latest = []
    while True:
        try:
            latest.append(done.get_nowait())
        except asyncio.QueueEmpty:
            break
    print(f"latest first: {show(latest)}")
    print(f"{now()} audit backlog {audit.qsize()}: {audit}")
    audit.shutdown(immediate=True)
    print(f"{now()} after shutdown: {audit}")
    await audit.join()
    print(f"{now()} audit joined")
    await audit_task
    try:
        await jobs.put((0, "late", 0.1))
    except asyncio.QueueShutDown as e:
        print(f"late put: {describe(e)}")
    print(f"{now()} done")


vtrun(main())
