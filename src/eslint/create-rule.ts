/**
 * How every rule of the plugin is made: typescript-eslint's RuleCreator, with
 * each rule's documentation URL pointing at its page in docs/eslint/, which
 * the package ships beside dist/ (a file URL, so it opens the page of the
 * installed version, offline).
 */
import { ESLintUtils } from "@typescript-eslint/utils";

/** What a rule's `meta.docs` says beyond ESLint's own fields. */
export interface AsyncioRuleDocs {
  /** The flake8-async / ruff / CPython check this rule ports, for the docs. */
  pythonAnalogue: string;
  /** Every rule here reads types: it needs `parserOptions.projectService` (or `project`). */
  requiresTypeChecking: true;
}

/** The doc page of `rule`: dist/src/eslint/ → docs/eslint/<rule>.md (and the same from src/eslint/). */
export function docsUrl(rule: string): string {
  return new URL(`../../${dirDepth()}docs/eslint/${rule}.md`, import.meta.url).href;
}

/** Built, this file is in dist/src/eslint/, one folder deeper than its source in src/eslint/. */
function dirDepth(): string {
  return import.meta.url.includes("/dist/src/eslint/") ? "../" : "";
}

export const createRule = ESLintUtils.RuleCreator<AsyncioRuleDocs>(docsUrl);
