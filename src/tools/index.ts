/** Tools over the core: introspection of what Tasks await. */
export {
  type CallGraphOptions,
  captureCallGraph,
  type FrameCallGraphEntry,
  type FutureCallGraph,
  formatCallGraph,
  printCallGraph,
} from "./call-graph.js";
