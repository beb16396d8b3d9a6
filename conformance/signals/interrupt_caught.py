# A KeyboardInterrupt caught around run() leaves the program in control:
# it exits normally.
# send: SIGINT
import asyncio


async def main():
    try:
        print("ready", flush=True)
        await asyncio.sleep(3600)
    except asyncio.CancelledError as e:
        print(f"main got {type(e).__name__}", flush=True)
        raise


try:
    asyncio.run(main())
except KeyboardInterrupt as e:
    print(f"run raised {type(e).__name__}", flush=True)
