// Runs each ```python block of docs/porting.md with CPython 3.13
// (PYENV_VERSION=3.13.0 python3) and compares what it prints with the
// ```text block of its translation, after writing Python's spellings as
// console.log writes them: True/False/None as true/false/undefined, lists
// as `[ 1, 2 ]`, and a lock's or an event's repr without its module and
// address. `npm test` checks the translations against the text blocks;
// this checks the text blocks against CPython (only this needs Python).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const doc = readFileSync(join(root, "docs", "porting.md"), "utf8");
const blocks = [...doc.matchAll(/^```(\w*)[^\n]*\n([\s\S]*?)^```\s*$/gm)].map((m) => ({
  lang: m[1],
  body: m[2],
  line: doc.slice(0, m.index).split("\n").length,
}));

/** Python's output as console.log would print the same values. */
function asJavaScript(text) {
  return text
    .replace(/\bTrue\b/g, "true")
    .replace(/\bFalse\b/g, "false")
    .replace(/\bNone\b/g, "undefined")
    .replace(/<asyncio\.\w+\.(\w+) object at 0x[0-9a-f]+ /g, "<$1 ")
    .replace(/(^|[ :])\[([^\]\n]+)\]$/gm, "$1[ $2 ]");
}

let failures = 0;
for (let i = 0; i < blocks.length; i++) {
  if (blocks[i].lang !== "python") continue;
  const expected = blocks.slice(i + 1).find((b) => b.lang === "text");
  const stdout = execFileSync("python3", ["-c", blocks[i].body], {
    env: { ...process.env, PYENV_VERSION: process.env.PYENV_VERSION ?? "3.13.0" },
    encoding: "utf8",
    timeout: 60_000,
  });
  if (asJavaScript(stdout) === expected.body) {
    console.log(`ok    docs/porting.md:${blocks[i].line}`);
  } else {
    failures++;
    console.log(`DIFF  docs/porting.md:${blocks[i].line}`);
    console.log(
      `CPython printed:\n${stdout}the text block (line ${expected.line}) says:\n${expected.body}`,
    );
  }
}
process.exitCode = failures === 0 ? 0 : 1;
