// What bench/startup.mjs times: Node starting, loading asyncio-ts (the
// specifier in argv, "asyncio-ts" through the package's exports by default)
// and running an empty coroutine to completion. At exit it reports the CPU
// time its process used (milliseconds), which the machine's load inflates
// less than the wall time.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${(user + system) / 1000}\n`);
});
const { run } = await import(process.argv[2] ?? "asyncio-ts");
await run((function* () {})());
