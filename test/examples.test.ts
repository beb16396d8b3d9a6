/**
 * The seed's programs print exactly what CPython prints: examples/main.ts in
 * virtual time against examples/python/seed.py's recorded output
 * (regenerate with `npm run examples:record`), and with `--diagrams` the
 * tutorial's sequence diagrams.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

const root = join(import.meta.dirname, "..");

test("npm start -- --virtual prints the tutorial's lines in CPython's order", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "main.js"), "--virtual"],
    { timeout: 20_000 },
  );
  const expected = readFileSync(join(root, "examples", "python", "seed.expected.txt"), "utf8");
  expect(stdout).toBe(expected);
  expect(stdout).toContain("Time taken 4.0s");
  expect(stdout.match(/Time taken 2\.0s/g)).toHaveLength(3);
});

test("npm start -- --virtual --diagrams prints each program's sequence diagram after its output", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "main.js"), "--virtual", "--diagrams"],
    { timeout: 20_000 },
  );
  const blocks = [...stdout.matchAll(/\n```mermaid\n([^`]*)```\n/g)].map((m) => m[1]!.trimEnd());
  // Without the diagrams, the very output CPython prints.
  const expected = readFileSync(join(root, "examples", "python", "seed.expected.txt"), "utf8");
  expect(stdout.replace(/\n```mermaid\n[^`]*```\n/g, "")).toBe(expected);
  expect(blocks).toHaveLength(expected.match(/^--- /gm)!.length);
  // The tutorial's two diagrams, for its first two programs (the TaskGroup draws the second).
  const tutorial = (...arrows: string[]): string => ["sequenceDiagram", ...arrows].join("\n");
  const scheduleJohn = 'Coroutine ->>EventLoop: schedule:sendMessage("John Doe")';
  const scheduleAnna = 'Coroutine ->>EventLoop: schedule:sendMessage("Anna Herb")';
  const johnDone = 'EventLoop -->>Coroutine: "Completed message to John Doe"';
  const annaDone = 'EventLoop -->>Coroutine: "Completed message to Anna Herb"';
  expect(blocks[0]).toBe(tutorial(scheduleJohn, johnDone, scheduleAnna, annaDone));
  expect(blocks[1]).toBe(tutorial(scheduleJohn, scheduleAnna, johnDone, annaDone));
  expect(blocks[2]).toBe(blocks[1]);
  // README shows the second.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  expect(readme).toContain(`\n\`\`\`mermaid\n${blocks[1]}\n\`\`\`\n`);
  expect(blocks[3]).toContain('schedule:sendMessage("Chris Jakson")');
  // The loop by hand has no main coroutine: the script schedules both Tasks.
  expect(blocks.at(-1)).toBe(
    tutorial(
      scheduleJohn,
      johnDone,
      'Coroutine ->>EventLoop: schedule:sendMessage("Anna Herb", 1)',
      annaDone,
    ),
  );
});

/** What `examples/python/NAME.py` printed under CPython, as `npm run examples:record` recorded it. */
function cpythonOutput(name: string): string {
  return readFileSync(join(root, "examples", "python", `${name}.expected.txt`), "utf8");
}

async function runExample(name: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", `${name}.js`), "--virtual"],
    { timeout: 20_000 },
  );
  return stdout;
}

test("bounded-fetch never has more than three downloads in flight and fetches all ten", async () => {
  const out = await runExample("bounded-fetch");
  const inFlight = [...out.matchAll(/\((\d+) in flight\)/g)].map((m) => Number(m[1]));
  expect(inFlight).toHaveLength(10);
  expect(Math.max(...inFlight)).toBe(3);
  expect(out).toMatch(/3\.00s {2}fetched 10 items, 26000 bytes, at most 3 at once\n$/);
});

test("the pipeline handles every job once and ends with its consumers cancelled", async () => {
  const out = await runExample("pipeline");
  const last = out.trimEnd().split("\n").at(-1)!;
  expect(last).toMatch(/^\[ 5\.00s\] 3 consumers cancelled; handled 8 jobs: /);
  const handled = last.split(": ")[1]!.split(", ").sort();
  expect(handled).toEqual(["P1-1", "P1-2", "P1-3", "P1-4", "P2-1", "P2-2", "P2-3", "P2-4"]);
});

test("cpu-in-worker counts primes in a worker while the ticker keeps ticking", async () => {
  const out = await runExample("cpu-in-worker");
  expect(out).toMatch(/^tick 1: the loop is free$/m);
  expect(out.trimEnd().split("\n").at(-1)).toMatch(
    /^216816 primes below 3,000,000, counted in a worker in \d+\.\d\ds$/,
  );
});

