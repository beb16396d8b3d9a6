# Program: a rate-limited crawler over a fake in-process network, written as
# people write one. A Semaphore bounds the requests in flight, wait_for gives
# each page a deadline (a slow page times out, a missing one raises), each
# depth is fetched with as_completed, and a final gather with
# return_exceptions re-checks a few pages under a tighter deadline.
import asyncio
from vtloop import vtrun
from _trace import describe, now, show, start_clock

# path -> (latency in seconds, links on the page)
PAGES = {
    "/": (0.25, ["/a", "/b", "/c"]),
    "/a": (0.5, ["/a/1", "/b"]),
    "/b": (0.375, ["/b/1", "/missing"]),
    "/c": (2.5, ["/never"]),
    "/a/1": (0.625, ["/"]),
    "/b/1": (0.25, []),
}


class NotFound(Exception):
    pass


class FakeNetwork:
    def __init__(self, limit):
        self.sem = asyncio.Semaphore(limit)
        self.in_flight = 0
        self.peak = 0
        self.requests = 0

    async def get(self, path):
        async with self.sem:
            self.requests += 1
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            try:
                if path not in PAGES:
                    await asyncio.sleep(0.1)
                    raise NotFound(path)
                latency, links = PAGES[path]
                await asyncio.sleep(latency)
                return links
            finally:
                self.in_flight -= 1


async def fetch(net, path, deadline=1.0):
    try:
        links = await asyncio.wait_for(net.get(path), timeout=deadline)
    except TimeoutError:
        print(f"{now()} timeout {path}")
        return path, []
    except NotFound as e:
        print(f"{now()} 404 {describe(e)}")
        return path, []
    print(f"{now()} fetched {path} -> {len(links)} links")
    return path, links


async def crawl(net, root):
    seen = {root}
    frontier = [root]
    depth = 0
    while frontier:
        print(f"{now()} depth {depth}: {show(sorted(frontier))}")
        found = []
        for next_done in asyncio.as_completed([fetch(net, p) for p in frontier]):
            path, links = await next_done
            for link in links:
                if link not in seen:
                    seen.add(link)
                    found.append(link)
        frontier = found
        depth += 1
    return seen


async def main():
    start_clock()
    net = FakeNetwork(2)
    seen = await crawl(net, "/")
    print(f"{now()} crawled {len(seen)} pages in {net.requests} requests, peak {net.peak}")
    print(show(sorted(seen)))

    async def strict(path):
        return await asyncio.wait_for(net.get(path), timeout=0.55)

    results = await asyncio.gather(*(strict(p) for p in ("/b", "/a", "/zzz", "/")),
                                   return_exceptions=True)
    for r in results:
        print(f"  {show(r)}")
    print(f"{now()} done, {net.in_flight} in flight, sem locked: {net.sem.locked()}")


vtrun(main())
