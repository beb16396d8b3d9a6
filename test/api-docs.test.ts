/**
 * The API reference (`npm run docs`: TypeDoc with typedoc.json) documents every
 * public symbol as the project's doc-comment format asks: TypeDoc's own
 * validation (nothing undocumented, no broken `{@link}`, nothing referenced
 * but left out) and, on every public symbol and every public member of an
 * exported class, an `@example` and a `@python` tag naming the CPython symbol
 * it ports with the link to its documentation
 * (`asyncio.wait_for — https://docs.python.org/3/library/asyncio-task.html#asyncio.wait_for`).
 * Every docs.python.org link must point at a name CPython has, on the page
 * that documents it: test/fixtures/python-doc-anchors.json, recorded from the
 * oracle by scripts/python-doc-anchors.py (the tests have no internet).
 *
 * "Nothing referenced but left out": an internal type that a public signature
 * mentions (an interface a public class implements for the loop, the type of a
 * parameter users never pass) is listed in typedoc.json's
 * intentionallyNotExported, as `<file>:<name>`, rather than exported only to
 * be documented; a type a user does meet is exported and documented.
 *
 * The test converts the project as `npm run docs` does but renders nothing.
 */
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  Application,
  type Comment,
  type CommentDisplayPart,
  type DeclarationReflection,
  Logger,
  LogLevel,
  type MinimalNode,
  type MinimalSourceFile,
  type ProjectReflection,
  type Reflection,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from "typedoc";
import { beforeAll, describe, expect, test } from "vitest";

/**
 * The folders of the public API, one test each so a failure says whose doc
 * comments to fix; a finding in no folder fails too.
 */
const DOC_FOLDERS = ["src/core", "src/testing", "src/node", "src/tools", "src/cli", "src/eslint"];

const root = join(import.meta.dirname, "..");
const fixture = JSON.parse(
  readFileSync(join(root, "test", "fixtures", "python-doc-anchors.json"), "utf8"),
) as { anchors: Record<string, string | null>; reference: Record<string, string> };

interface Finding {
  /** The source file, relative to the repository ("src/core/tasks.ts"), or "" if unknown. */
  file: string;
  message: string;
}

/** Records TypeDoc's warnings and errors with the file each one is about, when it says. */
class RecordingLogger extends Logger {
  readonly messages: Finding[] = [];
  private file = "";

  protected override addContext(
    message: string,
    _level: Exclude<LogLevel, LogLevel.None>,
    ...args: [MinimalNode?] | [number, MinimalSourceFile]
  ): string {
    const [first, second] = args;
    if (second !== undefined) this.file = second.fileName;
    else if (first !== undefined && typeof first === "object") {
      this.file = first.getSourceFile().fileName;
    } else this.file = "";
    return message;
  }

  override log(message: string, level: LogLevel): void {
    if (level >= LogLevel.Warn) this.messages.push({ file: this.file, message });
    this.file = "";
  }
}

/** The source file that declares a reflection (for a signature, its function's). */
function fileOf(project: ProjectReflection, reflection: Reflection): string {
  let at: Reflection | undefined = reflection;
  while (at !== undefined) {
    const id = project.getSymbolIdFromReflection(at);
    if (id?.fileName !== undefined) return relative(root, id.fileName);
    at = at.parent;
  }
  return "";
}

/** The comments that document a declaration: its own and its signatures'. */
function commentsOf(reflection: DeclarationReflection): Comment[] {
  const signatures = [
    ...(reflection.signatures ?? []),
    reflection.getSignature,
    reflection.setSignature,
  ];
  return [reflection.comment, ...signatures.map((s) => s?.comment)].filter(
    (c): c is Comment => c !== undefined,
  );
}

function text(parts: readonly CommentDisplayPart[]): string {
  return parts.map((p) => p.text).join("");
}

/** "`asyncio.wait_for` — <url>" (words may follow the name) or "no counterpart: <why> — <url>". */
const PYTHON_TAG = /^(?:no counterpart: .+|`[^`]+`.*) — (https:\/\/docs\.python\.org\/\S+)$/;
const DOCS_URL =
  /^https:\/\/docs\.python\.org\/3\/(library|reference)\/([\w.-]+)\.html(?:#([\w.-]+))?$/;

/** What is wrong with a docs.python.org URL, or undefined when it names a real anchor on its page. */
function urlProblem(url: string): string | undefined {
  const match = DOCS_URL.exec(url);
  if (match === null) return `${url} is not https://docs.python.org/3/library/<page>.html#<anchor>`;
  const [, section, page, anchor] = match;
  if (anchor === undefined) return undefined;
  if (section === "reference") {
    return fixture.reference[anchor] === page ? undefined : `${url}: no such section label`;
  }
  if (!(anchor in fixture.anchors)) return `${url}: CPython has no ${anchor}`;
  const documentedOn = fixture.anchors[anchor];
  if (documentedOn !== null && documentedOn !== page) {
    return `${url}: ${anchor} is documented on ${documentedOn}.html`;
  }
  return undefined;
}

