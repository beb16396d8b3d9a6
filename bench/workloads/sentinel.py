"""The slow-stretch sentinel of the Python programs: sentinel.mjs's generator
loop and sentinel-policy.mjs's rule, in Python.

CPython's interpreter slows down in the machine's slow stretches as V8's
generator loops do (about 2x, at the same moments on the same vCPU), and the
stretches are mostly a vCPU's own: the sentinel runs in the process that
measures, as in the JavaScript programs (BENCHMARKS.md, "The slow-stretch
sentinel").

`python3 bench/workloads/sentinel.py [seconds]` is bench/run.mjs's
calibration: readings 50 ms apart for `seconds` (2), as one JSON line.
"""

import json
import math
import sys
import time

# Sends per sample: about 0.25 ms in fast mode (CPython's resume costs ~5x V8's).
SENDS = 5000
# Samples per reading: the fastest is taken (a preemption in one does not count).
SAMPLES = 5
# The wait between two readings while a run waits for the fast mode.
PAUSE = 0.05


def _counter():
    total = 0
    while True:
        total += yield total


def _sample():
    gen = _counter()
    next(gen)
    send = gen.send
    total = 0
    t0 = time.perf_counter()
    for _ in range(SENDS):
        total += send(1)
    return (time.perf_counter() - t0) * 1e9 / SENDS


def sentinel():
    """One reading: nanoseconds per generator send, the fastest of SAMPLES samples."""
    return min(_sample() for _ in range(SAMPLES))


def warm_sentinel():
    """As sentinel.mjs's warmSentinel (CPython specializes the loop within a few samples)."""
    for _ in range(10):
        sentinel()


NO_RULE = {"limit": math.inf, "retries": 0, "polls": 0}


def rule_from_env(text):
    """The rule in BENCH_SENTINEL (JSON, from bench/run.mjs); by hand, every run is kept."""
    if not text:
        return NO_RULE
    rule = json.loads(text)
    limit = rule.get("limit")
    return {
        "limit": math.inf if limit is None else limit,
        "retries": rule["retries"],
        "polls": rule["polls"],
    }


def measured(run, rule, read, pause):
    """sentinel-policy.mjs's measured(): the same rule, step for step."""
    discarded = []
    polls = 0
    attempt = 0
    while True:
        before = read()
        while before > rule["limit"] and polls < rule["polls"]:
            pause()
            polls += 1
            before = read()
        result = run()
        after = read()
        reading = [before, after]
        slow = before > rule["limit"] or after > rule["limit"]
        if not slow or attempt >= rule["retries"]:
            return {
                "result": {**result, "sentinel": reading},
                "slow": slow,
                "discarded": discarded,
                "polls": polls,
            }
        discarded.append({"seconds": result["seconds"], "sentinel": reading})
        attempt += 1


def calibrate(seconds):
    warm_sentinel()
    readings = []
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        readings.append(sentinel())
        time.sleep(PAUSE)
    return readings


if __name__ == "__main__":
    print(json.dumps({"readings": calibrate(float(sys.argv[1]) if len(sys.argv) > 1 else 2)}))
