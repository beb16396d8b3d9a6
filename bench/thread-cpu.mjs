// User and system CPU of a Node process split into its main thread and the
// rest (V8's helper threads: concurrent compilation and marking, parallel
// scavenging; libuv's pool), printed to stderr at exit. Preload it:
//   node --import ./bench/thread-cpu.mjs --expose-gc bench/workloads/asyncio-ts.mjs W9 100000 3
// Linux only (/proc/self/task). BENCHMARKS.md, "Where the user CPU goes".
import { readdirSync, readFileSync } from "node:fs";

const TICKS = 100; // USER_HZ on Linux

process.on("exit", () => {
  const split = {
    main: { user: 0, system: 0, threads: 0 },
    others: { user: 0, system: 0, threads: 0 },
  };
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    // Fields after the command name, which may hold spaces: utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const row = tid === String(process.pid) ? split.main : split.others;
    row.user += Number(fields[11]) / TICKS;
    row.system += Number(fields[12]) / TICKS;
    row.threads++;
  }
  process.stderr.write(`${JSON.stringify(split)}\n`);
});