/** A public symbol or public member of an exported class, which needs @example and @python. */
function needsExample(reflection: DeclarationReflection): boolean {
  if (reflection.inheritedFrom !== undefined) return false;
  if (reflection.flags.isPrivate || reflection.flags.isProtected) return false;
  if (reflection.kindOf(ReflectionKind.Constructor)) return false;
  // A name re-exported under a namespace (asyncio.subprocess.PIPE is asyncio.PIPE):
  // the reference page links to the symbol, whose own comment is checked.
  if (reflection.kindOf(ReflectionKind.Reference)) return false;
  if (reflection.parent?.kindOf(ReflectionKind.SomeModule)) return true;
  return (
    reflection.parent?.kindOf(ReflectionKind.Class) === true &&
    reflection.kindOf(ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor)
  );
}

/** Our own checks of the format, over every declaration the reference shows. */
function formatFindings(project: ProjectReflection): Finding[] {
  const findings: Finding[] = [];
  for (const reflection of Object.values(project.reflections)) {
    if (!reflection.isDeclaration()) continue;
    const name = reflection.getFriendlyFullName();
    const file = fileOf(project, reflection);
    const comments = commentsOf(reflection);
    for (const comment of comments) {
      const allText = [comment.summary, ...comment.blockTags.map((t) => t.content)]
        .map(text)
        .join("\n");
      for (const url of allText.match(/https:\/\/docs\.python\.org\/[^\s)>\]"'`]*/g) ?? []) {
        const problem = urlProblem(url.replace(/[.,;]$/, ""));
        if (problem !== undefined) findings.push({ file, message: `${name}: ${problem}` });
      }
      for (const tag of comment.getTags("@python")) {
        if (!PYTHON_TAG.test(text(tag.content).trim())) {
          findings.push({
            file,
            message: `${name}: @python should read "\`asyncio.name\` — <url>" or "no counterpart: <why> — <url>", not "${text(tag.content).trim()}"`,
          });
        }
      }
    }
    if (!needsExample(reflection)) continue;
    for (const tag of ["@example", "@python"] as const) {
      if (!comments.some((c) => c.getTag(tag) !== undefined)) {
        findings.push({
          file,
          message: `${name} (${ReflectionKind[reflection.kind]}) has no ${tag}`,
        });
      }
    }
  }
  return findings;
}

let findings: Finding[] = [];

beforeAll(async () => {
  const options = { options: join(root, "typedoc.json"), logLevel: "Warn" } as const;
  const app = await Application.bootstrapWithPlugins(options, [
    new TypeDocReader(),
    new TSConfigReader(),
  ]);
  const logger = new RecordingLogger();
  app.logger = logger;
  const project = await app.convert();
  if (project === undefined) throw new Error(logger.messages.map((m) => m.message).join("\n"));
  app.validate(project);
  // A message about a named reflection belongs to the file that declares it.
  const byName = new Map<string, string>();
  for (const reflection of Object.values(project.reflections)) {
    byName.set(reflection.getFriendlyFullName(), fileOf(project, reflection));
  }
  const typedocFindings = logger.messages.map(({ file, message }) => {
    const definedIn = /defined in (?:asyncio-ts\/)?(\S+?),/.exec(message)?.[1];
    const commentFor = /in comment for (\S+?)(?:\. |$)/.exec(message)?.[1];
    const referencedBy = /is referenced by (\S+) but/.exec(message)?.[1];
    const owner = referencedBy ?? commentFor;
    return {
      file:
        (owner !== undefined ? byName.get(owner) : undefined) ??
        definedIn ??
        (file === "" ? "" : relative(root, file)),
      message,
    };
  });
  findings = [...typedocFindings, ...formatFindings(project)];
}, 180_000);

function inFolder(finding: Finding, folder: string): boolean {
  return finding.file.startsWith(`${folder}/`);
}

describe("the API reference", () => {
  test("every finding belongs to a known folder (anything else fails)", () => {
    const stray = findings.filter((f) => !DOC_FOLDERS.some((folder) => inFolder(f, folder)));
    expect(stray.map((f) => `${f.file}: ${f.message}`)).toEqual([]);
  });

  for (const folder of DOC_FOLDERS) {
    test(`${folder}: every public symbol has a comment with @example and @python, and its links resolve`, () => {
      const mine = findings.filter((f) => inFolder(f, folder));
      expect(mine.map((f) => `${f.file}: ${f.message}`)).toEqual([]);
    });
  }

  test("urlProblem accepts a real anchor and rejects a misspelt one or the wrong page", () => {
    const base = "https://docs.python.org/3/library/";
    expect(urlProblem(`${base}asyncio-task.html#asyncio.wait_for`)).toBeUndefined();
    expect(urlProblem(`${base}asyncio-eventloop.html#asyncio.loop.call_soon`)).toBeUndefined();
    expect(urlProblem(`${base}asyncio-task.html#asyncio.waitfor`)).toMatch(/no asyncio.waitfor/);
    expect(urlProblem(`${base}asyncio-future.html#asyncio.wait_for`)).toMatch(/asyncio-task/);
  });
});
