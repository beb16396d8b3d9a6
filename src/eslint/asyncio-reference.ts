/**
 * How a file spells an asyncio-ts export, for the code that a fix or a
 * suggestion writes: `asyncio.shield` after `import * as asyncio from
 * "asyncio-ts"`, `shield` after `import { shield } from "asyncio-ts"`.
 * asyncio-ts is recognised by what the imported module exports (it has a
 * `CancelledError` and the name wanted), not by its specifier, so a path
 * to the sources counts as much as the package.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";
import type ts from "typescript";

/** `name` as this file can write it, or undefined when the file imports no asyncio-ts module that has it. */
export function asyncioReference(
  program: TSESTree.Program,
  services: ParserServicesWithTypeInformation,
  name: string,
): string | undefined {
  const checker = services.program.getTypeChecker();
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ImportDeclaration) continue;
    if (statement.importKind === "type") continue;
    const exported = moduleExports(statement, services, checker);
    if (!exported.has("CancelledError") || !exported.has(name)) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) {
        return `${specifier.local.name}.${name}`;
      }
      if (
        specifier.type === AST_NODE_TYPES.ImportSpecifier &&
        specifier.importKind !== "type" &&
        importedName(specifier) === name
      ) {
        return specifier.local.name;
      }
    }
  }
  return undefined;
}

function importedName(specifier: TSESTree.ImportSpecifier): string {
  const imported = specifier.imported;
  return imported.type === AST_NODE_TYPES.Identifier ? imported.name : imported.value;
}

function moduleExports(
  declaration: TSESTree.ImportDeclaration,
  services: ParserServicesWithTypeInformation,
  checker: ts.TypeChecker,
): Set<string> {
  const source = services.esTreeNodeToTSNodeMap.get(declaration.source);
  const module = checker.getSymbolAtLocation(source);
  if (module === undefined) return new Set();
  return new Set(checker.getExportsOfModule(module).map((s) => s.getName()));
}
