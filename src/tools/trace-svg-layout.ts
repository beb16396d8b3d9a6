/**
 * Where things go in the SVG timeline: a column per loop iteration (several
 * per column when they would be narrower than a few pixels), a lane per
 * Task (or per group of Tasks, see trace-svg-lanes.ts).
 */
import type { Trace } from "./trace-data.js";
import type { Lane } from "./trace-svg-lanes.js";

export const PAD = 12;
export const LANE_H = 22;
/** Width of a character of the 12px font, generously (names are cut to fit by it). */
export const CHAR_W = 7;
const MIN_COL = 3;
const MAX_COL = 28;
const MAX_LABEL_CHARS = 36;
/** Room right of the last column for an end marker. */
const END_ROOM = 18;
const HEADER_H = 66;

export interface Layout {
  readonly cols: number;
  readonly colW: number;
  readonly labelChars: number;
  readonly plotLeft: number;
  readonly plotTop: number;
  readonly plotRight: number;
  readonly plotBottom: number;
  readonly width: number;
  /** The column of an iteration. */
  column(iteration: number): number;
  /** The first and last iteration drawn in a column. */
  iterationsOf(column: number): [number, number];
  /** The left edge of a column. */
  x(column: number): number;
  /** The top of a lane. */
  y(lane: number): number;
}

/** `rightRoom`: room right of the columns, for end markers and error messages written after them. */
export function layout(
  trace: Trace,
  lanes: readonly Lane[],
  maxWidth: number,
  labels: readonly string[],
  rightRoom = END_ROOM,
): Layout {
  const n = Math.max(1, trace.iterations.length);
  // Names take at most a third of the width: the columns are the picture.
  const labelChars = Math.min(
    MAX_LABEL_CHARS,
    Math.floor(maxWidth / 3 / CHAR_W),
    Math.max(12, ...labels.map((l) => Array.from(l).length)), // 12: room for "loop time (s)"
  );
  const plotLeft = PAD + labelChars * CHAR_W + 10;
  const room = Math.max(MIN_COL, maxWidth - plotLeft - Math.max(END_ROOM, rightRoom) - PAD);
  let cols = n;
  let colW = room / n;
  if (colW > MAX_COL) colW = MAX_COL;
  else if (colW < MIN_COL) {
    cols = Math.max(1, Math.floor(room / MIN_COL));
    colW = room / cols;
  }
  const plotTop = PAD + HEADER_H;
  const plotRight = plotLeft + cols * colW;
  return {
    cols,
    colW,
    labelChars,
    plotLeft,
    plotTop,
    plotRight,
    plotBottom: plotTop + lanes.length * LANE_H,
    width: Math.max(
      Math.ceil(plotRight + Math.max(END_ROOM, rightRoom) + PAD),
      Math.min(maxWidth, 560),
    ),
    column: (i) => (cols === n ? i : Math.floor((i * cols) / n)),
    iterationsOf: (c) =>
      cols === n ? [c, c] : [Math.ceil((c * n) / cols), Math.ceil(((c + 1) * n) / cols) - 1],
    x: (c) => plotLeft + c * colW,
    y: (lane) => plotTop + lane * LANE_H,
  };
}
