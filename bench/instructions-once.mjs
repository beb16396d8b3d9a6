// One run of one workload on a given build, nothing else: what
// instructions.mjs counts (no warm-up, no timing; the result is checked).
//   node --expose-gc bench/instructions-once.mjs <build>/dist/src/index.js W9 30000
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { programs } from "./workloads/asyncio-ts-programs.mjs";
import { expected } from "./workloads/harness.mjs";

const [lib, W, sizeArg] = process.argv.slice(2);
const asyncio = await import(pathToFileURL(resolve(lib)).href);
const size = Number(sizeArg);
const result = await asyncio.run(programs(asyncio)[W](size));
if (result.value !== expected(W, size))
  throw new Error(`${W} ${size}: wrong value ${result.value}`);
