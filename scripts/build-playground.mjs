#!/usr/bin/env node
// Builds the playground (playground/): one self-contained HTML page,
// dist/playground/index.html, with the bundled script inlined, so it opens
// from any static server with nothing else to fetch. The seed's programs
// reach the page as JavaScript (types stripped by TypeScript's
// transpileModule, imports dropped, the shared sendMessage inlined) because
// the page's editor runs plain JavaScript: there is no TypeScript compiler in
// the browser. transpileModule, not esbuild's transform: esbuild renames
// `function* sendMessage` inside `const sendMessage = …` to `sendMessage2`,
// which the diagrams would show; TypeScript keeps names and comments as
// written. All of it takes well under a second.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seed = join(root, "examples", "seed");

// The programs `npm start` runs (examples/main.ts), in its order and with its titles.
const PROGRAMS = [
  ["Awaiting one after another", "one-after-another.ts"],
  ["Two tasks", "two-tasks.ts"],
  ["TaskGroup", "task-group.ts"],
  ["as_completed", "as-completed.ts"],
  ["gather", "gather.ts"],
  ["as_completed, in the order they finish", "as-completed-by-duration.ts"],
  ["The loop by hand", "low-level-loop.ts"],
];

/** A seed module as the body of `new Function("asyncio", "console", body)`, without its imports and exports. */
function functionBody(file) {
  const { outputText } = ts.transpileModule(readFileSync(join(seed, file), "utf8"), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return outputText
    .split("\n")
    .filter((line) => !line.startsWith("import "))
    .join("\n")
    .replace(/^export /gm, "")
    .trim();
}

function programs() {
  const shared = functionBody("send-message.ts");
  return PROGRAMS.map(([title, file]) => {
    const own = functionBody(file);
    const source = readFileSync(join(seed, file), "utf8");
    const helpers = source.includes("./send-message.js") ? `${shared}\n\n` : "";
    return { title, file, source: `${helpers}${own}\n\nreturn main;\n` };
  });
}

const started = performance.now();
const bundle = await esbuild.build({
  entryPoints: [join(root, "playground", "main.ts")],
  bundle: true,
  write: false,
  platform: "browser",
  format: "esm",
  minify: true,
  target: "es2022",
  define: { __PLAYGROUND_PROGRAMS__: JSON.stringify(programs()) },
  logLevel: "warning",
});
// `</script` inside the inlined code would end the element early; `<\/script` reads the same in JS strings.
const script = bundle.outputFiles[0].text.replaceAll("</script", "<\\/script");
const page = readFileSync(join(root, "playground", "index.html"), "utf8");
const marker = "<!-- SCRIPT -->";
if (!page.includes(marker)) throw new Error(`playground/index.html lacks ${marker}`);
const out = join(root, "dist", "playground");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "index.html"),
  page.replace(marker, () => `<script type="module">\n${script}</script>`),
);
if (!process.argv.includes("--quiet")) {
  const ms = Math.round(performance.now() - started);
  console.log(
    `playground: dist/playground/index.html (${Math.round(script.length / 1024)} KiB, ${ms} ms)`,
  );
}
