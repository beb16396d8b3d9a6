/**
 * Walks over ESTree nodes by their properties (every one but `parent`), for
 * the rules that ask what a statement, a method or a function holds.
 */
import type { TSESTree } from "@typescript-eslint/utils";

/** The child nodes of `node`, in source order. */
export function children(node: TSESTree.Node): TSESTree.Node[] {
  const found: TSESTree.Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent" || value === null || typeof value !== "object") continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (isNode(item)) found.push(item);
    }
  }
  return found;
}

function isNode(value: unknown): value is TSESTree.Node {
  return (
    typeof value === "object" && value !== null && typeof Reflect.get(value, "type") === "string"
  );
}

/**
 * True when `node` or a node inside it passes `test`. `enter` decides
 * whether to look inside a node (a rule may leave nested functions out).
 */
export function someNode(
  node: TSESTree.Node,
  test: (node: TSESTree.Node) => boolean,
  enter: (node: TSESTree.Node) => boolean = () => true,
): boolean {
  if (test(node)) return true;
  if (!enter(node)) return false;
  return children(node).some((child) => someNode(child, test, enter));
}
