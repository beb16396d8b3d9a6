/** Tools over the core: introspection of what Tasks await, and traces of what the loop did. */
export {
  type CallGraphOptions,
  captureCallGraph,
  type FrameCallGraphEntry,
  type FutureCallGraph,
  formatCallGraph,
  printCallGraph,
} from "./call-graph.js";
export { installDevtoolsFormatter } from "./devtools.js";
export {
  type StepAfter,
  type StepRef,
  startTracing,
  type TaskOutcome,
  type TaskTrace,
  type Trace,
  type TraceEvent,
  type TraceIteration,
  Tracer,
  type TraceStep,
  type Waker,
} from "./trace.js";
export { type ChromeTrace, type ChromeTraceEvent, toChromeTrace } from "./trace-chrome.js";
export { type MermaidOptions, toMermaid } from "./trace-mermaid.js";
export { type FormatTraceOptions, formatTrace } from "./trace-picture.js";
export { type SvgOptions, toSvg } from "./trace-svg.js";
