# Program: a small job scheduler on the loop's own timers. Jobs are armed
# with call_later (relative), call_at (absolute, on loop.time()) and
# call_soon; one handle is cancelled before it fires; a heartbeat re-arms
# itself until a Future says stop; a faulty callback raises and the loop's
# exception handler reports it without stopping anything; a Future is
# completed from a timer. Then CPU-bound work goes to run_in_executor
# (several jobs at once, results in order) while no timer is pending, and
# the default executor is shut down.
import asyncio
from vtloop import vtrun
from _trace import fmt_time, now, report, show, start_clock


def checksum(data, rounds):
    h = 0
    for _ in range(rounds):
        for ch in data:
            h = (h * 31 + ord(ch)) % 1_000_003
    return h


def faulty(log, n):
    log.append(f"{now()} faulty {n}")
    raise ValueError(f"bad input {n}")


def arm(loop, log, start):
    def job(name):
        log.append(f"{fmt_time(loop.time() - start)} job {name}")

    handles = {
        "later-2": loop.call_later(2.0, job, "later-2"),
        "at-1.5": loop.call_at(start + 1.5, job, "at-1.5"),
        "later-0.5": loop.call_later(0.5, job, "later-0.5"),
        "at-1.5b": loop.call_at(start + 1.5, job, "at-1.5b"),
        "cancelled": loop.call_later(1.0, job, "cancelled"),
        "faulty": loop.call_later(0.75, faulty, log, 7),
    }
    loop.call_soon(job, "soon")
    handles["cancelled"].cancel()
    return handles


async def main():
    start_clock()
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(report)
    start = loop.time()
    log = []
    handles = arm(loop, log, start)
    for name, h in handles.items():
        print(f"{name}: when {fmt_time(h.when() - start)}, cancelled {show(h.cancelled())}")

    stop = loop.create_future()
    beats = []

    def heartbeat(n):
        beats.append(n)
        if not stop.done():
            loop.call_later(0.25, heartbeat, n + 1)

    loop.call_soon(heartbeat, 0)
    loop.call_later(1.125, stop.set_result, "stopped")
    print(f"{now()} waiting for the stop signal")
    reason = await stop
    print(f"{now()} {reason}")
    await asyncio.sleep(1.0)
    for line in log:
        print(line)
    print(f"{now()} beats {show(beats)}")

    results = await asyncio.gather(*(
        loop.run_in_executor(None, checksum, text, rounds)
        for text, rounds in (("asyncio", 1000), ("ts", 2000), ("port", 500))
    ))
    print(f"{now()} checksums {show(results)}")
    value = await loop.run_in_executor(None, checksum, "x", 1)
    print(f"{now()} single {value}")
    await loop.shutdown_default_executor()
    try:
        loop.run_in_executor(None, checksum, "y", 1)
    except RuntimeError as e:
        print(f"after shutdown: {e}")


vtrun(main())
