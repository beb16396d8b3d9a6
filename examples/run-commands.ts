/**
 * "Run these commands concurrently and collect their output": three shell
 * commands at once, each with its exit status and output, in the order
 * given; the whole takes as long as the slowest.
 *
 *   npm run build && node dist/examples/run-commands.js
 */
import * as asyncio from "asyncio-ts";

const commands = ["sleep 0.3; echo slow", "echo fast", "echo to stderr 1>&2; exit 2"];

function* runCommand(cmd: string): asyncio.Coroutine<string> {
  const proc = yield* asyncio.createSubprocessShell(cmd, {
    stdout: asyncio.PIPE,
    stderr: asyncio.PIPE,
  });
  const [stdout, stderr] = yield* proc.communicate();
  const text = (b: Uint8Array | undefined): string => new TextDecoder().decode(b).trim();
  return `[${cmd}] exited with ${proc.returncode}: stdout=${JSON.stringify(text(stdout))} stderr=${JSON.stringify(text(stderr))}`;
}

function* main(): asyncio.Coroutine<void> {
  const loop = asyncio.getRunningLoop();
  const start = loop.time();
  const results = yield* asyncio.gather(...commands.map(runCommand));
  for (const line of results) console.log(line);
  console.log(`all done in ${(loop.time() - start).toFixed(1)}s`);
}

await asyncio.run(main());
