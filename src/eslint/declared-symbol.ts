/**
 * The symbol a name refers to where it is declared: through an import
 * (`import { gather } from "asyncio-ts"`, `import * as fs from "node:fs"`)
 * to the export itself, so rules judge by declaration rather than by the
 * local name.
 */
import type { ParserServicesWithTypeInformation, TSESTree } from "@typescript-eslint/utils";
import ts from "typescript";

/** The declared symbol of `node`, an import alias resolved; undefined where there is none. */
export function declaredSymbol(
  node: TSESTree.Node,
  services: ParserServicesWithTypeInformation,
): ts.Symbol | undefined {
  const checker = services.program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(services.esTreeNodeToTSNodeMap.get(node));
  if (symbol === undefined || (symbol.flags & ts.SymbolFlags.Alias) === 0) return symbol;
  return checker.getAliasedSymbol(symbol);
}
