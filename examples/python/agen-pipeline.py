"""Async generators chained into a pipeline: produce -> transform -> take the
first N, each stage closing the one before it with contextlib.aclosing, the
consumer inside a resource made with contextlib.asynccontextmanager, and
three consumers in a TaskGroup whose ValueError comes out through except*.
The TypeScript twin is examples/agen-pipeline.ts; both print the same lines
(recorded with `--virtual`, on the conformance harness's virtual-time loop,
in examples/python/agen-pipeline.expected.txt)."""
import asyncio
import os
import sys
from collections.abc import AsyncIterator
from contextlib import aclosing, asynccontextmanager

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "conformance"))
from vtloop import VirtualTimeLoop  # noqa: E402

VIRTUAL = "--virtual" in sys.argv


def log(message: str) -> None:
    print(f"{asyncio.get_running_loop().time() - START:4.1f}s {message}")


@asynccontextmanager
async def resource(name: str) -> AsyncIterator[str]:
    log(f"open {name}")
    try:
        yield name.upper()
    except ValueError as e:
        log(f"{name} saw ValueError: {e}")
        raise
    finally:
        await asyncio.sleep(0)
        log(f"close {name}")


async def produce(label: str, n: int) -> AsyncIterator[int]:
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        log(f"{label}: produce closed")


async def transform(src: AsyncIterator[int]) -> AsyncIterator[int]:
    async with aclosing(src) as items:
        async for x in items:
            yield x * x


async def take(n: int, src: AsyncIterator[int]) -> AsyncIterator[int]:
    async with aclosing(src) as items:
        async for x in items:
            if n <= 0:
                break
            yield x
            n -= 1


async def consume(label: str, n: int, fail_at: int | None = None) -> list[int]:
    out: list[int] = []
    async with resource(label) as res:
        async with aclosing(take(n, transform(produce(label, 10)))) as items:
            async for x in items:
                if x == fail_at:
                    raise ValueError(f"{label}: bad item {x}")
                out.append(x)
    log(f"{res} took {' '.join(map(str, out))}")
    return out


async def main() -> None:
    global START
    START = asyncio.get_running_loop().time()
    print("sum:", sum(await consume("one", 3)))
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(consume("two", 5, fail_at=4))
            tg.create_task(consume("three", 5, fail_at=16))
            tg.create_task(consume("four", 5))
    except* ValueError as eg:
        for e in eg.exceptions:
            log(f"ValueError: {e}")
    except* KeyError as eg:
        log(f"KeyError: {len(eg.exceptions)}")
    log("after the group")


START = 0.0
asyncio.run(main(), loop_factory=VirtualTimeLoop if VIRTUAL else None)
