/**
 * Lists every use of a `_member` of EventLoop, Future, Task or Handle outside
 * the file that declares it (the TypeScript checker resolves each `x._member`
 * to its declaration), for the tables of docs/internals.md. EventLoop's parts
 * (the files of the classes `interface EventLoop extends` names, loop-parts.ts)
 * are the loop itself: their uses of its members are not listed.
 *
 *   node scripts/internal-members.mjs
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const declaring = ["event-loop.ts", "futures.ts", "tasks.ts", "handles.ts"].map((file) =>
  join(root, "src/core/kernel", file),
);

const config = ts.getParsedCommandLineOfConfigFile(
  join(root, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => console.error(d.messageText),
  },
);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();

const eventLoop = program.getSourceFile(declaring[0]);
/** event-loop.ts and the files of EventLoop's parts. */
const loopFiles = new Set([declaring[0]]);
for (const statement of eventLoop.statements) {
  if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== "EventLoop") continue;
  for (const type of statement.heritageClauses?.flatMap((clause) => clause.types) ?? []) {
    let symbol = checker.getSymbolAtLocation(type.expression);
    if (symbol !== undefined && symbol.flags & ts.SymbolFlags.Alias) {
      symbol = checker.getAliasedSymbol(symbol);
    }
    for (const part of symbol?.declarations ?? []) loopFiles.add(part.getSourceFile().fileName);
  }
}

/** "Class._member" -> the files (relative to the repository) that use it. */
const uses = new Map();

function visit(node, file) {
  if (ts.isPropertyAccessExpression(node) && node.name.text.startsWith("_")) {
    const declaration = checker.getSymbolAtLocation(node.name)?.declarations?.[0];
    let where = declaration?.getSourceFile().fileName;
    // A member a part of the loop declares is the loop's.
    const inLoop = loopFiles.has(where);
    if (inLoop) where = declaring[0];
    const inside = where === file || (inLoop && loopFiles.has(file));
    if (where !== undefined && !inside && declaring.includes(where)) {
      const owner = declaration.parent;
      const name = inLoop
        ? "EventLoop"
        : ts.isClassLike(owner) || ts.isInterfaceDeclaration(owner)
          ? owner.name?.text
          : "?";
      const key = `${name}.${node.name.text}`;
      if (!uses.has(key)) uses.set(key, new Set());
      uses.get(key).add(relative(root, file));
    }
  }
  ts.forEachChild(node, (child) => visit(child, file));
}

for (const source of program.getSourceFiles()) {
  if (source.fileName.startsWith(join(root, "src"))) visit(source, source.fileName);
}
for (const [member, files] of [...uses].sort()) {
  console.log(`${member.padEnd(36)} ${[...files].sort().join(" ")}`);
}
