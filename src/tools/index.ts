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
export { startTracing, Tracer } from "./trace.js";
export { type ChromeTrace, type ChromeTraceEvent, toChromeTrace } from "./trace-chrome.js";
export type {
  StepAfter,
  StepRef,
  TaskOutcome,
  TaskTrace,
  Trace,
  TraceEvent,
  TraceIteration,
  TraceStep,
  Waker,
} from "./trace-data.js";
export { type MermaidOptions, toMermaid } from "./trace-mermaid.js";
export { type FormatTraceOptions, formatTrace } from "./trace-picture.js";
export { type SvgOptions, toSvg } from "./trace-svg.js";
