# Program: an in-process pub/sub broker. Subscribers meet the publisher at a
# Barrier before anything is published, then read the broker's log under a
# Condition (wait_for with a predicate; notify_all on publish), each at its
# own pace, so fast ones get one message at a time and slow ones batches.
# An Event closes the broker. A second Barrier is a checkpoint that the
# coordinator aborts when a subscriber is late: the others get
# BrokenBarrierError, and reset() makes the barrier usable again.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


class Broker:
    def __init__(self):
        self.cond = asyncio.Condition()
        self.log = []
        self.closed = asyncio.Event()

    async def publish(self, msg):
        async with self.cond:
            self.log.append(msg)
            self.cond.notify_all()

    async def close(self):
        async with self.cond:
            self.closed.set()
            self.cond.notify_all()

    async def subscribe(self, name, pace, start):
        arrival = await start.wait()
        print(f"{now()} {name} subscribed (arrival {arrival})")
        cursor = 0
        while True:
            async with self.cond:
                await self.cond.wait_for(lambda: len(self.log) > cursor or self.closed.is_set())
                batch = self.log[cursor:]
                cursor = len(self.log)
            if not batch:
                print(f"{now()} {name} sees the broker closed")
                return cursor
            print(f"{now()} {name} got {show(batch)}")
            await asyncio.sleep(pace)


async def checkpoint(name, barrier, work):
    await asyncio.sleep(work)
    try:
        async with barrier as arrival:
            print(f"{now()} {name} passed checkpoint ({arrival})")
    except asyncio.BrokenBarrierError:
        print(f"{now()} {name}: checkpoint broken")


async def main():
    start_clock()
    broker = Broker()
    start = asyncio.Barrier(4)
    subs = [
        asyncio.create_task(broker.subscribe(name, pace, start))
        for name, pace in (("fast", 0.125), ("medium", 0.75), ("slow", 2.0))
    ]
    await asyncio.sleep(0.5)
    print(f"{now()} publisher at the barrier, {start.n_waiting} of {start.parties} waiting")
    arrival = await start.wait()
    print(f"{now()} publishing (arrival {arrival})")
    for i in range(5):
        await broker.publish(f"m{i}")
        await asyncio.sleep(0.25)
    await broker.close()
    print(f"{now()} closed: {show(broker.closed.is_set())}")
    counts = await asyncio.gather(*subs)
    print(f"{now()} read counts {show(counts)}")

    check = asyncio.Barrier(3)
    tasks = [asyncio.create_task(checkpoint(n, check, w))
             for n, w in (("a", 0.25), ("b", 0.5), ("late", 3.0))]
    try:
        await asyncio.wait_for(asyncio.shield(tasks[1]), 1.0)
        await asyncio.sleep(1.0)
    except TimeoutError:
        print(f"{now()} checkpoint timed out, {check.n_waiting} waiting")
        await check.abort()
    await asyncio.gather(*tasks[:2])
    print(f"{now()} broken: {show(check.broken)}")
    await check.reset()
    print(f"{now()} after reset: broken {show(check.broken)}, {check.n_waiting} waiting")
    await asyncio.gather(tasks[2], checkpoint("x", check, 0.5), checkpoint("y", check, 0.25))
    print(f"{now()} done, {check.n_waiting} waiting")


vtrun(main())
