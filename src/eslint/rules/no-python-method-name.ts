/**
 * A method with Python's name (`data_received`) in a subclass of an
 * asyncio-ts class, which calls it by the camelCase name (`dataReceived`):
 * the method is never called. A program ported line by line from Python
 * keeps the names of the protocol callbacks it overrides, and TypeScript
 * says nothing: the subclass merely gains a method of its own (unless it
 * writes `override`), and the base's empty one runs instead.
 *
 * asyncio-ts's members are told by the `@python` tag of their doc comment,
 * which names the Python member they port; any class of the package counts
 * (a Protocol, a Task, an EventLoop subclass).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import ts from "typescript";
import { someNode } from "../ast-walk.js";
import { createRule } from "../create-rule.js";

type MessageId = "pythonName" | "rename";

/** `data_received` → `dataReceived`; undefined for a name that is not snake case. */
function camelCase(name: string): string | undefined {
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$/.test(name)) return undefined;
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Whether `symbol` is declared with a `@python` doc tag: asyncio-ts's port of a Python member. */
function portsPython(symbol: ts.Symbol): boolean {
  return (symbol.declarations ?? []).some((d) =>
    ts.getJSDocTags(d).some((tag) => tag.tagName.text === "python"),
  );
}

export const noPythonMethodName = createRule<[], MessageId>({
  name: "no-python-method-name",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description:
        "Disallow Python's snake_case name for a method that asyncio-ts calls by its camelCase name",
      requiresTypeChecking: true,
      pythonAnalogue: "none: in Python the override has the name the loop calls",
    },
    messages: {
      pythonName:
        "'{{python}}' is Python's name: asyncio-ts calls {{base}}'s '{{name}}', so this method is never called. Rename it '{{name}}' (with `override`).",
      rename: "Rename it '{{name}}'.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();

    const check = (node: TSESTree.ClassDeclaration | TSESTree.ClassExpression): void => {
      if (node.superClass === null) return;
      // The class's instance type (a class expression's type is its constructor's).
      const symbol = checker
        .getTypeAtLocation(services.esTreeNodeToTSNodeMap.get(node))
        .getSymbol();
      if (symbol === undefined) return;
      const type = checker.getDeclaredTypeOfSymbol(symbol);
      if (!type.isClassOrInterface()) return;
      const bases = checker.getBaseTypes(type);
      const own = new Set<string>();
      for (const member of node.body.body) {
        if ("key" in member && member.key.type === AST_NODE_TYPES.Identifier && !member.computed)
          own.add(member.key.name);
      }
      for (const member of node.body.body) {
        if (member.type !== AST_NODE_TYPES.MethodDefinition || member.static) continue;
        if (member.computed || member.key.type !== AST_NODE_TYPES.Identifier) continue;
        const python = member.key.name;
        const name = camelCase(python);
        if (name === undefined || own.has(name)) continue;
        // An alias that calls the asyncio-ts method (`put_nowait(x) { this.putNowait(x) }`,
        // a shim for ported code) is called by its writer; renaming it would make it recurse.
        if (callsOwn(member.value, name)) continue;
        for (const base of bases) {
          const inherited = checker.getPropertyOfType(base, name);
          if (inherited === undefined || !portsPython(inherited)) continue;
          const data = { python, name, base: checker.typeToString(base) };
          context.report({
            node: member.key,
            messageId: "pythonName",
            data,
            suggest: [
              { messageId: "rename", data, fix: (fixer) => fixer.replaceText(member.key, name) },
            ],
          });
          break;
        }
      }
    };

    return { ClassDeclaration: check, ClassExpression: check };
  },
});

/** True when `method` refers to `this.name` or `super.name`. */
function callsOwn(method: TSESTree.Node, name: string): boolean {
  return someNode(
    method,
    (n) =>
      n.type === AST_NODE_TYPES.MemberExpression &&
      !n.computed &&
      n.property.type === AST_NODE_TYPES.Identifier &&
      n.property.name === name &&
      (n.object.type === AST_NODE_TYPES.ThisExpression || n.object.type === AST_NODE_TYPES.Super),
  );
}
