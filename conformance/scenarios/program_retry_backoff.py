# Program: a client with retries. retry() gives every attempt its own
# timeout() inside an overall timeout_at() deadline, backs off
# exponentially, and extends the deadline once with reschedule() when the
# server says it is busy. The result is saved under shield(), so cancelling
# the caller mid-save does not lose it. A long-running poller treats a
# cancel("reload") as a request to reload: it uncancel()s and goes on, while
# any other cancel() stops it.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock


class Busy(Exception):
    pass


class FlakyServer:
    def __init__(self, script):
        self.script = list(script)   # per call: (latency, outcome)

    async def call(self, attempt):
        latency, outcome = self.script.pop(0)
        await asyncio.sleep(latency)
        if isinstance(outcome, Exception):
            raise outcome
        return f"{outcome}#{attempt}"


async def retry(server, *, attempts, per_try, base, budget):
    loop = asyncio.get_running_loop()
    async with asyncio.timeout_at(loop.time() + budget) as overall:
        extended = False
        for attempt in range(attempts):
            try:
                async with asyncio.timeout(per_try):
                    return await server.call(attempt)
            except TimeoutError:
                print(f"{now()} attempt {attempt} timed out")
            except Busy as e:
                print(f"{now()} attempt {attempt}: {describe(e)}")
                if not extended:
                    extended = True
                    overall.reschedule(overall.when() + 2.0)
                    print(f"{now()} deadline moved to {overall.when() - loop.time():.3f} from now")
            except ConnectionError as e:
                print(f"{now()} attempt {attempt}: {describe(e)}")
            delay = base * 2 ** attempt
            print(f"{now()} backing off {delay:.3f}")
            await asyncio.sleep(delay)
    raise RuntimeError(f"gave up after {attempts} attempts")


async def save(store, value):
    print(f"{now()} saving {value}")
    await asyncio.sleep(0.5)
    store.append(value)
    print(f"{now()} saved {value}")


async def fetch_and_save(server, store):
    value = await retry(server, attempts=5, per_try=1.0, base=0.25, budget=4.0)
    await asyncio.shield(save(store, value))
    return value


async def poller(reloads):
    config = 1
    while True:
        try:
            await asyncio.sleep(1.0)
            print(f"{now()} poll with config {config}")
        except asyncio.CancelledError as e:
            task = asyncio.current_task()
            if e.args == ("reload",) and task.uncancel() == 0:
                config += 1
                reloads.append(config)
                print(f"{now()} reloaded config {config}, cancelling()={task.cancelling()}")
                continue
            print(f"{now()} poller stops: {describe(e)}, cancelling()={task.cancelling()}")
            raise


async def main():
    start_clock()
    store = []
    server = FlakyServer([
        (0.5, ConnectionError("reset")),
        (1.5, "late"),
        (0.25, Busy("busy")),
        (0.75, "ok"),
    ])
    value = await fetch_and_save(server, store)
    print(f"{now()} got {value}")

    server = FlakyServer([(0.5, ConnectionError("down"))] * 9)
    try:
        await fetch_and_save(server, store)
    except TimeoutError as e:
        print(f"{now()} overall: {describe(e)} from {describe(e.__context__)}")

    server = FlakyServer([(0.25, "fresh")])
    caller = asyncio.create_task(fetch_and_save(server, store))
    await asyncio.sleep(0.5)
    caller.cancel()
    try:
        await caller
    except asyncio.CancelledError:
        print(f"{now()} caller cancelled: {show(caller.cancelled())}")
    await asyncio.sleep(0.5)
    print(f"{now()} store {show(store)}")

    reloads = []
    p = asyncio.create_task(poller(reloads))
    await asyncio.sleep(1.5)
    p.cancel("reload")
    await asyncio.sleep(1.25)
    p.cancel("reload")
    p.cancel("twice")
    await asyncio.sleep(0)
    p.cancel("stop")
    try:
        await p
    except asyncio.CancelledError as e:
        print(f"{now()} poller ended: {describe(e)}, reloads {show(reloads)}")


vtrun(main())
