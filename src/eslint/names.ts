/**
 * The name code uses for a thing, read off the syntax: `shield` in both
 * `shield(x)` and `asyncio.shield(x)`. For the few checks that go by name
 * (asyncWith's body, exceptStar, shield, an untyped class in `instanceof`).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES } from "@typescript-eslint/utils";

/** `name` for `name` and for `object.name`; undefined for anything else. */
export function nameOf(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (
    node.type === AST_NODE_TYPES.MemberExpression &&
    node.property.type === AST_NODE_TYPES.Identifier
  ) {
    return node.property.name;
  }
  return undefined;
}
