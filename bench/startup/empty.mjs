// The baseline of bench/startup.mjs: Node starting an ES module that only
// reports, at exit, the CPU time its process used (as import-run.mjs does).
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${(user + system) / 1000}\n`);
});
