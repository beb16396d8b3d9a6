/** How the trace's pictures write names, messages and times. */

/** `text`'s first line, cut to `max` characters (whole code points) with an ellipsis. */
export function oneLine(text: string, max: number): string {
  const line = text.split("\n", 1)[0]!;
  const chars = Array.from(line);
  const cut = chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : line;
  return cut.length < text.length && !cut.endsWith("…") ? `${cut} …` : cut;
}

/** Seconds with at most three decimals, trailing zeros dropped. */
export function formatTime(seconds: number): string {
  return String(Number(seconds.toFixed(3)));
}
