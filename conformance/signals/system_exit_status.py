# No signal: main raises SystemExit(3) through a finally; asyncio.run lets it
# out, and the interpreter exits with status 3 and prints nothing.
import asyncio


async def main():
    try:
        await asyncio.sleep(0)
        raise SystemExit(3)
    finally:
        print("finally", flush=True)


asyncio.run(main())
print("not reached")
