"""CPython asyncio: the programs asyncio-ts.mjs runs, in Python.

Usage: python3 bench/workloads/cpython.py W1 100000 [reps]
Prints one JSON line, as harness.mjs does for the JavaScript programs.
"""

import asyncio
import gc
import json
import os
import sys
import time
import tracemalloc

from sentinel import measured, rule_from_env, sentinel, warm_sentinel


def expected(workload, size):
    if workload in ("W1", "W5"):
        return size * (size - 1) // 2
    if workload == "W8":
        return size * 100
    return size


def delays(size):
    """xorshift32 from seed 2463534242, as harness.mjs: distinct delays in [0, 0.5)."""
    x, out = 2463534242, []
    for _ in range(size):
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        out.append(x / 4294967296 * 0.5)
    return out


# W10's load generator (harness.mjs's RESET_STORM) and its rounds (RESET_ROUNDS).
RESET_STORM = os.path.join(os.path.dirname(os.path.abspath(__file__)), "reset-storm.mjs")
RESET_ROUNDS = 4


def rss():
    """Resident bytes after a full collection (Linux /proc)."""
    gc.collect()
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


async def child(i):
    await asyncio.sleep(0)
    return i


async def player(inbox, outbox, rounds):
    for _ in range(rounds):
        counter = await inbox.get()
        await outbox.put(counter + 1)


async def waiter(event):
    await event.wait()
    return 1


async def sleeper(delay, i):
    await asyncio.sleep(delay)
    return i


awaited = 0


async def recurse(depth):
    """A resolved Promise is a Future completed by a callback: one loop turn."""
    global awaited
    if depth > 1:
        await recurse(depth - 1)
    else:
        loop = asyncio.get_running_loop()
        for _ in range(100):
            fut = loop.create_future()
            loop.call_soon(fut.set_result, None)
            await fut
            awaited += 1


async def w1(n):
    return {"value": sum(await asyncio.gather(*(child(i) for i in range(n))))}


async def w2(n):
    switches = 0
    for _ in range(n):
        await asyncio.sleep(0)
        switches += 1
    return {"value": switches}


