/** The Node layer: what the loop can do with Node's process behind it. */
// Loading it adds loop.addSignalHandler / removeSignalHandler.
import "./signals.js";

export { Runner, run } from "./runners.js";
export type { SignalLike } from "./signals.js";
