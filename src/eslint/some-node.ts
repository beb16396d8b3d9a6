/**
 * Whether a node inside a subtree passes a test: a walk over the ESTree
 * children (every property but `parent`), for the few rules that ask about
 * what a statement or a method holds.
 */
import type { TSESTree } from "@typescript-eslint/utils";

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
  for (const [key, value] of Object.entries(node)) {
    if (key === "parent") continue;
    const children: unknown[] = Array.isArray(value) ? value : [value];
    for (const child of children) {
      if (isNode(child) && someNode(child, test, enter)) return true;
    }
  }
  return false;
}

function isNode(value: unknown): value is TSESTree.Node {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { type?: unknown }).type === "string"
  );
}
