/**
 * Writing SVG by hand: text made safe for XML, numbers kept short. What a
 * Task is named is the program's to choose, so every piece of text that
 * reaches the document goes through `xmlText`.
 */

/**
 * Characters XML 1.0 cannot hold at all: controls other than tab and
 * newlines, U+FFFE, U+FFFF, and (with the `u` flag, which reads a surrogate
 * pair as one code point) lone surrogates.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
const NOT_XML = /[\0-\x08\v\f\x0e-\x1f\ud800-\udfff\ufffe\uffff]/gu;

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** `text` escaped for an XML text node or a quoted attribute; characters XML cannot hold become U+FFFD. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "\ufffd").replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A coordinate with at most one decimal (a tenth of a pixel is finer than any screen draws). */
export function px(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** An element with its attributes (numbers written with `px`), and its content if it has any. */
export function element(
  name: string,
  attributes: Readonly<Record<string, string | number | undefined>>,
  content?: string,
): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    out += ` ${key}="${typeof value === "number" ? px(value) : xmlText(value)}"`;
  }
  return content === undefined ? `${out}/>` : `${out}>${content}</${name}>`;
}

/** A `<text>` element writing `words` (escaped), with a tooltip if `title` is given. */
export function text(
  attributes: Readonly<Record<string, string | number | undefined>>,
  words: string,
  title?: string,
): string {
  return element("text", attributes, xmlText(words) + (title === undefined ? "" : tooltip(title)));
}

/** A tooltip: browsers show an element's `<title>` child when the pointer rests on it. */
export function tooltip(text: string): string {
  return `<title>${xmlText(text)}</title>`;
}
