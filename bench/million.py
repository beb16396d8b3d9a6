"""CPython's side of bench/million.mjs: gather, wait and as_completed over N tasks.
Usage: python3 bench/million.py 1000000  (prints one JSON line)"""
import asyncio
import json
import sys
import time


async def child(i):
    await asyncio.sleep(0)
    return i


async def main(n):
    out = {}
    t0 = time.perf_counter()
    results = await asyncio.gather(*(child(i) for i in range(n)))
    out["gather"] = [time.perf_counter() - t0, sum(results)]
    t0 = time.perf_counter()
    tasks = [asyncio.create_task(child(i)) for i in range(n)]
    done, pending = await asyncio.wait(tasks)
    out["wait"] = [time.perf_counter() - t0, sum(t.result() for t in done)]
    t0 = time.perf_counter()
    total = 0
    for next_done in asyncio.as_completed([child(i) for i in range(n)]):
        total += await next_done
    out["asCompleted"] = [time.perf_counter() - t0, total]
    return out


n = int(sys.argv[1])
print(json.dumps({"python": sys.version.split()[0], **asyncio.run(main(n))}))
