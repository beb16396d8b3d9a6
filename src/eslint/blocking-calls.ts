/**
 * Which calls block the thread, told by where the checker says the called
 * function is declared: Node's modules (`fs`, `child_process`, `zlib`,
 * `crypto`, whichever way they are imported) and the global `Atomics` and
 * the browser's dialogs from TypeScript's own library. Names alone would
 * take a user's `readFileSync` helper for Node's.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import ts from "typescript";
import { declaredSymbol } from "./declared-symbol.js";

/** What to use instead, by the module a blocking function comes from. */
const MODULE_ALTERNATIVES: Record<string, string> = {
  fs: "its Promise version (node:fs/promises) through `yield* asyncio.fromPromise(...)`",
  child_process:
    "`asyncio.createSubprocessExec` or `asyncio.createSubprocessShell`, awaited with `yield*`",
  zlib: "its callback version wrapped in a Future, or `asyncio.toThread`",
  crypto: "its callback version wrapped in a Future, or `asyncio.toThread`",
};

export interface BlockingCall {
  /** The function, as a message names it: `fs.readFileSync`. */
  name: string;
  /** What to use instead. */
  instead: string;
}

export function blockingCall(
  call: TSESTree.CallExpression,
  services: ParserServicesWithTypeInformation,
): BlockingCall | undefined {
  const callee = call.callee;
  const nameNode =
    callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed ? callee.property : callee;
  if (nameNode.type !== AST_NODE_TYPES.Identifier) return undefined;
  const symbol = declaredSymbol(nameNode, services);
  if (symbol === undefined) return undefined;
  const declaration = symbol.declarations?.[0];
  if (declaration === undefined) return undefined;
  const name = nameNode.name;

  const module = ambientModule(declaration);
  if (module !== undefined && name.endsWith("Sync")) {
    const instead = MODULE_ALTERNATIVES[module.replace(/^node:/, "")];
    if (instead !== undefined) return { name: `${module.replace(/^node:/, "")}.${name}`, instead };
  }
  if (!services.program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return undefined;
  if (name === "wait" && ownerName(declaration) === "Atomics") {
    return {
      name: "Atomics.wait",
      instead: "`Atomics.waitAsync` through `yield* asyncio.fromPromise(...)`",
    };
  }
  if (
    (name === "alert" || name === "confirm" || name === "prompt") &&
    ts.isFunctionDeclaration(declaration)
  ) {
    return { name, instead: "a dialog element, awaited through a Future" };
  }
  return undefined;
}

/** The module a declaration is in (`declare module "fs" { ... }`), or undefined. */
function ambientModule(declaration: ts.Node): string | undefined {
  for (let at: ts.Node | undefined = declaration.parent; at !== undefined; at = at.parent) {
    if (ts.isModuleDeclaration(at) && ts.isStringLiteral(at.name)) return at.name.text;
  }
  return undefined;
}

/** The interface or variable a member is declared in: `Atomics` for `Atomics.wait`. */
function ownerName(declaration: ts.Node): string | undefined {
  const owner = declaration.parent;
  return owner !== undefined && ts.isInterfaceDeclaration(owner) ? owner.name.text : undefined;
}
