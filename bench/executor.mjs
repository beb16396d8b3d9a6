// What a toThread job costs beyond its own work: 2,000 trivial jobs on the
// default pool, one at a time and 100 in flight; wall and CPU time (every
// thread's) per job. The README quotes these figures.
// Usage: npm run build && node bench/executor.mjs [path to a dist folder]
const dist = process.argv[2] ?? new URL("../dist", import.meta.url).href;
const asyncio = await import(`${dist}/src/index.js`);

const N = 2000;

function perJob(t0, cpu0) {
  const cpu = process.cpuUsage(cpu0);
  const wall = ((performance.now() - t0) * 1000) / N;
  return `${wall.toFixed(0)} µs wall, ${((cpu.user + cpu.system) / N).toFixed(0)} µs CPU`;
}

const out = await asyncio.run(
  (function* () {
    const add = (x) => x + 1;
    // Start the workers first: a thread's start is not a job's cost.
    yield* asyncio.gather(...Array.from({ length: 16 }, () => asyncio.toThread(add, 0)));
    let t0 = performance.now();
    let cpu0 = process.cpuUsage();
    for (let i = 0; i < N; i++) yield* asyncio.toThread(add, i);
    const sequential = perJob(t0, cpu0);
    t0 = performance.now();
    cpu0 = process.cpuUsage();
    for (let b = 0; b < N; b += 100) {
      yield* asyncio.gather(...Array.from({ length: 100 }, (_, k) => asyncio.toThread(add, b + k)));
    }
    return { "one at a time": sequential, "100 in flight": perJob(t0, cpu0) };
  })(),
);
console.log(out);
