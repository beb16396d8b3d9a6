// Program: a rate-limited crawler over a fake in-process network, written as
// people write one. A Semaphore bounds the requests in flight, wait_for gives
// each page a deadline (a slow page times out, a missing one raises), each
// depth is fetched with as_completed, and a final gather with
// return_exceptions re-checks a few pages under a tighter deadline.

import * as asyncio from "../../src/index.js";
import { describe, now, show, startClock } from "./_trace.js";

// path -> [latency in seconds, links on the page]
const PAGES = new Map<string, [number, string[]]>([
  ["/", [0.25, ["/a", "/b", "/c"]]],
  ["/a", [0.5, ["/a/1", "/b"]]],
  ["/b", [0.375, ["/b/1", "/missing"]]],
  ["/c", [2.5, ["/never"]]],
  ["/a/1", [0.625, ["/"]]],
  ["/b/1", [0.25, []]],
]);

class NotFound extends Error {}

class FakeNetwork {
  sem: asyncio.Semaphore;
  inFlight = 0;
  peak = 0;
  requests = 0;

  constructor(limit: number) {
    this.sem = new asyncio.Semaphore(limit);
  }

  *get(path: string): asyncio.Coroutine<string[]> {
    return yield* asyncio.asyncWith(
      this.sem,
      function* (this: FakeNetwork) {
        this.requests += 1;
        this.inFlight += 1;
        this.peak = Math.max(this.peak, this.inFlight);
        try {
          const page = PAGES.get(path);
          if (page === undefined) {
            yield* asyncio.sleep(0.1);
            throw new NotFound(path);
          }
          const [latency, links] = page;
          yield* asyncio.sleep(latency);
          return links;
        } finally {
          this.inFlight -= 1;
        }
      }.bind(this),
    );
  }
}

function* fetch(
  net: FakeNetwork,
  path: string,
  deadline = 1.0,
): asyncio.Coroutine<[string, string[]]> {
  let links: string[];
  try {
    links = yield* asyncio.waitFor(net.get(path), deadline);
  } catch (e) {
    if (e instanceof asyncio.TimeoutError) {
      console.log(`${now()} timeout ${path}`);
      return [path, []];
    }
    if (e instanceof NotFound) {
      console.log(`${now()} 404 ${describe(e)}`);
      return [path, []];
    }
    throw e;
  }
  console.log(`${now()} fetched ${path} -> ${links.length} links`);
  return [path, links];
}

function* crawl(net: FakeNetwork, root: string): asyncio.Coroutine<Set<string>> {
  const seen = new Set([root]);
  let frontier = [root];
  let depth = 0;
  while (frontier.length > 0) {
    console.log(`${now()} depth ${depth}: ${show([...frontier].sort())}`);
    const found: string[] = [];
    for (const nextDone of asyncio.asCompleted(frontier.map((p) => fetch(net, p)))) {
      const [_path, links] = yield* nextDone;
      for (const link of links) {
        if (!seen.has(link)) {
          seen.add(link);
          found.push(link);
        }
      }
    }
    frontier = found;
    depth += 1;
  }
  return seen;
}

function* main(): asyncio.Coroutine<void> {
  startClock();
  const net = new FakeNetwork(2);
  const seen = yield* crawl(net, "/");
  console.log(`${now()} crawled ${seen.size} pages in ${net.requests} requests, peak ${net.peak}`);
  console.log(show([...seen].sort()));

  function* strict(path: string): asyncio.Coroutine<string[]> {
    return yield* asyncio.waitFor(net.get(path), 0.55);
  }

  const results = yield* asyncio.gather(...["/b", "/a", "/zzz", "/"].map((p) => strict(p)), {
    returnExceptions: true,
  });
  for (const r of results) {
    console.log(`  ${show(r)}`);
  }
  console.log(`${now()} done, ${net.inFlight} in flight, sem locked: ${show(net.sem.locked())}`);
}

await asyncio.run(main(), { virtualTime: true });
