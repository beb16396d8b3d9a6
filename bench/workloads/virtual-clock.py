"""bench/virtual-clock.mjs's program in CPython, on conformance/vtloop.py's
VirtualTimeLoop: N tasks each sleeping a distinct delay on a virtual clock.

Usage: python3 bench/workloads/virtual-clock.py 100000 [reps]
Prints the timed runs as one JSON line.
"""

import asyncio
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "conformance"))
from vtloop import vtrun  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cpython import delays  # noqa: E402  (W5's delays, as harness.mjs)

WARMUPS = 3


async def sleeper(delay, i):
    await asyncio.sleep(delay)
    return i


async def main(ds):
    loop = asyncio.get_running_loop()
    t0 = time.perf_counter()
    cpu0 = time.process_time()
    tasks = [asyncio.create_task(sleeper(d, i)) for i, d in enumerate(ds)]
    total = 0
    for t in tasks:
        total += await t
    seconds = time.perf_counter() - t0
    cpu_seconds = time.process_time() - cpu0
    ok = total == len(ds) * (len(ds) - 1) // 2 and loop.time() == max(ds)
    return {"seconds": seconds, "cpuSeconds": cpu_seconds, "ok": ok}


def run():
    size = int(sys.argv[1])
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for _ in range(WARMUPS):
        vtrun(main(delays(max(2, size // 10))))
    print(json.dumps([vtrun(main(delays(size))) for _ in range(reps)]))


if __name__ == "__main__":
    run()
