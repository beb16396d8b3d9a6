/**
 * The SVG timeline (tools/trace-svg.ts), read back with a strict XML parser:
 * a lane per Task, a box per step with its tooltip, waits coloured by what
 * they waited on, arrows from creators and wakers, end markers, lanes that
 * fold for hundreds of Tasks, and every name escaped.
 */
import * as asyncio from "asyncio-ts";
import { describe, expect, test } from "vitest";
import { failAfter, runVirtual } from "./helpers.js";
import { wakings } from "./trace-program.js";
import { byClass, findAll, ownText, parseXml, titleOf, type XmlElement } from "./xml.js";

const lanes = (svg: XmlElement) => byClass(svg, "g", "lane");
const laneOf = (svg: XmlElement, name: string): XmlElement => {
  const lane = lanes(svg).find((g) =>
    g.children.some((c) => typeof c !== "string" && c.name === "text" && ownText(c) === name),
  );
  if (lane === undefined) throw new Error(`no lane ${name}`);
  return lane;
};
/** The arrows drawn over the lanes (the legend has one of each too). */
const arrows = (svg: XmlElement, kind: "created" | "woke") =>
  svg.children.filter(
    (e): e is XmlElement =>
      typeof e !== "string" && e.name === "path" && e.attributes.class === `arrow ${kind}`,
  );
const labelOf = (lane: XmlElement) => ownText(findAll(lane, (e) => e.name === "text")[0]!);
const titles = (elements: readonly XmlElement[]) => elements.map((e) => titleOf(e) ?? "");

