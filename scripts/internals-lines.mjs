/**
 * Keeps the file:line stops of docs/internals.md true. A stop is a symbol in
 * backticks followed by where it is defined:
 *
 *   `Task._step` (src/core/kernel/tasks.ts:520)
 *   `createTask` (src/core/kernel/tasks.ts:672)
 *
 * `Class.member` names a member defined in the body of `class Class` (or
 * `interface Class`), indented one level as the formatter writes members; a
 * bare name names a top-level `function`, `class`, `const`, `interface`...
 * The line number is rewritten from the symbol's definition (the first one:
 * a getter before its setter). A symbol no longer in the file named is looked
 * for in every kernel file, and the path is rewritten too if it is found in
 * exactly one (what moving the flags into a file of their own does).
 *
 *   node scripts/internals-lines.mjs            rewrite docs/internals.md and docs/conventions.md
 *   node scripts/internals-lines.mjs --check    rewrite nothing; exit 1 on a stale stop
 *   node scripts/internals-lines.mjs --doc F    one other Markdown file instead (the test's fixtures)
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const KERNEL = "src/core/kernel";

/** "`Symbol` (path:line)", the symbol optionally written as a call, `f()`. */
export const STOP =
  /`([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)(?:\(\))?`\s+\(([\w./-]+\.[mc]?[jt]s):(\d+)\)/g;

const MODIFIERS =
  "(?:(?:export|default|declare|abstract|static|private|protected|public|readonly|override|async|get|set)\\s+)*";
const CONTAINER = /^(?:export\s+)?(?:declare\s+)?(?:abstract\s+)?(?:class|interface)\s+([\w$]+)/;

function literal(name) {
  return name.replace(/\$/g, "\\$");
}

/** The 1-based lines of `text` that define `symbol` (`name` or `Container.member`). */
export function definitionLines(text, symbol) {
  const lines = text.split("\n");
  const dot = symbol.indexOf(".");
  const found = [];
  if (dot < 0) {
    const re = new RegExp(
      `^${MODIFIERS}(?:function\\*?|class|interface|type|const|let|var|enum)\\s+${literal(symbol)}\\b`,
    );
    lines.forEach((line, i) => {
      if (re.test(line)) found.push(i + 1);
    });
    return found;
  }
  const container = symbol.slice(0, dot);
  // One level in; a one-line doc comment may stand before a field (`/** @internal */ _cb: ...`).
  const member = new RegExp(
    `^  (?:/\\*\\*.*?\\*/\\s*)?${MODIFIERS}\\*?${literal(symbol.slice(dot + 1))}\\s*[(<:=!?;]`,
  );
  let inside = null;
  lines.forEach((line, i) => {
    const open = CONTAINER.exec(line);
    if (open !== null) inside = open[1];
    else if (line.startsWith("}")) inside = null;
    else if (inside === container && member.test(line)) found.push(i + 1);
  });
  return found;
}

function read(path) {
  try {
    return readFileSync(join(root, path), "utf8");
  } catch {
    return null;
  }
}

/** Where `symbol` is defined now: `{ path, line }`, or `{ error }`. */
export function locate(symbol, path) {
  const text = read(path);
  const here = text === null ? [] : definitionLines(text, symbol);
  if (here.length > 0) return { path, line: here[0] };
  const elsewhere = [];
  for (const file of readdirSync(join(root, KERNEL))) {
    if (!file.endsWith(".ts")) continue;
    const candidate = `${KERNEL}/${file}`;
    const lines = definitionLines(read(candidate), symbol);
    if (lines.length > 0) elsewhere.push({ path: candidate, line: lines[0] });
  }
  if (elsewhere.length === 1) return elsewhere[0];
  const where = text === null ? `${path} does not exist` : `not defined in ${path}`;
  const also = elsewhere.length > 1 ? `, and defined in ${elsewhere.length} kernel files` : "";
  return { error: `\`${symbol}\`: ${where}${also}` };
}

/** The document with every stop pointing where its symbol is defined, and what changed. */
export function updateStops(markdown) {
  const changes = [];
  const errors = [];
  let count = 0;
  const updated = markdown.replace(STOP, (whole, symbol, path, line) => {
    count++;
    const found = locate(symbol, path);
    if (found.error !== undefined) {
      errors.push(found.error);
      return whole;
    }
    if (found.path === path && found.line === Number(line)) return whole;
    changes.push(`\`${symbol}\`: ${path}:${line} -> ${found.path}:${found.line}`);
    return whole.replace(`(${path}:${line})`, `(${found.path}:${found.line})`);
  });
  return { updated, count, changes, errors };
}

/** The pages with stops: the tour, and the conventions that point at it. */
const DOCS = ["docs/internals.md", "docs/conventions.md"];

/** Checks or rewrites one page; returns whether it is as it should be. */
function fix(doc, check) {
  const { updated, count, changes, errors } = updateStops(readFileSync(doc, "utf8"));
  for (const change of changes) console.log(`${check ? "stale" : "updated"} ${change}`);
  for (const error of errors) console.error(`not found ${error}`);
  if (!check && changes.length > 0) writeFileSync(doc, updated);
  const verb = check ? "stale" : "updated";
  const name = relative(process.cwd(), doc);
  console.log(`${name}: ${count} stops, ${changes.length} ${verb}, ${errors.length} not found`);
  return errors.length === 0 && !(check && changes.length > 0);
}

function main(argv) {
  const check = argv.includes("--check");
  const docIndex = argv.indexOf("--doc");
  const docs = docIndex >= 0 ? [argv[docIndex + 1]] : DOCS.map((doc) => join(root, doc));
  const results = docs.map((doc) => fix(doc, check));
  return results.every(Boolean) ? 0 : 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
