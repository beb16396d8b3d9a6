/**
 * The playground page (dist/playground/index.html, built by `npm run build`)
 * in headless Chromium: it runs the seed's programs when it opens, and each
 * program's printed lines must equal what `npm start -- --virtual` prints in
 * that program's section, with a sequence diagram and a timeline drawn and
 * nothing on the console. The step slider and the editor are driven once
 * each. A screenshot goes to test-output/playground.png for a person to look at.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, test } from "vitest";
import { chromiumPath, launchChromium } from "./browser/chromium.js";
import { type StaticServer, serveDirectory } from "./browser/server.js";

const root = join(import.meta.dirname, "..");
const built = join(root, "dist", "playground");

let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;
const reported: string[] = [];
let expected: Map<string, string[]>;

/** `--- title ---` sections of main.js's output: title → lines. */
function sections(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let lines: string[] | undefined;
  for (const line of stdout.trimEnd().split("\n")) {
    const title = /^--- (.*) ---$/.exec(line)?.[1];
    if (title !== undefined) out.set(title, (lines = []));
    else lines?.push(line);
  }
  return out;
}

interface Shown {
  readonly title: string;
  readonly state: string | undefined;
  readonly lines: string[];
  readonly arrows: number;
  readonly timelines: number;
}

function shown(): Promise<Shown[]> {
  return page.$$eval("section.program", (nodes) =>
    nodes.map((node) => ({
      title: node.querySelector("h2")!.textContent ?? "",
      state: (node as HTMLElement).dataset.state,
      lines: (node.querySelector(".output")!.textContent ?? "").replace(/\n$/, "").split("\n"),
      arrows: node.querySelectorAll(".diagram svg .arrow").length,
      timelines: node.querySelectorAll(".timeline svg[data-iterations]").length,
    })),
  );
}

beforeAll(async () => {
  if (!existsSync(join(built, "index.html"))) {
    throw new Error("dist/playground/index.html is missing: run `npm run build`");
  }
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "main.js"), "--virtual"],
    { timeout: 20_000 },
  );
  expected = sections(stdout);
  server = await serveDirectory(built);
  // Without Chromium this fails every test below with the words that say what to install.
  chromiumPath();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1150, height: 900 } });
  page.on("console", (message) => {
    if (message.type() !== "log") reported.push(`${message.type()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => reported.push(`${error.name}: ${error.message}`));
  await page.goto(`${server.origin}/index.html`);
  await page.waitForSelector("body[data-state=done]", { timeout: 15_000 });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

test("the page runs every seed program npm start runs, and prints what npm start -- --virtual prints", async () => {
  const programs = await shown();
  expect(programs.map((p) => p.title)).toEqual([...expected.keys()]);
  for (const program of programs) {
    expect(program.state, program.title).toBe("done");
    expect(program.lines, program.title).toEqual(expected.get(program.title));
  }
});

test("each program shows a sequence diagram with arrows and a timeline", async () => {
  for (const program of await shown()) {
    expect(program.arrows, program.title).toBeGreaterThanOrEqual(2);
    expect(program.timelines, program.title).toBe(1);
  }
});

test("the step slider moves a cursor over the timeline and lists the iteration's steps", async () => {
  const first = page.locator("#program-0");
  const cursorX = () => first.locator(".timeline svg rect.cursor").getAttribute("x");
  await first.locator("input.step").fill("0");
  const atStart = await cursorX();
  expect(await first.locator(".steps").textContent()).toMatch(
    /^Iteration 0 of 4 · loop time 0 s: Task-\d+ step 1 \(then waits on sleep\(2\)\)$/,
  );
  // Iteration 1 is the loop at 2 s running the sleep's timer: no Task runs in it.
  await first.locator("input.step").fill("1");
  expect(await first.locator(".steps").textContent()).toBe(
    "Iteration 1 of 4 · loop time 2 s: no Task step (callbacks only)",
  );
  expect(Number(await cursorX())).toBeGreaterThan(Number(atStart));
});

test("an edited program runs again with what it now says", async () => {
  const first = page.locator("#program-0");
  await first.locator("summary").first().click();
  const editor = first.locator("textarea");
  await editor.fill(
    (await editor.inputValue()).replace(
      'sendMessage("Anna Herb")',
      'sendMessage("Ada Lovelace", 1)',
    ),
  );
  await first.locator("button").click();
  await page.waitForSelector("#program-0[data-state=done]");
  const [program] = await shown();
  expect(program!.lines).toEqual([
    "Sending message to John Doe",
    "Message sent to John Doe",
    "Sending message to Ada Lovelace",
    "Message sent to Ada Lovelace",
    "Time taken 3.0s",
  ]);
  // Folded again, so the screenshot shows the output the edit made, not the editor.
  await first.locator("summary").first().click();
});

test("nothing reaches the console, and a screenshot is written", async () => {
  expect(reported).toEqual([]);
  const out = join(root, "test-output");
  mkdirSync(out, { recursive: true });
  await page.screenshot({ path: join(out, "playground.png"), fullPage: true });
  expect(existsSync(join(out, "playground.png"))).toBe(true);
});