describe("the SVG timeline", () => {
  test("a standalone SVG document: a lane per Task in creation order, a box per step", async () => {
    const trace = await runVirtual(wakings());
    const source = asyncio.toSvg(trace);
    const svg = parseXml(source);
    expect(svg.name).toBe("svg");
    expect(svg.attributes.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(svg.attributes.viewBox).toBe(`0 0 ${svg.attributes.width} ${svg.attributes.height}`);
    expect(findAll(svg, (e) => e.name === "script" || e.name === "foreignObject")).toEqual([]);
    expect(source).not.toMatch(/href|url\((?!#)|@import/);
    const labels = lanes(svg).map(labelOf);
    expect(labels).toEqual(trace.tasks.map((t) => t.name));
    for (const task of trace.tasks) {
      expect(byClass(laneOf(svg, task.name), "rect", "step"), task.name).toHaveLength(
        task.steps.length,
      );
    }
  });

  test("hovering a step says which step of which Task it was, what came next and what woke it", async () => {
    const trace = await runVirtual(wakings());
    const svg = parseXml(asyncio.toSvg(trace));
    const [first, second] = titles(byClass(laneOf(svg, "sleeper"), "rect", "step"));
    expect(first).toBe("sleeper step 1: waits on sleep(1)\niteration 1, loop time 0 s");
    expect(second).toMatch(
      /^sleeper step 2: returned\niteration \d+, loop time 1 s\nwoken by a timer$/,
    );
    const getter = titles(byClass(laneOf(svg, "getter"), "rect", "step"));
    expect(getter[1]).toMatch(/\nwoken by main step 2$/);
  });

  test("waits are shaded by what they wait on, and the legend names each kind shown", async () => {
    const trace = await runVirtual(wakings());
    const svg = parseXml(asyncio.toSvg(trace));
    const kindOf = (name: string) =>
      byClass(laneOf(svg, name), "rect", "wait")[0]!.attributes.class;
    expect(kindOf("sleeper")).toBe("wait w-sleep");
    expect(kindOf("getter")).toBe("wait w-queue");
    expect(kindOf("awaiter")).toBe("wait w-task");
    expect(kindOf("eventual")).toBe("wait w-event");
    expect(kindOf("grouped")).toBe("wait w-taskgroup");
    expect(kindOf("gathering")).toBe("wait w-gather");
    expect(kindOf("promised")).toBe("wait w-promise");
    expect(kindOf("called back")).toBe("wait w-other");
    expect(kindOf("main")).toBe("wait w-sleep");
    const [legend] = byClass(svg, "g", "legend");
    const words = findAll(legend!, (e) => e.name === "text").map(ownText);
    expect(words).toEqual(
      expect.arrayContaining([
        "waits on sleep()",
        "waits on Queue get / put",
        "waits on another Task",
        "waits on Event.wait()",
        "waits on gather()",
        "waits on TaskGroup children",
        "waits on a Promise",
        "waits on other Future",
      ]),
    );
    expect(words).not.toContain("waits on Lock, Semaphore, Condition");
    const sleepBand = byClass(laneOf(svg, "sleeper"), "rect", "wait")[0]!;
    expect(titleOf(sleepBand)).toMatch(
      /^sleeper waits on sleep\(1\)\niterations 1–\d+, loop time 0 → 1 s\nwoken by a timer$/,
    );
  });

  test("an arrow from each creator's step and from each step that woke a Task in another lane", async () => {
    const trace = await runVirtual(wakings());
    const svg = parseXml(asyncio.toSvg(trace));
    const created = arrows(svg, "created");
    const woke = arrows(svg, "woke");
    expect(created).toHaveLength(trace.tasks.filter((t) => t.createdBy !== undefined).length);
    const links = trace.tasks.flatMap((t) =>
      t.steps.filter((s) => s.wokenBy?.kind === "step" && s.wokenBy.task !== t.id),
    );
    expect(woke).toHaveLength(links.length);
    expect(titles(created)).toContain("main step 1 created sleeper");
    expect(titles(woke)).toEqual(
      expect.arrayContaining([
        "sleeper step 2 woke awaiter step 2",
        "main step 2 woke getter step 2",
        "main step 2 woke cancelled step 2",
        "child step 2 woke grouped step 2",
      ]),
    );
    for (const arrow of [...created, ...woke]) {
      expect(arrow.attributes.d).toMatch(/^M[\d.]+,[\d.]+V[\d.]+/);
      expect(arrow.attributes["marker-end"]).toMatch(/^url\(#asyncio-(created|woke)\)$/);
    }
  });

  test("how each Task ended: returned, raised (with the error written), cancelled; a pending one has no end", async () => {
    const trace = await runVirtual(wakings());
    const svg = parseXml(asyncio.toSvg(trace));
    const end = (name: string) => byClass(laneOf(svg, name), "g", "end");
    expect(end("sleeper")[0]!.attributes.class).toBe("end returned");
    expect(end("cancelled")[0]!.attributes.class).toBe("end cancelled");
    const failing = end("failing")[0]!;
    expect(failing.attributes.class).toBe("end raised");
    expect(titleOf(failing)).toBe("failing raised ZeroDivisionError: division by zero");
    expect(byClass(failing, "text", "err").map(ownText)).toEqual([
      "ZeroDivisionError: division by zero",
    ]);
    expect(end("main")).toEqual([]);
  });

  test("the loop's clock above the columns, iteration numbers below", async () => {
    const trace = await runVirtual(wakings());
    const svg = parseXml(asyncio.toSvg(trace));
    const axis = byClass(svg, "text", "axis").map(ownText);
    expect(axis).toEqual(
      expect.arrayContaining(["loop time (s)", "0", "0.5", "1", "2", "iteration"]),
    );
  });
});

describe("loop times that print alike", () => {
  // On the real clock iterations microseconds apart round to one label (0.762 0.762 …):
  // steps 0.0004 s apart on the virtual clock make the same times.
  function* ticking(): asyncio.Coroutine<asyncio.Trace> {
    const tracer = asyncio.startTracing();
    for (let i = 0; i < 6; i++) yield* asyncio.sleep(0.0004);
    return tracer.stop();
  }

  test("get one label on the SVG's time axis", async () => {
    const trace = await runVirtual(ticking());
    const labels = byClass(parseXml(asyncio.toSvg(trace)), "text", "axis")
      .filter((label) => titleOf(label)?.startsWith("loop time"))
      .map(ownText);
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });

  test("get one label on the text picture's time axis", async () => {
    const trace = await runVirtual(ticking());
    const lines = asyncio.formatTrace(trace).split("\n");
    const at = lines.findIndex((line) => line.startsWith("loop time"));
    // The axis's row, and its second row when labels overflow onto one.
    const axis = lines.slice(at, lines[at + 1]!.startsWith(" ") ? at + 2 : at + 1);
    const labels = axis.flatMap((line) => line.replace("loop time", "").trim().split(/\s+/));
    expect(labels.length).toBeGreaterThan(1);
    expect(new Set(labels).size).toBe(labels.length);
  });
});

describe("the SVG timeline, with many Tasks", () => {
  function* spawner(
    count: number,
    delay: (i: number, k: number) => number,
  ): asyncio.Coroutine<asyncio.Trace> {
    asyncio.currentTask()!.setName("main");
    const tracer = asyncio.startTracing();
    const tasks: asyncio.Task<void>[] = [];
    for (let i = 0; i < count; i++) {
      tasks.push(
        asyncio.createTask(
          (function* () {
            for (let k = 0; k < 10; k++) yield* asyncio.sleep(delay(i, k));
          })(),
          { name: `worker ${i}` },
        ),
      );
    }
    yield* asyncio.gather(...tasks);
    return tracer.stop();
  }

  const varied = (i: number, k: number) => ((i * 7 + k * 13) % 50) / 10 + 0.1;

  test("a program on a virtual clock draws the same SVG on every run", async () => {
    const [a, b] = [await runVirtual(spawner(20, varied)), await runVirtual(spawner(20, varied))];
    expect(asyncio.toSvg(a)).toBe(asyncio.toSvg(b));
  });

  test("500 Tasks that did the same share one lane", async () => {
    const trace = await runVirtual(spawner(500, () => 0.5));
    const source = asyncio.toSvg(trace);
    const svg = parseXml(source);
    const labels = lanes(svg).map(labelOf);
    const first = trace.tasks[1]!.name;
    const last = trace.tasks[500]!.name;
    expect(labels).toEqual(["main", `${first} … ${last} (500 alike)`]);
    const [arrow] = arrows(svg, "created");
    expect(titleOf(arrow!)).toMatch(/^main step 1 created 500 Tasks: /);
    expect(arrows(svg, "created")).toHaveLength(1);
    expect(source.length).toBeLessThan(50_000);
  });

  test("500 Tasks that all differ: the first lanes up to maxLanes, the rest folded into one, under a megabyte", async () => {
    const trace = await runVirtual(spawner(500, varied));
    expect(trace.iterations.length).toBeGreaterThan(50);
    const source = asyncio.toSvg(trace);
    expect(source.length).toBeLessThan(1_000_000);
    const svg = parseXml(source);
    const all = lanes(svg);
    expect(all).toHaveLength(40);
    expect(labelOf(all[39]!)).toMatch(/^\d+ more Tasks$/);
    // Every Task is in one lane: alone, among alike ones, or among the rest.
    const counted = all
      .map(labelOf)
      .map((label) =>
        Number(/\((\d+) alike\)$|^(\d+) more Tasks$/.exec(label)?.slice(1).find(Boolean) ?? 1),
      );
    expect(counted.reduce((a, b) => a + b)).toBe(trace.tasks.length);
    expect(titles(byClass(all[39]!, "rect", "step"))[0]).toMatch(
      /^iterations? [\d–]+: \d+ steps? of these \d+ Tasks$/,
    );
    const small = parseXml(asyncio.toSvg(trace, { maxLanes: 5 }));
    expect(lanes(small)).toHaveLength(5);
  });
});

describe("the SVG timeline, at its edges", () => {
  test("a Task's name, an error's message and the title are escaped", async () => {
    const name = `<script>&"'</script>`;
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        const task = asyncio.createTask(failAfter(0, new Error(`<b>&amp;</b>\u0000`)), { name });
        yield* asyncio.gather(task, { returnExceptions: true });
        return tracer.stop();
      })(),
    );
    const source = asyncio.toSvg(trace, { title: `a & b <c>` });
    expect(source).not.toContain("<script");
    expect(source).not.toContain("<b>");
    const svg = parseXml(source);
    expect(findAll(svg, (e) => e.name === "script" || e.name === "b")).toEqual([]);
    expect(
      ownText(
        laneOf(svg, name).children.find(
          (c): c is XmlElement => typeof c !== "string" && c.name === "text",
        )!,
      ),
    ).toBe(name);
    expect(byClass(svg, "text", "err").map(ownText)).toEqual([`Error: <b>&amp;</b>\ufffd`]);
    expect(byClass(svg, "text", "h").map(ownText)).toEqual(["a & b <c>"]);
  });

  test("put in a page, its stylesheet styles the picture alone: every selector is scoped under the root's class", async () => {
    const svg = parseXml(asyncio.toSvg(await runVirtual(wakings())));
    expect(svg.attributes.class).toBe("asyncio-trace");
    const style = findAll(svg, (e) => e.name === "style");
    expect(style.length).toBe(1);
    const rules = [...ownText(style[0]!).matchAll(/([^{}]+)\{[^}]*\}/g)].map((m) => m[1]!);
    expect(rules.length).toBeGreaterThan(20);
    const selectors = rules.flatMap((rule) => rule.split(","));
    // The page's `text`, `.grid` or `.step` would otherwise be restyled by the picture.
    expect(selectors.filter((s) => !/^\.asyncio-trace [^ ]/.test(s))).toEqual([]);
    expect(selectors).toContain(".asyncio-trace text");
    expect(selectors).toContain(".asyncio-trace .returned circle");
  });

  test("an empty trace is a picture too; a width or maxLanes that is not a number is a RangeError", () => {
    const empty: asyncio.Trace = { iterations: [], tasks: [], events: [], startedIn: null };
    const svg = parseXml(asyncio.toSvg(empty));
    expect(lanes(svg)).toEqual([]);
    for (const bad of [Number.NaN, 0, Number.POSITIVE_INFINITY]) {
      expect(() => asyncio.toSvg(empty, { width: bad })).toThrow(RangeError);
      expect(() => asyncio.toSvg(empty, { maxLanes: bad })).toThrow(RangeError);
    }
  });

  test("no wider than asked: more iterations than a few pixels each share columns", async () => {
    const trace = await runVirtual(
      (function* () {
        const tracer = asyncio.startTracing();
        yield* asyncio.createTask(
          (function* () {
            for (let i = 0; i < 2000; i++) yield* asyncio.sleep(0);
          })(),
          { name: "spinner" },
        );
        return tracer.stop();
      })(),
    );
    const source = asyncio.toSvg(trace, { width: 600 });
    const svg = parseXml(source);
    expect(Number(svg.attributes.width)).toBeLessThanOrEqual(600);
    const boxes = byClass(laneOf(svg, "spinner"), "rect", "step");
    expect(boxes.length).toBeLessThan(300);
    expect(titleOf(boxes[1]!)).toMatch(
      /^spinner steps \d+–\d+, the last: yields\niterations \d+–\d+, loop time 0 s$/,
    );
    expect(source.length).toBeLessThan(200_000);
    // The geometry a page needs to point at an iteration's column (the playground's slider).
    const geometry = (name: string) => Number(svg.attributes[`data-${name}`]);
    expect(geometry("iterations")).toBe(trace.iterations.length);
    expect(geometry("columns")).toBeLessThan(geometry("iterations"));
    const right = geometry("plot-left") + geometry("columns") * geometry("column-width");
    expect(right).toBeLessThanOrEqual(Number(svg.attributes.width));
    expect(geometry("plot-bottom")).toBeGreaterThan(geometry("plot-top"));
  });
});
