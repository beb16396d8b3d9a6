/**
 * `performance.now()` as the Node bundles read it (scripts/build-bundles.mjs
 * has esbuild put this function wherever the bundled code says
 * `performance.now`): milliseconds on the same monotonic clock, from
 * `process.hrtime()`, with an origin of its own (the clock's, not the
 * process's start). On Node, `performance` is a global that loads
 * `perf_hooks` (ten of Node's modules) on its first use, which a loop's
 * first `time()` would otherwise pay for at every start-up: about 8.5M
 * instructions, a tenth of what importing asyncio-ts and running an empty
 * coroutine cost (BENCHMARKS.md, "Start-up"). Node 20's `performance.now()`
 * reads `process.hrtime()` itself. Nothing imports this module; tsc's tree
 * keeps `performance.now()`.
 */
function hrtimeNow(): number {
  const t = process.hrtime();
  return t[0] * 1e3 + t[1] / 1e6;
}

export { hrtimeNow as "performance.now" };
