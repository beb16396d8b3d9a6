/**
 * A picture of what the loop did: the pipeline example (two producers, a
 * Queue of at most 3 jobs, three consumers) run under a tracer, then drawn,
 * a row per Task and a column per loop iteration.
 *
 *   npm run build && node dist/examples/trace.js            # real time
 *   npm run build && node dist/examples/trace.js --virtual  # instantly
 *   npm run build && node dist/examples/trace.js --virtual --chrome trace.json
 *   npm run build && node dist/examples/trace.js --virtual --svg trace.svg
 *
 * With `--chrome FILE` the trace is also written in the Trace Event Format:
 * open it in ui.perfetto.dev or chrome://tracing for the steps on a real
 * time axis, with arrows from creators and wakers. With `--svg FILE` it is
 * also drawn as an SVG timeline: open it in a browser and hover a step,
 * a wait or an arrow to see what it was.
 */
import { writeFileSync } from "node:fs";
import * as asyncio from "asyncio-ts";
import { main as pipeline } from "./pipeline.js";

function* traced(): asyncio.Coroutine<asyncio.Trace> {
  asyncio.currentTask()?.setName("main");
  const tracer = asyncio.startTracing();
  yield* pipeline();
  return tracer.stop();
}

const trace = await asyncio.run(traced(), { virtualTime: process.argv.includes("--virtual") });
console.log();
console.log(asyncio.formatTrace(trace));
const chrome = process.argv.indexOf("--chrome");
if (chrome >= 0) {
  const file = process.argv[chrome + 1] ?? "trace.json";
  writeFileSync(file, JSON.stringify(asyncio.toChromeTrace(trace)));
  console.log(`\nwrote ${file}`);
}
const svg = process.argv.indexOf("--svg");
if (svg >= 0) {
  const file = process.argv[svg + 1] ?? "trace.svg";
  writeFileSync(
    file,
    asyncio.toSvg(trace, { title: "The pipeline: 2 producers, a Queue of 3, 3 consumers" }),
  );
  console.log(`\nwrote ${file}`);
}