test("protocols prints what its CPython original prints (TCP protocols, UDP ping)", async () => {
  expect(await runExample("protocols")).toBe(cpythonOutput("protocols"));
});

test("asyncio-docs prints what its CPython original prints (the asyncio documentation's examples, on a virtual clock)", async () => {
  const out = await runExample("asyncio-docs");
  expect(out).toBe(cpythonOutput("asyncio-docs"));
  expect(out).toContain("3 workers slept in parallel for 3.75 seconds\n");
  expect(out).toContain("<Barrier [draining, waiters:0/3]>\nbarrier passed\n");
  expect(out).toContain("Looks like we haven't finished on time.\n");
  expect(out).toMatch(
    /--- asyncio-eventloop: call_later displays the date ---\n0\.0\n1\.0\n2\.0\n3\.0\n4\.0\n$/,
  );
});

test("agen-pipeline prints what its CPython original prints (async generators chained with aclosing, a ported asynccontextmanager, except*)", async () => {
  const out = await runExample("agen-pipeline");
  expect(out).toBe(cpythonOutput("agen-pipeline"));
  // Each stage closed the one before it at once: every producer's finally ran before its resource closed.
  expect(out).toContain(" 0.4s one: produce closed\n 0.4s close one\n");
  expect(out).toContain(" 0.7s two saw ValueError: two: bad item 4\n");
  expect(out).toMatch(/ 0\.7s ValueError: two: bad item 4\n 0\.7s after the group\n$/);
});

test("streams prints what its CPython original prints (framed TCP, a child's pipes, kill on timeout)", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "streams.js")],
    { timeout: 20_000 },
  );
  expect(stdout).toBe(cpythonOutput("streams"));
  expect(stdout).toContain("server: bob left mid-frame: 3 of 9 bytes\n");
  expect(stdout).toMatch(/hang: status -9 then 0 bytes\n$/);
});

test("echo: the server upper-cases each line the client sends", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "echo.js")],
    { timeout: 20_000 },
  );
  expect(stdout).toMatch(/client: hello -> HELLO\nclient: asyncio -> ASYNCIO\n/);
  expect(stdout).toMatch(/server: client left\n$/);
});

test("run-commands collects every command's status and output in the order given", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "run-commands.js")],
    { timeout: 20_000 },
  );
  const lines = stdout.trimEnd().split("\n");
  expect(lines.slice(0, 3)).toEqual([
    '[sleep 0.3; echo slow] exited with 0: stdout="slow" stderr=""',
    '[echo fast] exited with 0: stdout="fast" stderr=""',
    '[echo to stderr 1>&2; exit 2] exited with 2: stdout="" stderr="to stderr"',
  ]);
  expect(lines[3]).toMatch(/^all done in \d\.\ds$/);
});

test("chat: every member hears the two others", async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(root, "dist", "examples", "chat.js")],
    { timeout: 20_000 },
  );
  expect(stdout).toBe(
    [
      "ann heard: bob: hi ann | cat: good morning",
      "bob heard: ann: hello all | cat: good morning",
      "cat heard: ann: hello all | bob: hi ann",
      "",
    ].join("\n"),
  );
});

test("the trace example draws the pipeline's Tasks, the same picture on every run", async () => {
  const [first, second] = await Promise.all([runExample("trace"), runExample("trace")]);
  expect(first).toBe(second);
  const picture = first.slice(first.indexOf("loop time"));
  for (const name of ["main", "C1", "C2", "C3"])
    expect(picture).toMatch(new RegExp(`^${name} `, "m"));
  expect(picture).toMatch(/^C1 .*⊘ +\d+ steps, cancelled$/m);
  expect(picture).toMatch(/^main .* steps, running$/m);
  expect(picture).toContain("loop time 0 → 5 s; 6 tasks");
  // README shows this very picture.
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const shown = readme.slice(readme.indexOf("```\nloop time") + 4);
  expect(shown.slice(0, shown.indexOf("```"))).toBe(picture);
});

test("the trace example's --svg draws the timeline docs/trace-pipeline.svg shows", async () => {
  const dir = mkdtempSync(join(tmpdir(), "trace-svg-"));
  try {
    const file = join(dir, "pipeline.svg");
    await promisify(execFile)(
      process.execPath,
      [join(root, "dist", "examples", "trace.js"), "--virtual", "--svg", file],
      { timeout: 20_000 },
    );
    const drawn = readFileSync(file, "utf8");
    expect(drawn).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(drawn).toBe(readFileSync(join(root, "docs", "trace-pipeline.svg"), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
