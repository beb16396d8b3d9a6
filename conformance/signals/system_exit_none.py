# No signal: SystemExit() with no code, from a Task main awaits, exits 0
# and prints nothing; an atexit function runs first.
import asyncio
import atexit

atexit.register(lambda: print("atexit", flush=True))


async def child():
    raise SystemExit()


async def main():
    await asyncio.create_task(child())


asyncio.run(main())
print("not reached")