async def w3(n):
    ping, pong = asyncio.Queue(1), asyncio.Queue(1)
    ping.put_nowait(0)
    await asyncio.gather(player(ping, pong, n // 2), player(pong, ping, n // 2))
    return {"value": ping.get_nowait()}


async def w4(n):
    done = 0

    async def tick():
        nonlocal done
        await asyncio.sleep(0)
        done += 1

    async with asyncio.TaskGroup() as tg:
        for _ in range(n):
            tg.create_task(tick())
    return {"value": done}


async def w5(n):
    ds = delays(n)
    t0 = time.perf_counter()
    value = sum(await asyncio.gather(*(sleeper(d, i) for i, d in enumerate(ds))))
    return {"value": value, "ok": time.perf_counter() - t0 >= max(ds) - 0.002}


async def w6(n):
    event = asyncio.Event()
    # The heap figure: what tracemalloc sees allocated (V8's heapUsed for the
    # JavaScript programs). Tracing slows allocation, not what is allocated.
    tracemalloc.start()
    before, heap_before = rss(), tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(waiter(event)) for _ in range(n)]
    await asyncio.sleep(0)  # every task now waits in event.wait()
    after, heap_after = rss(), tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    event.set()
    value = sum(await asyncio.gather(*tasks))
    return {
        "value": value,
        "bytesPerTask": round((after - before) / n),
        "heapBytesPerTask": round((heap_after - heap_before) / n),
    }


async def w7(n):
    event = asyncio.Event()
    tasks = [asyncio.create_task(waiter(event)) for _ in range(n)]
    await asyncio.sleep(0)
    for t in tasks:
        t.cancel()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    return {"value": sum(isinstance(r, asyncio.CancelledError) for r in results)}


async def w8(n):
    global awaited
    awaited = 0
    for _ in range(n):
        await recurse(100)
    return {"value": awaited}


async def echo(reader, writer):
    try:
        while True:
            writer.write(await reader.readexactly(1024))
            await writer.drain()
    except asyncio.IncompleteReadError:
        pass
    writer.close()


async def w9(n):
    clients = min(100, n)
    rounds = n // clients
    payload = b"x" * 1024
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    async def client():
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        done = 0
        for _ in range(rounds):
            writer.write(payload)
            await writer.drain()
            await reader.readexactly(1024)
            done += 1
        writer.close()
        await writer.wait_closed()
        return done

    counts = await asyncio.gather(*(client() for _ in range(clients)))
    server.close()
    await server.wait_closed()
    return {"value": sum(counts)}


async def echo_until_eof(reader, writer):
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    writer.close()


def resident_after():
    """Resident and peak resident MB after a full collection (Linux /proc; else None)."""
    gc.collect()
    try:
        with open("/proc/self/status") as f:
            kb = dict(line.split(":", 1) for line in f if line.startswith(("VmRSS", "VmHWM")))
    except OSError:
        return {"rssMB": None, "peakMB": None}
    mb = lambda key: int(kb[key].split()[0]) / 1024  # noqa: E731
    return {"rssMB": mb("VmRSS"), "peakMB": mb("VmHWM")}


async def w10(n):
    # backlog: asyncio-ts's default and Node's (CPython's 100 drops SYNs from 1,500 clients at once).
    server = await asyncio.start_server(echo_until_eof, "127.0.0.1", 0, backlog=511)
    port = server.sockets[0].getsockname()[1]
    clients = -(-n // RESET_ROUNDS)
    load = await asyncio.create_subprocess_exec(
        os.environ.get("BENCH_NODE", "node"),
        RESET_STORM,
        str(port),
        str(clients),
        str(RESET_ROUNDS),
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await load.communicate()
    server.close()
    await server.wait_closed()
    result = json.loads(out)
    return {"value": result["finished"], "reset": result["reset"], **resident_after()}


WORKLOADS = {
    "W1": w1,
    "W2": w2,
    "W3": w3,
    "W4": w4,
    "W5": w5,
    "W6": w6,
    "W7": w7,
    "W8": w8,
    "W9": w9,
    "W10": w10,
}


def timed(body, size):
    async def run():
        t0 = time.perf_counter()
        result = await body(size)
        return {"seconds": time.perf_counter() - t0, **result}

    return asyncio.run(run())


def median(xs):
    return sorted(xs)[len(xs) // 2]


# As many warm-ups as the JavaScript programs run (bench/workloads/harness.mjs).
WARMUPS = 3
# W6 and W10 measure memory, not speed (as harness.mjs's UNWARMED).
UNWARMED = {"W6", "W10"}


def main(impl="cpython", **info):
    """info: what else the JSON line says about the implementation (uvloop's version)."""
    workload, size = sys.argv[1], int(sys.argv[2])
    reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    body, want = WORKLOADS[workload], expected(workload, size)
    for _ in range(0 if workload in UNWARMED else WARMUPS):
        timed(body, max(2, size // 10 // 2 * 2))
    # The memory workloads (UNWARMED) are not slowed by a slow stretch: no sentinel.
    rule = None if workload in UNWARMED else rule_from_env(os.environ.get("BENCH_SENTINEL"))
    watch = {"limit": None, "runs": [], "slow": [], "discarded": [], "polls": 0}
    runs = []
    if rule is not None:
        watch["limit"] = None if rule["limit"] == float("inf") else rule["limit"]
        warm_sentinel()
    for _ in range(reps):
        if rule is None:
            runs.append(timed(body, size))
            continue
        m = measured(lambda: timed(body, size), rule, sentinel, lambda: time.sleep(0.05))
        runs.append(m["result"])
        watch["runs"].append(m["result"]["sentinel"])
        watch["slow"].append(m["slow"])
        watch["discarded"].extend(m["discarded"])
        watch["polls"] += m["polls"]
    seconds = median([r["seconds"] for r in runs])
    line = {
        "impl": impl,
        "workload": workload,
        "size": size,
        "seconds": seconds,
        "value": next(r["value"] for r in runs if r["seconds"] == seconds),
        "ok": all(r["value"] == want and r.get("ok", True) for r in runs),
        "reps": [r["seconds"] for r in runs],
        "python": sys.version.split()[0],
        **info,
    }
    if rule is not None:
        line["sentinel"] = watch
    if workload == "W6":
        line["bytesPerTask"] = median([r["bytesPerTask"] for r in runs])
        line["heapBytesPerTask"] = median([r["heapBytesPerTask"] for r in runs])
    if workload == "W10":
        # The process's memory after everything it ran: the last run's.
        for key in ("rssMB", "peakMB", "reset"):
            line[key] = runs[-1][key]
    print(json.dumps(line))


if __name__ == "__main__":
    main()
