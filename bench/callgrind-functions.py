"""Instructions per unit of a workload, per function, from two callgrind runs.

Usage:
  python3 bench/callgrind-functions.py SMALL.cg SMALL.map LARGE.cg LARGE.map UNITS [--by-kind] [TOP]

Each run is one process at a size, e.g. for W9 at 10,000 and 30,000 round trips:

  valgrind --tool=callgrind --callgrind-out-file=small.cg \\
    node --single-threaded --expose-gc --perf-basic-prof --interpreted-frames-native-stack \\
    bench/instructions-once.mjs dist/src/index.js W9 10000

(the same with 30000 and large.cg); SMALL.map and LARGE.map are the
/tmp/perf-PID.map files V8 wrote (the PID is on the `pid:` line of each .cg).
Callgrind names code it has no symbol for by address: those addresses are
looked up in the map, so JIT-compiled JavaScript shows as its function. The
self cost of each function at LARGE less that at SMALL, divided by UNITS
(the units between the two runs), is what one unit costs there, without
start-up. `--by-kind` sums the functions into the kinds of BENCHMARKS.md's
table ("Where the user CPU goes"), with the fixed part (what SMALL spent
beyond its units at that rate, in millions) beside: give SMALL's units as
UNITS:SMALL_UNITS.
"""

import bisect
import collections
import re
import sys

KINDS = [
    ("the library's JavaScript", r"^JS .*/dist/src/"),
    ("the workload's JavaScript", r"^JS .*/bench/"),
    ("Node's JavaScript", r"^JS .*node:"),
    ("typed arrays", r"TypedArray|GetBuffer|ArrayBufferView|JSArrayBuffer|BackingStore"),
    ("write barriers", r"RecordWrite"),
    ("inline-cache misses", r"^Builtins_(Keyed)?(Load|Store|Has)IC"),
    (
        "Node's callbacks from C++ into JavaScript",
        r"Context::(Enter|Exit)|Invoke\(|Function::Call|HandleScope|InternalCallbackScope|AsyncHooks"
        r"|MakeCallback|MicrotaskQueue|CallDepthScope|SaveContext|Execution::Call|Builtins_JSEntry"
        r"|TryCatch|EmitTrace|EmitBefore|EmitAfter|GetCurrentContext|FireCallCompleted|ThreadId"
        r"|SetIdle|TriggerAsyncId|_M_default_append|ProviderType",
    ),
    (
        "a WriteWrap per write (API objects)",
        r"InstantiateObject|CopyJSObject|HandleApiCall|InternalField|FunctionCallbackArguments"
        r"|GetHeaderSize|ProbeInstantiationsCache|Builtins_CallApiCallback|IsConstructCall"
        r"|InitializeJSObjectBody|AdaptorWithBuiltinExitFrame|CEntry",
    ),
    ("Node's C++", r"^(non-virtual thunk to |void )?node::"),
    ("libuv", r"^uv_"),
    (
        "GC",
        r"Scaveng|Mark|Sweep|Heap::|heap::|Evacuat|Compact|IterateObjectCache|RememberedSet"
        r"|Worklist|MemoryChunk|RootScavenge|Slot|CppHeap",
    ),
    (
        "compiler, parser, interpreter",
        r"compiler::|Parser|Scanner|Bytecode|interpreter::|Builtins_.*(Handler|Baseline|Interpreter)|Zone",
    ),
    ("malloc, free, memcpy, system calls", r"malloc|free|memcpy|memset|memmove|^write$|^read$|^__|^epoll|pthread|sprp"),
    ("other V8 builtins", r"^Builtins_"),
]


def kind(name):
    for label, pattern in KINDS:
        if re.search(pattern, name):
            return label
    return "other"


def self_costs(path):
    """Self instructions per function name (addresses for code without symbols)."""
    names, costs, fn, skip_next = {}, collections.Counter(), None, False
    with open(path) as f:
        for line in f:
            if skip_next:  # the inclusive cost of a call, not the caller's own
                skip_next = False
                continue
            m = re.match(r"(c?fn)=\((\d+)\)(?: (.*))?", line.rstrip("\n"))
            if m:
                if m.group(3) is not None:
                    names[m.group(2)] = m.group(3)
                if m.group(1) == "fn":
                    fn = names[m.group(2)]
            elif line.startswith("calls="):
                skip_next = True
            elif fn is not None and line[:1] in "0123456789+-*":
                parts = line.split()
                if len(parts) >= 2:
                    costs[fn] += int(parts[1])
    return costs


def with_js_names(costs, map_path):
    rows = []
    with open(map_path) as f:
        for line in f:
            start, size, name = line.rstrip("\n").split(" ", 2)
            rows.append((int(start, 16), int(size, 16), name))
    rows.sort()
    starts = [r[0] for r in rows]
    out = collections.Counter()
    for name, cost in costs.items():
        m = re.fullmatch(r"0x([0-9a-fA-F]+)", name)
        if m:
            address = int(m.group(1), 16)
            i = bisect.bisect_right(starts, address) - 1
            inside = i >= 0 and address < rows[i][0] + rows[i][1]
            name = f"JS {rows[i][2]}" if inside else "JIT code not in the map"
        out[name] += cost
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--by-kind"]
    by_kind = "--by-kind" in sys.argv
    small_cg, small_map, large_cg, large_map, units = args[:5]
    top = int(args[5]) if len(args) > 5 else 60
    units, _, small_units = units.partition(":")
    units, small_units = float(units), float(small_units or 0)
    small = with_js_names(self_costs(small_cg), small_map)
    large = with_js_names(self_costs(large_cg), large_map)
    per, fixed = collections.Counter(), collections.Counter()
    for name in set(small) | set(large):
        key = kind(name) if by_kind else name
        rate = (large[name] - small[name]) / units
        per[key] += rate
        fixed[key] += small[name] - rate * small_units
    print(f"all: {sum(per.values()):,.0f} per unit")
    for key, value in sorted(per.items(), key=lambda kv: -abs(kv[1]))[:top]:
        extra = f"  fixed {fixed[key] / 1e6:,.0f}M" if by_kind and small_units else ""
        print(f"{value:10,.1f}  {key[:140]}{extra}")


if __name__ == "__main__":
    main()
