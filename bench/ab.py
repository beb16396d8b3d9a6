"""Interleaved A/B runs of one workload: builds or implementations in turn.

Usage:
  python3 bench/ab.py ROUNDS WORKLOAD SIZE NAME=COMMAND [NAME=COMMAND ...]

  python3 bench/ab.py 5 W9 100000 \\
    "base=node --expose-gc ../base/bench/workloads/asyncio-ts.mjs" \\
    "new=node --expose-gc bench/workloads/asyncio-ts.mjs" \\
    "uvloop=/usr/bin/python3 bench/workloads/cpython-uvloop.py"

Each round runs every command once, as `COMMAND WORKLOAD SIZE 3` (a fresh
process printing the workload program's JSON line: the median of three timed
runs after the warm-ups), in an order that alternates between rounds, so
load that comes and goes on a shared machine falls on all of them alike.
Prints each run with its process's CPU time (user + system, warm-ups
included, from wait4) and the load average, then the medians.
"""

import json
import os
import statistics
import subprocess
import sys


def run(command, workload, size):
    argv = command.split() + [workload, size, "3"]
    child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        return None, out[-800:]
    return {**json.loads(lines[-1]), "user": usage.ru_utime, "system": usage.ru_stime}, None


def main():
    rounds, workload, size = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    commands = [arg.split("=", 1) for arg in sys.argv[4:]]
    results = {name: [] for name, _ in commands}
    for r in range(rounds):
        for name, command in commands if r % 2 == 0 else commands[::-1]:
            result, error = run(command, workload, size)
            if result is None:
                print(f"round {r} {name} FAILED: {error}", flush=True)
                continue
            results[name].append(result)
            print(
                f"round {r} {name:12} {result['seconds']:.3f} s  CPU {result['user']:.2f} user"
                f" + {result['system']:.2f} system  ok={result['ok']}  load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
    print()
    for name, runs in results.items():
        if not runs:
            continue
        median = lambda key: statistics.median(run[key] for run in runs)  # noqa: E731
        walls = " ".join(f"{run['seconds']:.2f}" for run in runs)
        print(
            f"{name:12} median {median('seconds'):.3f} s  CPU {median('user'):.2f} user"
            f" + {median('system'):.2f} system  (runs: {walls})"
        )


if __name__ == "__main__":
    main()
