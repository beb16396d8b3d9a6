/**
 * A strict, small XML parser for the tests of the SVG the tracer draws: it
 * throws where a real XML parser would refuse the document (a bare `&` or
 * `<`, an unknown entity, tags that do not match, a character XML cannot
 * hold, two roots), and returns the element tree with entities decoded.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlNode[];
}

export type XmlNode = XmlElement | string;

const NAME = /[A-Za-z_:][-\w.:]*/y;
const SPACE = /\s*/y;
const ENTITIES: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const NOT_XML = /[\0-\x08\v\f\x0e-\x1f\ud800-\udfff\ufffe\uffff]/u;

export function parseXml(source: string): XmlElement {
  if (NOT_XML.test(source)) throw new SyntaxError("a character XML cannot hold");
  let at = 0;
  const fail = (why: string): never => {
    throw new SyntaxError(`${why} at ${at}: ${JSON.stringify(source.slice(at, at + 40))}`);
  };
  const skipSpace = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(source);
    at = SPACE.lastIndex;
  };
  const name = (): string => {
    NAME.lastIndex = at;
    const m = NAME.exec(source);
    if (m === null) return fail("a name expected");
    at = NAME.lastIndex;
    return m[0];
  };
  const decode = (raw: string): string =>
    raw.replace(/&([^;&<]*);|&/g, (whole, entity: string | undefined) => {
      if (entity === undefined) return fail(`a bare & in ${JSON.stringify(raw)}`);
      if (entity in ENTITIES) return ENTITIES[entity]!;
      const code = /^#x([0-9a-f]+)$/i.exec(entity)?.[1] ?? /^#([0-9]+)$/.exec(entity)?.[1];
      if (code === undefined) return fail(`unknown entity ${whole}`);
      return String.fromCodePoint(Number.parseInt(code, entity[1] === "x" ? 16 : 10));
    });
  const misc = (): void => {
    for (;;) {
      skipSpace();
      if (source.startsWith("<!--", at)) {
        const end = source.indexOf("-->", at);
        if (end < 0) fail("an unclosed comment");
        at = end + 3;
      } else if (source.startsWith("<?", at)) {
        const end = source.indexOf("?>", at);
        if (end < 0) fail("an unclosed processing instruction");
        at = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[at] !== "<") fail("< expected");
    at++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      skipSpace();
      if (source.startsWith("/>", at)) {
        at += 2;
        return { name: tag, attributes, children: [] };
      }
      if (source[at] === ">") {
        at++;
        break;
      }
      const key = name();
      skipSpace();
      if (source[at] !== "=") fail("= expected");
      at++;
      skipSpace();
      const quote = source[at];
      if (quote !== '"' && quote !== "'") return fail("a quoted value expected");
      const end = source.indexOf(quote, at + 1);
      if (end < 0) fail("an unclosed attribute value");
      const raw = source.slice(at + 1, end);
      if (raw.includes("<")) fail("< in an attribute value");
      if (key in attributes) fail(`attribute ${key} twice`);
      attributes[key] = decode(raw);
      at = end + 1;
    }
    const children: XmlNode[] = [];
    for (;;) {
      const next = source.indexOf("<", at);
      if (next < 0) fail(`</${tag}> missing`);
      const raw = source.slice(at, next);
      if (raw.includes("]]>")) fail("]]> in text");
      if (raw !== "") children.push(decode(raw));
      at = next;
      if (source.startsWith("</", at)) {
        at += 2;
        const closing = name();
        if (closing !== tag) fail(`</${closing}> closes <${tag}>`);
        skipSpace();
        if (source[at] !== ">") fail("> expected");
        at++;
        return { name: tag, attributes, children };
      }
      if (source.startsWith("<!--", at)) misc();
      else if (source.startsWith("<!", at)) fail("no DOCTYPE or CDATA expected");
      else children.push(element());
    }
  };
  misc();
  const root = element();
  misc();
  if (at !== source.length) fail("content after the root element");
  return root;
}

/** Every element under `root` (itself included), depth first, that `keep` accepts. */
export function findAll(root: XmlElement, keep: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (e: XmlElement): void => {
    if (keep(e)) out.push(e);
    for (const child of e.children) if (typeof child !== "string") visit(child);
  };
  visit(root);
  return out;
}

/** Elements with `name` whose class list holds `className`. */
export function byClass(root: XmlElement, name: string, className: string): XmlElement[] {
  return findAll(
    root,
    (e) => e.name === name && (e.attributes.class ?? "").split(" ").includes(className),
  );
}

/** The element's own text (not its children's), entities decoded. */
export function ownText(e: XmlElement): string {
  return e.children.filter((c): c is string => typeof c === "string").join("");
}

/** The text of the element's `<title>` child: its tooltip. */
export function titleOf(e: XmlElement): string | undefined {
  const title = e.children.find(
    (c): c is XmlElement => typeof c !== "string" && c.name === "title",
  );
  return title === undefined ? undefined : ownText(title);
}
