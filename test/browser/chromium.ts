/**
 * Headless Chromium for the browser test: Debian's `chromium` driven by
 * playwright-core (which downloads no browser of its own), and a bundle run
 * in a page or in a dedicated Web Worker with everything it printed
 * collected: the console up to the program's `END` line, anything else the
 * console showed (warnings, errors, failed loads), uncaught errors, and the
 * globals the bundle left on `window`.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

/** Where the browser is: `CHROMIUM_PATH`, else Debian's. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is required for the browser test: apt-get install chromium (or set CHROMIUM_PATH; ${path} does not exist)`,
    );
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    timeout: 20_000,
    // Playwright gives each launch a fresh profile. Without the networking flags
    // Chromium keeps calling home, which a machine without internet pays for.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** How the bundle is loaded: a `<script>` of its format, or a dedicated Worker of that type. */
export type Host = "page" | "worker";

export interface BrowserRun {
  /** What the program printed with console.log, one entry per line, up to and with `END`. */
  readonly transcript: string[];
  /** Whether `END` came. */
  readonly ended: boolean;
  /** Every other console message (`warning: ...`, `error: ...`), the page's own included. */
  readonly noise: string[];
  /** Uncaught errors of the page, and errors the Worker reported to it. */
  readonly errors: string[];
  /** Globals on `window` after the run that a page without the bundle does not have. */
  readonly addedGlobals: string[];
}

const SENTINEL = "END";
const WAIT_MS = 10_000;

/** A page that loads nothing but, maybe, `body` (no favicon request: a 404 would be noise). */
export function htmlPage(body = ""): string {
  return `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>asyncio-ts</title></head><body>${body}</body></html>`;
}

/** The markup that runs `src` (a bundle of `format`) on `host`. */
export function loaderMarkup(src: string, format: "esm" | "iife", host: Host): string {
  if (host === "page") {
    return format === "esm"
      ? `<script type="module" src="${src}"></script>`
      : `<script src="${src}"></script>`;
  }
  // A top-level `const` of a classic script lives as long as the page: the Worker is not collected.
  const type = format === "esm" ? "module" : "classic";
  return `<script>
const worker = new Worker(${JSON.stringify(src)}, { type: "${type}" });
worker.onerror = (event) => console.error("worker error: " + event.message);
</script>`;
}

/** The globals of a page without the bundle, to tell which ones a bundle added. */
export async function baselineGlobals(browser: Browser, url: string): Promise<Set<string>> {
  const page = await browser.newPage();
  try {
    await page.goto(url);
    return new Set(await globalNames(page));
  } finally {
    await page.close();
  }
}

function globalNames(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.getOwnPropertyNames(globalThis));
}

/** Opens `url` and collects what happens until the program prints `END` (or fails, or 10 s pass). */
export async function runPage(
  browser: Browser,
  url: string,
  baseline: ReadonlySet<string>,
): Promise<BrowserRun> {
  const page = await browser.newPage();
  const transcript: string[] = [];
  const noise: string[] = [];
  const errors: string[] = [];
  let ended = false;
  let finish = (): void => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  // An error ends the wait soon, not at once: what the page prints next says more.
  const failSoon = (): void => void setTimeout(finish, 250);
  page.on("console", (message) => {
    if (ended) return;
    if (message.type() !== "log") {
      noise.push(`${message.type()}: ${message.text()}`);
      if (message.type() === "error") failSoon();
      return;
    }
    for (const line of message.text().split("\n")) {
      transcript.push(line);
      if (line === SENTINEL) {
        ended = true;
        finish();
      }
    }
  });
  page.on("pageerror", (error) => {
    errors.push(`${error.name}: ${error.message}`);
    failSoon();
  });
  try {
    const timer = setTimeout(finish, WAIT_MS);
    await page.goto(url);
    await finished;
    clearTimeout(timer);
    const addedGlobals = (await globalNames(page)).filter((name) => !baseline.has(name));
    return { transcript, ended, noise, errors, addedGlobals };
  } finally {
    await page.close();
  }
}

/** How DevTools show one object: its label (`className`) and its one-line description. */
export interface ConsoleLabel {
  /** The class name the program expects DevTools to show. */
  readonly expected: string;
  readonly className: string;
  readonly description: string;
}

/**
 * Opens `url`, whose program prints `END` once `globalThis.labelled` holds
 * `[expected name, object]` pairs, and asks DevTools (the protocol's
 * `Runtime.evaluate`, what the console shows) how it labels each object.
 */
export async function consoleLabels(browser: Browser, url: string): Promise<ConsoleLabel[]> {
  const page = await browser.newPage();
  try {
    const ended = new Promise<void>((resolve, reject) => {
      page.on("console", (message) => message.text() === SENTINEL && resolve());
      page.on("pageerror", reject);
      setTimeout(() => reject(new Error(`no ${SENTINEL} from ${url}`)), WAIT_MS);
    });
    await page.goto(url);
    await ended;
    const session = await page.context().newCDPSession(page);
    const count = await page.evaluate(
      () => (globalThis as { labelled?: unknown[] }).labelled!.length,
    );
    const labels: ConsoleLabel[] = [];
    for (let i = 0; i < count; i++) {
      const expected = await page.evaluate(
        (i) => (globalThis as { labelled?: [string, unknown][] }).labelled![i]![0],
        i,
      );
      const { result } = await session.send("Runtime.evaluate", {
        expression: `labelled[${i}][1]`,
      });
      labels.push({
        expected,
        className: result.className ?? "",
        description: (result.description ?? "").split("\n")[0]!,
      });
    }
    return labels;
  } finally {
    await page.close();
  }
}
