/**
 * A variable declared with a value that nothing ever reads: `const c =
 * work();` and then nothing. An exported one may be read elsewhere.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";

export function isUnreadVariable(
  declarator: TSESTree.VariableDeclarator,
  sourceCode: TSESLint.SourceCode,
): boolean {
  if (declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration) return false;
  const variables = sourceCode.getDeclaredVariables(declarator);
  return variables.length > 0 && variables.every((v) => !v.references.some((r) => r.isRead()));
}
