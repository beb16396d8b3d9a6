/**
 * `gather(...aws)` over an array of any length: JavaScript puts every spread
 * argument on the engine's stack, and past about 120,000 (on Node's default
 * stack) the call throws `RangeError: Maximum call stack size exceeded`
 * before gather runs, where Python's `gather(*aws)` takes a million.
 * `gather.from(aws)` takes the iterable itself. A spread of a tuple or of an
 * array literal has a length the code shows and is not reported.
 */
import type {
  ParserServicesWithTypeInformation,
  TSESLint,
  TSESTree,
} from "@typescript-eslint/utils";
import { AST_NODE_TYPES, ESLintUtils } from "@typescript-eslint/utils";
import type ts from "typescript";
import { isFuture } from "../asyncio-types.js";
import { createRule } from "../create-rule.js";
import { declaredSymbol } from "../declared-symbol.js";

type MessageId = "spreadGather" | "useFrom";

export const preferGatherFrom = createRule<[], MessageId>({
  name: "prefer-gather-from",
  meta: {
    type: "suggestion",
    hasSuggestions: true,
    docs: {
      description:
        "Prefer `gather.from(aws)` to `gather(...aws)` when `aws` may be long: a spread puts every element on the engine's stack",
      requiresTypeChecking: true,
      pythonAnalogue: "none: Python's `gather(*aws)` takes any number of awaitables",
    },
    messages: {
      spreadGather:
        "`{{callee}}(...{{array}})` puts every element of {{array}} on the engine's stack: past about 120,000 it throws `RangeError: Maximum call stack size exceeded` before gather runs. `{{callee}}.from({{array}})` takes the array (any iterable) itself.",
      useFrom: "Use `{{callee}}.from({{array}})`.",
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const services = ESLintUtils.getParserServices(context);
    const checker = services.program.getTypeChecker();
    return {
      CallExpression(node) {
        const spread = node.arguments.find(
          (a): a is TSESTree.SpreadElement =>
            a.type === AST_NODE_TYPES.SpreadElement &&
            !boundedLength(a.argument, services, checker),
        );
        if (spread === undefined || !isAsyncioGather(node.callee, services, checker)) return;
        const source = context.sourceCode;
        const callee = source.getText(node.callee);
        const array = source.getText(spread.argument);
        const suggest: TSESLint.SuggestionReportDescriptor<MessageId>[] = [];
        // The fix keeps a trailing options object: gather(...aws, opts) → gather.from(aws, opts).
        const [first, options, ...rest] = node.arguments;
        const fixable =
          first === spread &&
          rest.length === 0 &&
          (options === undefined || options.type === AST_NODE_TYPES.ObjectExpression);
        if (fixable) {
          const args = options === undefined ? array : `${array}, ${source.getText(options)}`;
          suggest.push({
            messageId: "useFrom",
            data: { callee, array },
            fix: (fixer) => fixer.replaceText(node, `${callee}.from(${args})`),
          });
        }
        context.report({
          node: spread,
          messageId: "spreadGather",
          data: { callee, array },
          suggest,
        });
      },
    };
  },
});

/** An array literal, or a value typed as a tuple: its length is written in the code. */
function boundedLength(
  node: TSESTree.Expression,
  services: ParserServicesWithTypeInformation,
  checker: ts.TypeChecker,
): boolean {
  if (node.type === AST_NODE_TYPES.ArrayExpression) return true;
  const type = checker.getNonNullableType(services.getTypeAtLocation(node));
  return checker.isTupleType(type);
}

/** asyncio-ts's `gather`: a function of that name that returns a Future and has `from`. */
function isAsyncioGather(
  callee: TSESTree.Expression,
  services: ParserServicesWithTypeInformation,
  checker: ts.TypeChecker,
): boolean {
  if (declaredSymbol(callee, services)?.getName() !== "gather") return false;
  const type = services.getTypeAtLocation(callee);
  if (type.getProperty("from") === undefined) return false;
  const signatures = type.getCallSignatures();
  return (
    signatures.length > 0 &&
    signatures.every((s) => isFuture(checker.getReturnTypeOfSignature(s), checker))
  );
}
